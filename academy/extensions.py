"""What other apps add to enrolling, without the Academie knowing them (as the panels of
`members.dashboard`): questions asked before an enrolment is confirmed, and callbacks told
when an enrolment is confirmed, promoted from the waiting list or cancelled.

An app above the Academie (billing) fills both in its `AppConfig.ready()`:

- `register_enrolment_question(...)`: a form shown on the page that asks before enrolling
  (with and without JavaScript), validated with the enrolment and saved in the enrolment's
  own transaction (`save(enrolment, cleaned_data)`), and a summary for that page.
- `listen(event, callback)`: `callback(enrolment_pk, **details)` runs once the transaction
  that changed the enrolment has committed (so a task it queues finds the row). Events:
  "confirmed" (places were left), "promoted" (from the waiting list), "cancelled" (details:
  `was_confirmed`, `before_deadline`, `by_staff`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

EVENTS = ("confirmed", "promoted", "cancelled")


@dataclass(frozen=True)
class EnrolmentQuestion:
    name: str
    form: Callable  # (person, edition, data=None) -> a Form, or None when nothing to ask
    template: str  # renders {"form": form, "edition": edition, "person": person}
    save: Callable  # (enrolment, cleaned_data) -> None, inside the enrolment's transaction


_questions: list[EnrolmentQuestion] = []
_listeners: dict[str, list[Callable]] = {event: [] for event in EVENTS}


def register_enrolment_question(*, name: str, form, template: str, save) -> None:
    if not any(question.name == name for question in _questions):
        _questions.append(EnrolmentQuestion(name, form, template, save))


def enrolment_questions() -> list[EnrolmentQuestion]:
    return list(_questions)


def listen(event: str, callback: Callable) -> None:
    if event not in _listeners:
        raise ValueError(f"unknown enrolment event {event!r}")
    if callback not in _listeners[event]:
        _listeners[event].append(callback)


def announce(event: str, enrolment_pk: int, **details) -> None:
    """Tell the listeners of `event` once the current transaction commits."""
    for callback in _listeners[event]:
        transaction.on_commit(
            lambda callback=callback: callback(enrolment_pk, **details), robust=False
        )
