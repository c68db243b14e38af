"""Figures computed from the portal's own data for a project: what the apps registered for
the project's `code` (`ingrado.annual_figures`; e.g. the helpdesk's for "kennis", the
Academie's for "academie", the nieuwsbrief's for "ledenbinding", the meetings' for
"community" and "voortijdig-schoolverlaten"). A project found by its
code keeps its figures whatever it is called; an app that is missing simply adds none.

A figure staff record themselves (a KeyFigure with the same label) overrides a computed one.
"""

from ingrado import annual_figures
from ingrado.annual_figures import Computed, Figure

__all__ = ["Computed", "Figure", "computed_for", "merge"]


def computed_for(project, year: int, cache: dict | None = None) -> Computed:
    """What the registered providers of the project's code say about the year; several
    providers' figures, sentences, items and moments are joined in their order."""
    found = Computed()
    for provider in annual_figures.for_project(getattr(project, "code", "") or ""):
        data = annual_figures.year_figures(provider, year, cache)
        if not data or provider.present is None:
            continue
        part = provider.present(data)
        found.figures += part.figures
        found.topics += part.topics
        found.items += part.items
        found.moments += part.moments
        found.text = " ".join(text for text in (found.text, part.text) if text)
    return found


def merge(recorded, computed: list[Figure]) -> list[Figure]:
    """Recorded figures first; a computed one only where no recorded figure has its label."""
    labels = {figure.label.strip().lower() for figure in recorded}
    return [
        Figure(figure.value, figure.label, pk=getattr(figure, "pk", None)) for figure in recorded
    ] + [figure for figure in computed if figure.label.strip().lower() not in labels]
