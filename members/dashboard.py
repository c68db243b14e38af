"""Panels on "Mijn Ingrado": each app registers what it shows there.

A panel is a template and a function that returns its context for a user; the
members app does not need to know the other apps.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    order: int
    template: str
    context: Callable  # (request, person) -> dict


_panels: list[Panel] = []


def register_panel(*, order: int, template: str, context: Callable) -> None:
    if not any(p.template == template for p in _panels):
        _panels.append(Panel(order, template, context))
        _panels.sort(key=lambda p: p.order)


def panels() -> list[Panel]:
    return list(_panels)
