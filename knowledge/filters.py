import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.filters import rayon_choices
from members.selectors import names_told_apart, staff_users

from .models import Question, Topic

ALL = "alle"


def expert_choices():
    return [(str(pk), name) for pk, name in names_told_apart(list(staff_users())).items()]


def topic_choices():
    return [(str(pk), name) for pk, name in Topic.objects.values_list("pk", "name")]


class QuestionQueueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*Question.Status.choices, (ALL, _("All questions, closed ones too"))],
        empty_label=_("Open questions"),
        method="filter_status",
    )
    topic = django_filters.ChoiceFilter(
        label=_("Topic"),
        choices=topic_choices,
        empty_label=_("All topics"),
    )
    expert = django_filters.ChoiceFilter(
        label=_("Expert"),
        choices=expert_choices,
        empty_label=_("All experts"),
    )
    rayon = django_filters.ChoiceFilter(
        label=_("Rayon"), choices=rayon_choices, empty_label=_("All rayons")
    )
    organisation = django_filters.CharFilter(
        label=_("Organisation"), field_name="organisation__name", lookup_expr="icontains"
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"),
        method="filter_overdue",
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )
    received_from = django_filters.DateFilter(
        label=_("Received from"),
        field_name="received_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    received_until = django_filters.DateFilter(
        label=_("Received until"),
        field_name="received_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Question
        fields = ["q", "status", "topic", "expert", "rayon", "organisation", "overdue"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(subject__icontains=value) | Q(asker__last_name__icontains=value))

    def filter_queryset(self, queryset):
        """Without a status chosen, the open questions (the answered and closed ones are behind
        the status filter); in the queue's order, the overdue first."""
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.open()
        return queryset.in_queue_order()

    def filter_status(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(status=value)

    def filter_overdue(self, queryset, name, value):
        # The statuses that run against the deadline, named rather than excluded: the index
        # on (status, due_date) then finds them without reading every question.
        overdue = Q(status__in=Question.RUNNING, due_date__lt=timezone.localdate())
        if value is True:
            return queryset.filter(overdue)
        if value is False:
            return queryset.exclude(overdue)
        return queryset
