import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Activity, Edition

MONTHS = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]


class CatalogueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        field_name="activity__kind",
        choices=Activity.Kind.choices,
        empty_label=_("All kinds"),
    )
    audience = django_filters.ChoiceFilter(
        label=_("Audience"),
        field_name="activity__audience",
        choices=Activity.Audience.choices,
        empty_label=_("All audiences"),
    )
    month = django_filters.ChoiceFilter(
        label=_("Month"), choices=MONTHS, method="filter_month", empty_label=_("All months")
    )
    places_left = django_filters.BooleanFilter(
        label=_("Places left"),
        method="filter_places_left",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Edition
        fields = ["q", "kind", "audience", "month", "places_left"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(activity__title__icontains=value) | Q(activity__description__icontains=value)
        )

    def filter_month(self, queryset, name, value):
        return queryset.filter(first_date__month=int(value))

    def filter_places_left(self, queryset, name, value):
        return queryset.filter(places_left__gt=0) if value else queryset
