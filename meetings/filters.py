import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.filters import rayon_choices

from .models import Meeting

UPCOMING, PAST, ALL = "komend", "voorbij", "alle"


def year_choices():
    this_year = timezone.localdate().year
    return [(str(year), str(year)) for year in range(this_year + 1, this_year - 10, -1)]


class MeetingFilter(django_filters.FilterSet):
    """The list of meetings: coming ones unless asked otherwise, soonest first (past ones
    newest first)."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Meeting.Kind.choices, empty_label=_("All kinds")
    )
    rayon = django_filters.ChoiceFilter(
        label=_("Rayon"), choices=rayon_choices, empty_label=_("All rayons")
    )
    period = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[(PAST, _("Past")), (ALL, _("All dates"))],
        empty_label=_("Coming"),
        method="filter_period",
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), choices=year_choices, empty_label=_("Every year"), method="filter_year"
    )

    class Meta:
        model = Meeting
        fields = ["q", "kind", "rayon", "period", "year"]

    def filter_queryset(self, queryset):
        period = year = ""
        if self.is_bound:
            queryset = super().filter_queryset(queryset)
            period = self.form.cleaned_data.get("period")
            year = self.form.cleaned_data.get("year")
        if not period and not year:
            return queryset.filter(date__gte=timezone.localdate()).order_by("date", "start_time")
        if period == PAST:
            return queryset.order_by("-date", "-start_time")
        return queryset.order_by("date", "start_time")

    @property
    def qs(self):
        if not self.is_bound and not hasattr(self, "_qs"):
            self._qs = self.filter_queryset(self.queryset.all())
        return super().qs

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(description__icontains=value)
            | Q(location__icontains=value)
        )

    def filter_period(self, queryset, name, value):
        if value == PAST:
            return queryset.filter(date__lt=timezone.localdate())
        return queryset

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__year=int(value))
