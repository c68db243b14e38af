"""Panels on "Mijn Ingrado" and "Mijn profiel": each app registers what it shows there.

A panel is a template and a function that returns its context for a user; the
members app does not need to know the other apps. `page` says where it is shown:
"dashboard" (Mijn Ingrado) or "profile" (Mijn profiel).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    order: int
    template: str
    context: Callable  # (request, person) -> dict
    page: str = "dashboard"


_panels: list[Panel] = []


def register_panel(
    *, order: int, template: str, context: Callable, page: str = "dashboard"
) -> None:
    if not any(p.template == template for p in _panels):
        _panels.append(Panel(order, template, context, page))
        _panels.sort(key=lambda p: p.order)


def panels(page: str = "dashboard") -> list[Panel]:
    return [panel for panel in _panels if panel.page == page]
