"""The annual report's figures of a year beside the years before it: the kerncijfers (each
with the previous year's value and the change), the state of the year plan, and the series
the charts draw.

Every number comes from the portal's data: the helpdesk's, Academie's and the other apps'
figures from what they registered (`ingrado.annual_figures`; an app that is missing adds
none), the members from the member organisations, the state of the plan from the results.
A year without data is left out of a series, never counted as zero. Every number is
written by `ingrado.formatting`, the one way of writing numbers in the portal.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ingrado import annual_figures
from ingrado.annual_figures import Series
from ingrado.formatting import day, number, percent

from .models import Result

__all__ = ["KeyFigure", "KeyFigureGroup", "PlanState", "Series", "kerncijfers", "series"]

# The charts show the last ten years in which there is data (at least five where they exist).
YEARS_IN_CHARTS = 10
KRSD_TARGET = 40  # the strategic plan: at least forty percent of the members by 2030


@dataclass(frozen=True)
class KeyFigure:
    """One kerncijfer: the year's value beside the previous year's, and the change in
    words, so that it depends on neither colour nor the arrow."""

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
        if self.percentage:
            return percent(value, self.decimals)
        return number(value, self.decimals)

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
        text = words[self.direction] % {"amount": amount, "year": previous_year}
        return f"{text}; {self.note}" if self.note else text


@dataclass
class KeyFigureGroup:
    """Kerncijfers on one subject, shown as tiles."""

    title: str
    figures: list[KeyFigure] = field(default_factory=list)


def kerncijfers(year: int, cache: dict | None = None) -> list[KeyFigureGroup]:
    """The year's headline figures by subject, each beside the year before: what the apps
    registered (a subject without data in either year is left out) and the association's
    members."""
    cache = {} if cache is None else cache
    groups = []
    for provider in annual_figures.providers():
        if not provider.measures:
            continue
        now, before = (annual_figures.year_figures(provider, y, cache) for y in (year, year - 1))
        if not (now or before):
            continue
        groups.append(
            KeyFigureGroup(
                str(provider.title),
                [
                    KeyFigure(
                        str(measure.label),
                        now[measure.key] if now else None,
                        before[measure.key] if before else None,
                        year,
                        decimals=measure.decimals,
                        percentage=measure.percentage,
                    )
                    for measure in provider.measures
                ],
            )
        )
    groups.append(KeyFigureGroup(_("Association"), _members(year)))
    return groups


def reference_day(year: int) -> date:
    """The day a year's standing figures are counted on: 31 December, or today for the
    running year (the report then says "stand bij publicatie")."""
    return min(date(year, 12, 31), timezone.localdate())


def _members(year: int) -> list[KeyFigure]:
    from members.models import Organisation, Person
    from members.selectors import krsd_share

    today = timezone.localdate()

    def members_on(y):
        return (
            Organisation.objects.active_members(on=reference_day(y)).count()
            if y <= today.year
            else None
        )

    def share_on(y):
        on = reference_day(y)
        share = krsd_share(
            Person.objects.filter(
                erased_at__isnull=True, organisation__in=Organisation.objects.active_members(on=on)
            ),
            on=on,
        )
        return share["share"] if share["total"] else None

    on = reference_day(year)
    label = (
        _("Members registered in the KRSD on %(date)s") % {"date": day(on)}
        if on == date(year, 12, 31)
        else _("Members registered in the KRSD (standing at publication, %(date)s)")
        % {"date": day(on)}
    )
    return [
        KeyFigure(_("Member organisations"), members_on(year), members_on(year - 1), year),
        KeyFigure(
            label,
            share_on(year),
            share_on(year - 1),
            year,
            decimals=1,
            percentage=True,
            note=_("the plan aims for %(target)s in 2030") % {"target": percent(KRSD_TARGET, 0)},
        ),
    ]


@dataclass(frozen=True)
class PlanState:
    """ "Stand jaarplan": how many projects reached their year plan, in part or not, by the
    status of their results of the year; the projects that did not fully are named."""

    achieved: int
    partly: int
    not_achieved: int
    without_results: int
    partly_projects: list
    not_projects: list

    @property
    def total(self) -> int:
        return self.achieved + self.partly + self.not_achieved


def plan_state(programmes: list) -> PlanState:
    """From the report's programmes (their projects' `statuses`): a project whose every
    result was achieved reached its plan; one with none achieved did not; the rest partly."""
    achieved, partly, not_achieved, without = [], [], [], []
    for entry in programmes:
        for project in entry.projects:
            counts = {status: count for status, _label, count in project.statuses}
            if not counts:
                without.append(project.project)
            elif set(counts) == {Result.Status.ACHIEVED}:
                achieved.append(project.project)
            elif not counts.get(Result.Status.ACHIEVED):
                not_achieved.append(project.project)
            else:
                partly.append(project.project)
    return PlanState(
        len(achieved), len(partly), len(not_achieved), len(without), partly, not_achieved
    )


def series(year: int, cache: dict | None = None) -> dict[str, Series]:
    """The years side by side (each app's series, only years with data, the last
    YEARS_IN_CHARTS up to `year`) and the charts of the year beside the year before."""
    from ingrado.caching import cached_figures

    cache = {} if cache is None else cache
    first = year - YEARS_IN_CHARTS + 1
    found = {}
    for provider in annual_figures.providers():
        if provider.series is not None:
            found.update(
                # The series hold translated titles: one entry per language.
                cached_figures(
                    f"{provider.name}-per-year-{get_language()}",
                    year,
                    lambda y, p=provider: p.series(first, y),
                )
            )
        if provider.year_series is not None:
            now, before = (
                annual_figures.year_figures(provider, y, cache) for y in (year, year - 1)
            )
            if now:
                found.update(provider.year_series(now, before, year))
    return found
