"""Panels on "Mijn Ingrado", "Mijn profiel" and "Mijn werk": each app registers what it shows
there.

A panel is a template and a function that returns its context for a user; the members app
does not need to know the other apps. `page` says where it is shown: "dashboard" (Mijn
Ingrado), "profile" (Mijn profiel) or "work" (Mijn werk, where staff and board land after
logging in). `visible(user)` says who sees it (everyone on the page when left out): on Mijn
werk, the people whose work it is, e.g. `lambda user: user.has_perm("knowledge.handle_question")`.

An app adds its work panel in its `AppConfig.ready()`:

    register_panel(
        page="work",
        order=40,
        template="meetings/_work_panel.html",
        context=panels.work_context,  # (request, person) -> dict, a fixed number of queries
        visible=lambda user: user.has_perm("meetings.manage_meetings"),
    )

The template gets the context as `panel`. Someone with no work panel lands on Mijn Ingrado.
A panel of figures can use `includes/figures_panel.html` (title, figures and links).
"""

from collections.abc import Callable
from dataclasses import dataclass

PAGES = ("dashboard", "profile", "work")


@dataclass(frozen=True)
class Panel:
    order: int
    template: str
    context: Callable  # (request, person) -> dict
    page: str = "dashboard"
    visible: Callable | None = None  # (user) -> bool; None: everyone on the page


_panels: list[Panel] = []


def register_panel(
    *,
    order: int,
    template: str,
    context: Callable,
    page: str = "dashboard",
    visible: Callable | None = None,
) -> None:
    if page not in PAGES:
        raise ValueError(f"unknown page {page!r}; one of {PAGES}")
    if not any(p.template == template and p.context == context for p in _panels):
        _panels.append(Panel(order, template, context, page, visible))
        _panels.sort(key=lambda p: p.order)


def panels(page: str, user) -> list[Panel]:
    """The panels of `page` that `user` sees, in order."""
    return [
        panel
        for panel in _panels
        if panel.page == page and (panel.visible is None or panel.visible(user))
    ]


def has_work(user) -> bool:
    """Whether `user` has a Mijn werk page (staff, board): they land there after logging in."""
    return user.is_authenticated and bool(panels("work", user))
