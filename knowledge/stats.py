"""Helpdesk figures per year, for the staff page and the annual report."""

import statistics
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.db.models.functions import ExtractQuarter
from django.utils import timezone

from ingrado.caching import bump_generation, cached
from members.models import Organisation, Person

from .models import Question, Rating
from .workdays import working_days_between


@dataclass
class TopicTrend:
    """A topic's questions in a period beside the period of the same length before it."""

    name: str
    count: int
    previous: int

    @property
    def change(self) -> int:
        return self.count - self.previous

    @property
    def rising(self) -> bool:
        return self.count > self.previous


def _topic_counts(start, end) -> dict[str, int]:
    return dict(
        Question.objects.filter(received_at__gte=start, received_at__lt=end)
        .values_list("topic__name")
        .annotate(n=Count("pk"))
        .order_by()
    )


def topic_trends(*, since: datetime, until: datetime, limit: int) -> list[TopicTrend]:
    """The topics members asked about from `since` to `until`, beside the period of the same
    length before: rising topics first, then by count (the nieuwsbrief editor's and the
    werkconferentie programme's suggestions)."""
    current = _topic_counts(since, until)
    before = _topic_counts(since - (until - since), since)
    return sorted(
        (TopicTrend(name, count, before.get(name, 0)) for name, count in current.items()),
        key=lambda t: (not t.rising, -t.count, -t.change, t.name),
    )[:limit]


