"""Academie figures per year, for the staff page and the annual report."""

from datetime import date

from django.db.models import Avg, Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from .models import Activity, Certificate, Edition, Enrolment, Evaluation


def _held_editions(year):
    """Editions held in the year: a session in that year up to today, not cancelled."""
    until = min(date(year, 12, 31), timezone.localdate())
    return Edition.objects.filter(
        is_cancelled=False, sessions__date__gte=date(year, 1, 1), sessions__date__lte=until
    ).distinct()


def year_figures(year: int, organisation=None) -> dict:
    """The year's figures; of one organisation's people when `organisation` is given (the
    figures page filtered to it, and the member statement with the contributie)."""
    editions = _held_editions(year)
    of_organisation = {}
    if organisation is not None:
        editions = editions.filter(enrolments__person__organisation=organisation).distinct()
        of_organisation = {"enrolment__person__organisation": organisation}
    by_kind = dict(
        editions.values_list("activity__kind").annotate(n=Count("pk", distinct=True)).order_by()
    )
    labels = dict(Activity.Kind.choices)
    confirmed = Enrolment.objects.filter(edition__in=editions, status=Enrolment.Status.CONFIRMED)
    if organisation is not None:
        confirmed = confirmed.filter(person__organisation=organisation)
    totals = confirmed.aggregate(
        enrolments=Count("pk", distinct=True), participants=Count("person", distinct=True)
    )
    evaluations = Evaluation.objects.filter(
        enrolment__edition__in=editions, **of_organisation
    ).aggregate(average=Avg("score"), total=Count("pk"), high=Count("pk", filter=Q(score__gte=8)))
    # The plan's measure: every activity's average evaluation 8 or higher.
    of_people = (
        Q(enrolments__person__organisation=organisation) if organisation is not None else Q()
    )
    averages = [
        average
        for average in Edition.objects.filter(pk__in=editions.values("pk"))
        .annotate(average=Avg("enrolments__evaluation__score", filter=of_people))
        .order_by()
        .values_list("average", flat=True)
        if average is not None
    ]
    return {
        "year": year,
        "activities": editions.count(),
        "activities_by_kind": [
            (str(labels[kind]), by_kind[kind]) for kind in labels if by_kind.get(kind)
        ],
        "enrolments": totals["enrolments"],
        "participants": totals["participants"],
        "average_rating": round(evaluations["average"], 1) if evaluations["average"] else None,
        "share_rated_8_or_higher": (
            round(100 * evaluations["high"] / evaluations["total"], 1)
            if evaluations["total"]
            else None
        ),
        "activities_rated": len(averages),
        "activities_rated_8_or_higher": sum(1 for average in averages if average >= 8),
        "certificates": Certificate.objects.filter(issued_at__year=year, **of_organisation).count(),
    }


def activity_averages():
    return list(
        Activity.objects.annotate(
            average=Avg("editions__enrolments__evaluation__score"),
            evaluations=Count("editions__enrolments__evaluation"),
        )
        .filter(evaluations__gt=0)
        .order_by("title")
        .values("title", "average", "evaluations")
    )


def participants_per_year(first: int, last: int) -> list[tuple[int, int]]:
    """(year, participants) for the years from `first` to `last` with participants, oldest
    first: the people with a confirmed enrolment in an edition held that year, counted as
    `year_figures` counts them, in one query."""
    until = min(date(last, 12, 31), timezone.localdate())
    rows = (
        Enrolment.objects.filter(
            status=Enrolment.Status.CONFIRMED,
            edition__is_cancelled=False,
            edition__sessions__date__gte=date(first, 1, 1),
            edition__sessions__date__lte=until,
        )
        .annotate(year=ExtractYear("edition__sessions__date"))
        .values("year")
        .annotate(participants=Count("person", distinct=True))
        .order_by("year")
    )
    return [(row["year"], row["participants"]) for row in rows if row["participants"]]
