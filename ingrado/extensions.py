"""What other apps add to taking a place, without the app that has the places knowing them
(as the panels of `members.dashboard`): questions asked before a place is taken, and
callbacks told when a place is confirmed, promoted from the waiting list or cancelled.

Each kind of place has one `PlaceExtensions` (the Academie's enrolments:
`academy.extensions.ENROLMENTS`; the meetings' registrations:
`meetings.extensions.REGISTRATIONS`). An app above it (billing) fills it in its
`AppConfig.ready()`:

- `register_question(...)`: a form shown on the page that asks before taking the place
  (with and without JavaScript), validated with it and saved in the place's own transaction
  (`save(claim, cleaned_data)`), so a refused answer or a failed save leaves nothing behind.
- `listen(event, callback)`: `callback(claim_pk, **details)` runs once the transaction
  that changed the place has committed (so a task it queues finds the row). Events:
  "confirmed" (places were left), "promoted" (from the waiting list), "cancelled" (details:
  `was_confirmed`, `before_deadline`, `by_staff`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

EVENTS = ("confirmed", "promoted", "cancelled")


@dataclass(frozen=True)
class Question:
    name: str
    form: Callable  # (person, holder, data=None) -> a Form, or None when nothing to ask
    template: str  # renders {"form": form, "person": person} and the holder
    save: Callable  # (claim, cleaned_data) -> None, inside the claim's transaction


class PlaceExtensions:
    """The questions and listeners of one kind of place (`label`: for messages only)."""

    def __init__(self, label: str):
        self.label = label
        self._questions: list[Question] = []
        self._listeners: dict[str, list[Callable]] = {event: [] for event in EVENTS}

    def register_question(self, *, name: str, form, template: str, save) -> None:
        if not any(question.name == name for question in self._questions):
            self._questions.append(Question(name, form, template, save))

    def questions(self) -> list[Question]:
        return list(self._questions)

    def forms(self, person, holder, data=None) -> list[tuple[Question, object]]:
        """(question, form) pairs for the page that asks first; a question with nothing to
        ask (a free place) is left out."""
        pairs = []
        for question in self._questions:
            form = question.form(person, holder, data)
            if form is not None:
                pairs.append((question, form))
        return pairs

    def save_answers(self, claim, answers: dict | None) -> None:
        """Save the cleaned answers (`{question name: cleaned_data}`) with the claim, in its
        transaction."""
        for question in self._questions:
            if answers and question.name in answers:
                question.save(claim, answers[question.name])

    def listen(self, event: str, callback: Callable) -> None:
        if event not in self._listeners:
            raise ValueError(f"unknown {self.label} event {event!r}")
        if callback not in self._listeners[event]:
            self._listeners[event].append(callback)

    def announce(self, event: str, claim_pk: int, **details) -> None:
        """Tell the listeners of `event` once the current transaction commits."""
        for callback in self._listeners[event]:
            transaction.on_commit(
                lambda callback=callback: callback(claim_pk, **details), robust=False
            )
