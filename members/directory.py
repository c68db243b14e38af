"""Sections of a person's page in the member directory (staff only): each app registers
what it holds about the person (their questions, their enrolments), as the apps do for Mijn
Ingrado, so the members app does not need to know the others.

A section is a template and a function that returns its context for a person; the page logs
which sections it showed in the audit log (`person_view`).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonSection:
    name: str
    order: int
    template: str
    context: Callable  # (person) -> dict


_sections: list[PersonSection] = []


def register_person_section(*, name: str, order: int, template: str, context: Callable) -> None:
    if not any(s.name == name for s in _sections):
        _sections.append(PersonSection(name, order, template, context))
        _sections.sort(key=lambda s: s.order)


def person_sections() -> list[PersonSection]:
    return list(_sections)
