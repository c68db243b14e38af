import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Person, Rayon, active_membership


def rayon_choices():
    return [(str(pk), name) for pk, name in Rayon.objects.values_list("pk", "name")]


def _yes_no_all():
    return forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))])


def _active_membership(queryset, prefix, value):
    active = active_membership(prefix)
    if value is True:
        return queryset.filter(active)
    if value is False:
        return queryset.exclude(active)
    return queryset


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="filter_q")
    rayon = django_filters.ChoiceFilter(
        label=_("Rayon"), choices=rayon_choices, empty_label=_("All rayons")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Organisation.Kind.choices, empty_label=_("All kinds")
    )
    active = django_filters.BooleanFilter(
        label=_("Active membership"), method="filter_active", widget=_yes_no_all()
    )

    class Meta:
        model = Organisation
        fields = ["q", "rayon", "kind", "active"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(city__icontains=value))

    def filter_active(self, queryset, name, value):
        return _active_membership(queryset, "", value)


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="filter_q")
    rayon = django_filters.ChoiceFilter(
        label=_("Rayon"),
        field_name="organisation__rayon",
        choices=rayon_choices,
        empty_label=_("All rayons"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"),
        field_name="organisation__kind",
        choices=Organisation.Kind.choices,
        empty_label=_("All kinds"),
    )
    function = django_filters.ChoiceFilter(
        label=_("Function"), choices=Person.Function.choices, empty_label=_("All functions")
    )
    krsd_registered = django_filters.BooleanFilter(
        label=_("Registered in KRSD"), widget=_yes_no_all()
    )
    active = django_filters.BooleanFilter(
        label=_("Active membership"), method="filter_active", widget=_yes_no_all()
    )

    class Meta:
        model = Person
        fields = ["q", "rayon", "kind", "function", "krsd_registered", "active"]

    def filter_q(self, queryset, name, value):
        query = Q()
        for word in value.split()[:5]:
            query &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(organisation__name__icontains=word)
            )
        return queryset.filter(query)

    def filter_active(self, queryset, name, value):
        return _active_membership(queryset, "organisation__", value)