def _year_bounds(year):
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def year_figures(year: int, organisation=None) -> dict:
    """The year's figures; of one organisation's questions when `organisation` is given (the
    figures page filtered to it, and the member statement with the contributie)."""
    start, end = _year_bounds(year)
    questions = Question.objects.all()
    if organisation is not None:
        questions = questions.filter(organisation=organisation)
    received = questions.filter(received_at__gte=start, received_at__lt=end)
    answered = questions.filter(answered_at__gte=start, answered_at__lt=end)
    totals = answered.aggregate(
        answered=Count("pk"),
        askers=Count("asker", distinct=True),
        organisations=Count("organisation", distinct=True),
    )
    top_topics = [
        (row["topic__name"], row["n"])
        for row in answered.values("topic__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "topic__name")
    ]
    quarters = {q: {"quarter": q, "received": 0, "answered": 0} for q in range(1, 5)}
    for row in (
        received.annotate(q=ExtractQuarter("received_at")).values("q").annotate(n=Count("pk"))
    ):
        quarters[row["q"]]["received"] = row["n"]
    for row in (
        answered.annotate(q=ExtractQuarter("answered_at")).values("q").annotate(n=Count("pk"))
    ):
        quarters[row["q"]]["answered"] = row["n"]
    by_rayon = [
        (row["rayon__name"] or "–", row["n"])
        for row in answered.values("rayon__name").annotate(n=Count("pk")).order_by("-n")
    ]
    kind_labels = dict(Organisation.Kind.choices)
    by_kind = [
        (str(kind_labels.get(row["organisation_kind"], "–")), row["n"])
        for row in answered.values("organisation_kind").annotate(n=Count("pk")).order_by("-n")
    ]
    durations = [
        max(0, working_days_between(timezone.localdate(r), timezone.localdate(a)) - paused)
        for r, a, paused in answered.values_list("received_at", "answered_at", "paused_days")
    ]
    return {
        "year": year,
        "received": received.count(),
        "answered": totals["answered"],
        "askers": totals["askers"],
        "organisations": totals["organisations"],
        "top_topics": top_topics,
        "by_quarter": [quarters[q] for q in range(1, 5)],
        "by_rayon": by_rayon,
        "by_organisation_kind": by_kind,
        "median_working_days": statistics.median(durations) if durations else None,
        "share_within_five_days": (
            round(100 * sum(1 for d in durations if d <= 5) / len(durations), 1)
            if durations
            else None
        ),
    }


STATUS_COUNTS_KEY = "knowledge:questions-by-status"
# The generation of the questions (ingrado.caching): bumped by every change of a question.
QUESTIONS_GENERATION = "questions"


def counts_by_status() -> dict:
    """{status: number of questions}, shown above the staff queue on every view. Counting
    every question each time cost a fifth of the page, so the counts are kept under the
    questions' generation: every change goes through a service that records it in the
    question's history (`services.common._event`), an import or the admin, and each bumps it
    (`forget_status_counts`). A count that raced a change is stored under the old number
    and never read. Five minutes at most, for a change made past all of them (SQL)."""
    return cached(
        STATUS_COUNTS_KEY,
        lambda: dict(Question.objects.values_list("status").annotate(n=Count("pk")).order_by()),
        generations=[QUESTIONS_GENERATION],
        timeout=300,
    )


def forget_status_counts() -> None:
    """Questions changed: count again at the next view (now, and when this transaction
    commits)."""
    bump_generation(QUESTIONS_GENERATION)


def ratings_overview():
    """Share of helpful ratings per expert (by name) and per topic."""
    rated = Question.objects.filter(rating__isnull=False)
    helpful = Count("pk", filter=Q(rating__helpful=True))
    per_expert = [
        {
            "expert": (
                Person.name_of(
                    row["expert__person__first_name"] or "",
                    row["expert__person__last_name"] or "",
                    row["expert__email"],
                )
                if row["expert"]
                else None
            ),
            "n": row["n"],
            "helpful": row["helpful"],
        }
        for row in rated.values(
            "expert",
            "expert__email",
            "expert__person__first_name",
            "expert__person__last_name",
        )
        .annotate(n=Count("pk"), helpful=helpful)
        .order_by("expert__person__last_name", "expert__person__first_name", "expert__email")
    ]
    per_topic = (
        rated.values("topic__name").annotate(n=Count("pk"), helpful=helpful).order_by("topic__name")
    )
    return per_expert, list(per_topic)


def rating_remarks(*, year: int | None = None, limit: int = 30) -> tuple[int, list[Rating]]:
    """What askers wrote with their rating, newest first (of `year`, or of every year): how
    many there are and the first `limit`, with the question's title, topic and expert. Two
    queries."""
    ratings = Rating.objects.exclude(remark="")
    if year is not None:
        start, end = _year_bounds(year)
        ratings = ratings.filter(created_at__gte=start, created_at__lt=end)
    rows = (
        ratings.select_related("question__topic", "question__expert__person")
        .only(
            "helpful",
            "remark",
            "created_at",
            "question__subject",
            "question__topic__name",
            "question__expert__email",
            "question__expert__person__first_name",
            "question__expert__person__last_name",
            "question__expert__person__email",
        )
        .order_by("-created_at", "-pk")[:limit]
    )
    return ratings.count(), list(rows)


def answered_per_year(first: int, last: int) -> list[dict]:
    """The years from `first` to `last` in which questions were answered, oldest first:
    how many, the share answered within five working days and the median working days,
    counted as `year_figures` counts them (by the year of the answer), in one query.
    Years without an answered question are left out."""
    start, _end = _year_bounds(first)
    _start, end = _year_bounds(last)
    durations: dict[int, list[int]] = {}
    rows = (
        Question.objects.filter(answered_at__gte=start, answered_at__lt=end)
        .values_list("received_at", "answered_at", "paused_days")
        .order_by()
    )
    for received, answered, paused in rows:
        answered_on = timezone.localdate(answered)
        durations.setdefault(answered_on.year, []).append(
            max(0, working_days_between(timezone.localdate(received), answered_on) - paused)
        )
    return [
        {
            "year": year,
            "answered": len(days),
            "share_within_five_days": round(100 * sum(1 for d in days if d <= 5) / len(days), 1),
            "median_working_days": statistics.median(days),
        }
        for year, days in sorted(durations.items())
    ]
