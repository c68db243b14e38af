"""The helpdesk's part of the jaarverslag, registered in `KnowledgeConfig.ready()`: the
Kennis project's figures, the Vraag & Antwoord kerncijfers and the charts of questions
per year, the share answered within five working days and the topics."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingrado import annual_figures
from ingrado.annual_figures import Computed, Figure, Measure, Series
from ingrado.formatting import number

from . import stats

# The year plan's norm: members' questions are answered within five working days.
WITHIN_FIVE_DAYS_TARGET = 100
TOPICS_IN_TEXT = 3
TOPICS_IN_CHART = 8


def present(data: dict) -> Computed:
    figures = [
        Figure(number(data["answered"]), _("questions"), True),
        Figure(number(data["askers"]), _("askers"), True),
        Figure(number(data["organisations"]), _("organisations"), True),
    ]
    text = _(
        "In total %(answered)s questions were answered through the Q&A. There were "
        "%(askers)s different askers, working at %(organisations)s different "
        "organisations."
    ) % {key: number(data[key]) for key in ("answered", "askers", "organisations")}
    topics = [(name, number(count)) for name, count in data["top_topics"][:TOPICS_IN_TEXT]]
    return Computed(figures=figures, topics=topics, text=text)


def topics_beside(now: dict, before: dict | None, year: int) -> dict[str, Series]:
    """The year's topics beside the year before's, the largest first and the rest as one
    bar "other topics", so the bars add up to every question answered."""
    previous = dict(before["top_topics"]) if before else None
    shown = now["top_topics"][:TOPICS_IN_CHART]
    rest = now["top_topics"][TOPICS_IN_CHART:]
    rows = [
        (name, count, None if previous is None else previous.get(name, 0)) for name, count in shown
    ]
    if rest:
        names = {name for name, _count in shown}
        rows.append(
            (
                _("Other topics"),
                sum(count for _name, count in rest),
                None
                if previous is None
                else sum(count for name, count in previous.items() if name not in names),
            )
        )
    title = (
        _("Topics of the questions, %(year)s beside %(previous)s")
        % {"year": year, "previous": year - 1}
        if previous is not None
        else _("Topics of the questions in %(year)s") % {"year": year}
    )
    return {"topics": Series(title, rows)} if rows else {}


def series(first: int, last: int) -> dict[str, Series]:
    rows = stats.answered_per_year(first, last)
    return {
        "questions": Series(
            _("Questions answered per year"), [(r["year"], r["answered"]) for r in rows]
        ),
        "within_five": Series(
            _("Share answered within five working days"),
            [(r["year"], r["share_within_five_days"]) for r in rows],
            decimals=1,
            percentage=True,
            target=WITHIN_FIVE_DAYS_TARGET,
            target_label=_("goal: every question"),
        ),
    }


PROVIDER = annual_figures.Provider(
    name="knowledge",
    project="kennis",
    year_figures=stats.year_figures,
    present=present,
    has_data="answered",
    title=gettext_lazy("Vraag & Antwoord"),
    measures=(
        Measure("answered", gettext_lazy("Questions answered")),
        Measure("askers", gettext_lazy("Askers")),
        Measure(
            "share_within_five_days",
            gettext_lazy("Answered within five working days"),
            decimals=1,
            percentage=True,
        ),
        Measure("median_working_days", gettext_lazy("Median working days to an answer"), 1),
    ),
    series=series,
    year_series=topics_beside,
    order=10,
)
