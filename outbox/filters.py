import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import OutgoingMail

NEEDS_ATTENTION = "attention"
STATE_CHOICES = [
    (NEEDS_ATTENTION, _("Failed or uncertain")),
    *OutgoingMail.State.choices,
]


class OutgoingMailFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=STATE_CHOICES, empty_label=_("All"), method="filter_state"
    )
    q = django_filters.CharFilter(label=_("Address or subject"), method="filter_q")

    class Meta:
        model = OutgoingMail
        fields = ["state", "q"]

    def filter_state(self, queryset, name, value):
        if value == NEEDS_ATTENTION:
            return queryset.needing_attention()
        return queryset.filter(state=value)

    def filter_q(self, queryset, name, value):
        query = Q()
        for word in value.split()[:5]:
            query &= Q(to__icontains=word) | Q(subject__icontains=word)
        return queryset.filter(query)
