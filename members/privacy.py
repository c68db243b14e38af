"""AVG (GDPR): what the portal holds about a person, and erasure by anonymisation.

Each app registers a section with an exporter (person -> JSON-serialisable data) and,
where it stores personal data of its own, an eraser (person -> None) that blanks it while
keeping the rows that statistics count. A section may also name the objects of the person
that the audit log records (`audited`: person -> {(object type, object id): description})
and describe its audit actions (`audit_actions`: {action: description}), so that the export
tells the person who looked at their questions or enrolments, and when (AVG art. 15).
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PersonalDataSection:
    name: str
    exporter: Callable
    eraser: Callable | None = None
    audited: Callable | None = None
    audit_actions: dict = field(default_factory=dict)


_sections: dict[str, PersonalDataSection] = {}


def register_personal_data(
    *,
    name: str,
    exporter: Callable,
    eraser: Callable | None = None,
    audited: Callable | None = None,
    audit_actions: dict | None = None,
):
    _sections[name] = PersonalDataSection(name, exporter, eraser, audited, audit_actions or {})


def sections() -> list[PersonalDataSection]:
    return list(_sections.values())
