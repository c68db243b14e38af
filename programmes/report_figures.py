"""The annual report's figures of a year beside the years before it: the kerncijfers (each
with the previous year's value and the change) and the series the charts draw.

Every number comes from the portal's data: the helpdesk and Academie figures from their
apps' stats functions (imported lazily, as in `figures`: while an app is missing its
figures are left out), the members from the member organisations, the results from the
programmes. A year without data is left out of a series, never counted as zero.
"""

import importlib
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import figures
from .models import Result

# The charts show the last ten years in which there is data (at least five where they exist).
YEARS_IN_CHARTS = 10


def number(value, decimals: int = 0) -> str:
    """A figure as the reader's language writes it: 1.150 and 91,5 in Dutch."""
    if value is None:
        return "–"
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class KeyFigure:
    """One kerncijfer: the year's value beside the previous year's, and the change as an
    arrow and in words, so that it depends on neither colour nor the arrow."""

    label: str
    value: float | int | None
    previous: float | int | None
    year: int
    decimals: int = 0
    percentage: bool = False
    note: str = ""

    @property
    def value_text(self) -> str:
        return self._text(self.value)

    @property
    def previous_text(self) -> str:
        return self._text(self.previous)

    def _text(self, value) -> str:
        if value is None:
            return "–"
        return number(value, self.decimals) + ("%" if self.percentage else "")

    @property
    def change(self):
        if self.value is None or self.previous is None:
            return None
        return round(self.value - self.previous, self.decimals)

    @property
    def direction(self) -> str:
        """'up', 'down', 'same', or '' when one of the two years has no figure."""
        change = self.change
        if change is None:
            return ""
        return "up" if change > 0 else "down" if change < 0 else "same"

    @property
    def arrow(self) -> str:
        return {"up": "▲", "down": "▼", "same": "="}.get(self.direction, "")

    @property
    def change_words(self) -> str:
        """The change as a sentence a screen reader or a grey print reads the same."""
        previous_year = self.year - 1
        if self.previous is None:
            return self.note or _("no figure for %(year)s") % {"year": previous_year}
        if self.value is None:
            return _("no figure for %(year)s") % {"year": self.year}
        amount = number(abs(self.change), self.decimals)
        if self.percentage:
            words = {
                "up": _("%(amount)s percentage points higher than in %(year)s"),
                "down": _("%(amount)s percentage points lower than in %(year)s"),
            }
        elif self.decimals:
            words = {
                "up": _("%(amount)s higher than in %(year)s"),
                "down": _("%(amount)s lower than in %(year)s"),
            }
        else:
            words = {
                "up": _("%(amount)s more than in %(year)s"),
                "down": _("%(amount)s fewer than in %(year)s"),
            }
        words["same"] = _("the same as in %(year)s")
        return words[self.direction] % {"amount": amount, "year": previous_year}


@dataclass
class KeyFigureGroup:
    """Kerncijfers on one subject, shown as tiles (or as a table: the results per
    programme)."""

    title: str
    figures: list[KeyFigure] = field(default_factory=list)
    as_table: bool = False


def _stats(app: str, name: str):
    """`<app>.stats.<name>`, or None while that app (or function) is missing."""
    try:
        return getattr(importlib.import_module(f"{app}.stats"), name)
    except (ImportError, AttributeError):
        return None


def kerncijfers(year: int, programmes: list, cache: dict | None = None) -> list[KeyFigureGroup]:
    """The year's headline figures by subject, each beside the year before; `programmes`
    are the report's programmes (for the results per programme). A subject without data in
    either year is left out."""
    cache = {} if cache is None else cache
    groups = []
    knowledge = _two_years("knowledge", "answered", year, cache)
    if knowledge:
        groups.append(
            KeyFigureGroup(
                _("Vraag & Antwoord"),
                [
                    _compare(knowledge, year, _("Questions answered"), "answered"),
                    _compare(knowledge, year, _("Askers"), "askers"),
                    _compare(
                        knowledge,
                        year,
                        _("Answered within five working days"),
                        "share_within_five_days",
                        decimals=1,
                        percentage=True,
                    ),
                    _compare(
                        knowledge,
                        year,
                        _("Median working days to an answer"),
                        "median_working_days",
                        decimals=1,
                    ),
                ],
            )
        )
    academy = _two_years("academy", "activities", year, cache)
    if academy:
        groups.append(
            KeyFigureGroup(
                _("Academie"),
                [
                    _compare(academy, year, _("Trainings, workshops and webinars"), "activities"),
                    _compare(academy, year, _("Participants"), "participants"),
                    _compare(academy, year, _("Certificates"), "certificates"),
                    _compare(
                        academy, year, _("Average evaluation (1-10)"), "average_rating", decimals=1
                    ),
                ],
            )
        )
    groups.append(KeyFigureGroup(_("Association"), _members(year)))
    groups.append(
        KeyFigureGroup(
            _("Results recorded per programme"), _results(year, programmes), as_table=True
        )
    )
    return groups


