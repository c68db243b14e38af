import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import roles
from members.models import Rayon

from .models import Question, Topic


def _experts():
    return (
        get_user_model()
        .objects.filter(groups__name__in=[roles.STAFF, roles.ADMINISTRATOR])
        .distinct()
        .order_by("email")
    )


class QuestionQueueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Question.Status.choices, empty_label=_("All statuses")
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), queryset=Topic.objects.all(), empty_label=_("All topics")
    )
    expert = django_filters.ModelChoiceFilter(
        label=_("Expert"), queryset=_experts(), empty_label=_("All experts")
    )
    rayon = django_filters.ModelChoiceFilter(
        label=_("Rayon"), queryset=Rayon.objects.all(), empty_label=_("All rayons")
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

    def filter_overdue(self, queryset, name, value):
        overdue = Q(due_date__lt=timezone.localdate()) & ~Q(
            status__in=[Question.Status.SENT, Question.Status.CLOSED, Question.Status.WAITING]
        )
        if value is True:
            return queryset.filter(overdue)
        if value is False:
            return queryset.exclude(overdue)
        return queryset
