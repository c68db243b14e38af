"""AVG (GDPR): what the portal holds about a person, and erasure by anonymisation.

Each app registers a section with an exporter (person -> JSON-serialisable data) and,
where it stores personal data of its own, an eraser (person -> None) that blanks it while
keeping the rows that statistics count.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalDataSection:
    name: str
    exporter: Callable
    eraser: Callable | None = None


_sections: dict[str, PersonalDataSection] = {}


def register_personal_data(*, name: str, exporter: Callable, eraser: Callable | None = None):
    _sections[name] = PersonalDataSection(name, exporter, eraser)


def sections() -> list[PersonalDataSection]:
    return list(_sections.values())