def _two_years(app: str, measure: str, year: int, cache: dict) -> tuple | None:
    """An app's figures of the year and the year before (None for a year without data), or
    None when neither year has data or the app is missing."""
    pair = tuple(figures.stats_for(app, y, cache) for y in (year, year - 1))
    pair = tuple(data if data and data[measure] else None for data in pair)
    return pair if any(pair) else None


def _compare(pair: tuple, year: int, label: str, key: str, **kwargs) -> KeyFigure:
    now, before = pair
    return KeyFigure(
        label,
        now[key] if now else None,
        before[key] if before else None,
        year,
        **kwargs,
    )


def _members(year: int) -> list[KeyFigure]:
    from members.models import Organisation, Person
    from members.selectors import krsd_share

    today = timezone.localdate()

    def members_on(y):
        day = min(date(y, 12, 31), today)
        return Organisation.objects.active_members(on=day).count() if y <= today.year else None

    share = krsd_share(
        Person.objects.filter(
            erased_at__isnull=True, organisation__in=Organisation.objects.active_members()
        )
    )
    return [
        KeyFigure(_("Member organisations"), members_on(year), members_on(year - 1), year),
        KeyFigure(
            _("Members registered in the KRSD (on %(date)s)")
            % {"date": formats.date_format(today, "j F Y")},
            share["share"] if share["total"] else None,
            None,
            year,
            decimals=1,
            percentage=True,
            note=_("registrations are kept without a date; the plan aims for %(target)s%%")
            % {"target": share["target"]},
        ),
    ]


def _results(year: int, programmes: list) -> list[KeyFigure]:
    counts = {
        (row["project__programme"], row["year"]): row["n"]
        for row in Result.objects.filter(year__in=(year - 1, year))
        .values("project__programme", "year")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = []
    for entry in programmes:
        programme = entry.programme
        label = (
            _("Programme %(number)s: %(name)s")
            % {"number": programme.number, "name": programme.name}
            if programme.number
            else programme.name
        )
        rows.append(
            KeyFigure(
                label,
                counts.get((programme.pk, year), 0),
                counts.get((programme.pk, year - 1), 0),
                year,
            )
        )
    # A previous year without any result is a year without data, not a year of zeros.
    if not any((programme.programme.pk, year - 1) in counts for programme in programmes):
        rows = [KeyFigure(row.label, row.value, None, year) for row in rows]
    return rows


@dataclass(frozen=True)
class Series:
    """What a chart draws: (label, value) rows, oldest year first."""

    title: str
    rows: list
    decimals: int = 0
    percentage: bool = False


def series(year: int, cache: dict | None = None) -> dict[str, Series]:
    """The years side by side: questions and the share answered within five working days
    per year, Academie participants and results recorded per year, and the year's topics
    beside the year before's. Only years with data, the last YEARS_IN_CHARTS up to
    `year`."""
    from ingrado.caching import cached_figures

    cache = {} if cache is None else cache
    first = year - YEARS_IN_CHARTS + 1
    found = {}
    per_year = _stats("knowledge", "answered_per_year")
    if per_year is not None:
        rows = cached_figures("knowledge-per-year", year, lambda y: per_year(first, y))
        found["questions"] = Series(
            _("Questions answered per year"), [(r["year"], r["answered"]) for r in rows]
        )
        found["within_five"] = Series(
            _("Share answered within five working days"),
            [(r["year"], r["share_within_five_days"]) for r in rows],
            decimals=1,
            percentage=True,
        )
    participants = _stats("academy", "participants_per_year")
    if participants is not None:
        rows = cached_figures("academy-per-year", year, lambda y: participants(first, y))
        found["participants"] = Series(_("Academie participants per year"), list(rows))
    found["results"] = Series(
        _("Results recorded per year"),
        [
            (row["year"], row["n"])
            for row in Result.objects.filter(year__gte=first, year__lte=year)
            .values("year")
            .annotate(n=Count("pk"))
            .order_by("year")
        ],
    )
    now, before = (figures.stats_for("knowledge", y, cache) for y in (year, year - 1))
    if now and now["top_topics"]:
        previous = dict(before["top_topics"]) if before and before["answered"] else None
        found["topics"] = Series(
            _("Topics of the questions, %(year)s beside %(previous)s")
            % {"year": year, "previous": year - 1}
            if previous is not None
            else _("Topics of the questions in %(year)s") % {"year": year},
            [
                (name, count, None if previous is None else previous.get(name, 0))
                for name, count in now["top_topics"][:8]
            ],
        )
    return found
