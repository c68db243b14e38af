"""Figures computed from the portal's own data for the Kennis and Academie projects.

The Kennis project (programme 3) shows the helpdesk figures of `knowledge.stats.year_figures`,
the Academie project (programme 3) those of `academy.stats.year_figures`, the Ledenbinding
project (programme 5) the newsletter's of `communications.stats.year_figures`. The stats
modules belong to other apps and are imported lazily: while an app is missing, its project
simply shows no computed figures.

A figure staff record themselves (a KeyFigure with the same label) overrides a computed one.
"""

import importlib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

KENNIS = "Kennis"
ACADEMIE = "Academie"
LEDENBINDING = "Ledenbinding"
COMPUTED_PROJECTS = {KENNIS: "knowledge", ACADEMIE: "academy", LEDENBINDING: "communications"}


@dataclass(frozen=True)
class Figure:
    value: str
    label: str
    computed: bool = False
    pk: int | None = None


@dataclass
class Computed:
    """What the data says about a project in a year."""

    figures: list[Figure] = field(default_factory=list)
    topics: list[tuple[str, int]] = field(default_factory=list)
    text: str = ""


def fmt(number) -> str:
    if number is None:
        return "–"
    if isinstance(number, float):
        return f"{number:.1f}".replace(".", ",")
    return str(number)


def stats_for(app: str, year: int, cache: dict | None = None) -> dict | None:
    """`<app>.stats.year_figures(year)` (cached briefly), or None while that app is missing."""
    cache = {} if cache is None else cache
    key = (app, year)
    if key not in cache:
        try:
            year_figures = importlib.import_module(f"{app}.stats").year_figures
        except (ImportError, AttributeError):
            cache[key] = None
        else:
            from ingrado.caching import cached_figures

            cache[key] = cached_figures(app, year, year_figures)
    return cache[key]


def computed_for(project_name: str, year: int, cache: dict | None = None) -> Computed:
    app = COMPUTED_PROJECTS.get(project_name)
    data = stats_for(app, year, cache) if app else None
    if not data:
        return Computed()
    return {"knowledge": _kennis, "academy": _academie, "communications": _nieuwsbrief}[app](data)


def _kennis(data: dict) -> Computed:
    topics = [(name, count) for name, count in data["top_topics"][:3]]
    figures = [
        Figure(fmt(data["answered"]), _("questions"), True),
        Figure(fmt(data["askers"]), _("askers"), True),
        Figure(fmt(data["organisations"]), _("organisations"), True),
    ]
    text = ""
    if data["answered"]:
        text = _(
            "In total %(answered)s questions were answered through the Q&A. There were "
            "%(askers)s different askers, working at %(organisations)s different "
            "organisations."
        ) % {key: data[key] for key in ("answered", "askers", "organisations")}
    return Computed(figures=figures, topics=topics, text=text)


def _academie(data: dict) -> Computed:
    figures = [
        Figure(fmt(data["activities"]), _("trainings, workshops and webinars"), True),
        Figure(fmt(data["participants"]), _("participants"), True),
        Figure(fmt(data["average_rating"]), _("average rating"), True),
        Figure(fmt(data["certificates"]), _("certificates"), True),
    ]
    text = ""
    if data["activities"]:
        text = _(
            "%(activities)s trainings, workshops and webinars with %(participants)s "
            "participants in total."
        ) % {key: data[key] for key in ("activities", "participants")}
        if data.get("share_rated_8_or_higher") is not None:
            text += " " + _("%(share)s%% of the evaluations were an 8 or higher.") % {
                "share": fmt(data["share_rated_8_or_higher"])
            }
    return Computed(figures=figures, text=text)


def _nieuwsbrief(data: dict) -> Computed:
    if not data["newsletters"]:
        return Computed()
    figures = [
        Figure(fmt(data["newsletters"]), _("digital newsletters"), True),
        Figure(fmt(data["recipients"]), _("recipients per newsletter"), True),
        Figure(f"{fmt(data['open_rate'])}%", _("opened the newsletter"), True),
        Figure(f"{fmt(data['click_rate'])}%", _("clicked through"), True),
    ]
    text = _(
        "%(newsletters)s digital newsletters were sent, each to about %(recipients)s "
        "recipients; %(open_rate)s%% of them opened the newsletter and %(click_rate)s%% "
        "clicked through to further information."
    ) % {
        "newsletters": data["newsletters"],
        "recipients": data["recipients"],
        "open_rate": fmt(data["open_rate"]),
        "click_rate": fmt(data["click_rate"]),
    }
    return Computed(figures=figures, text=text)


def merge(recorded, computed: list[Figure]) -> list[Figure]:
    """Recorded figures first; a computed one only where no recorded figure has its label."""
    labels = {figure.label.strip().lower() for figure in recorded}
    return [
        Figure(figure.value, figure.label, pk=getattr(figure, "pk", None)) for figure in recorded
    ] + [figure for figure in computed if figure.label.strip().lower() not in labels]
