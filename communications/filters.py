import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.filters import rayon_choices
from members.models import Organisation, active_membership

from .models import Subscriber


class SubscriberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or address"), method="filter_q")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Subscriber.Status.choices, empty_label=_("All")
    )
    member = django_filters.BooleanFilter(
        label=_("Member organisation"),
        method="filter_member",
        widget=forms.Select(
            choices=[("", _("All")), ("true", _("Member")), ("false", _("Non-member"))]
        ),
    )
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
    since = django_filters.DateFilter(
        label=_("Subscribed since"),
        field_name="subscribed_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Subscriber
        fields = ["q", "status", "member", "rayon", "kind", "since"]

    def filter_q(self, queryset, name, value):
        query = Q()
        for word in value.split()[:5]:
            query &= (
                Q(email__icontains=word)
                | Q(name__icontains=word)
                | Q(organisation_name__icontains=word)
                | Q(organisation__name__icontains=word)
            )
        return queryset.filter(query)

    def filter_member(self, queryset, name, value):
        member = active_membership("organisation__")
        if value is True:
            return queryset.filter(member)
        if value is False:
            return queryset.exclude(member)
        return queryset
