"""Tasks of Facturen: each takes primary keys, loads and calls a service; idempotent.

A task that its own work queues lives beside that work, under its name here: `queue_mail` in
`notifications`, `invoice_place` and `credit_place` in `places`."""

from celery import shared_task

from .notifications import queue_mail
from .places import credit_place, invoice_place
from .services import reminders_send

__all__ = [
    "credit_enrolment",
    "credit_place",
    "invoice_enrolment",
    "invoice_place",
    "queue_mail",
    "send_reminders",
]


@shared_task(autoretry_for=(OSError,), retry_backoff=10, max_retries=5)
def invoice_enrolment(enrolment_pk: int) -> int | None:
    """Kept for tasks queued before paid places were generalised: `invoice_place`."""
    return invoice_place("academy.enrolment", enrolment_pk)


@shared_task(autoretry_for=(OSError,), retry_backoff=10, max_retries=5)
def credit_enrolment(enrolment_pk: int) -> int | None:
    """Kept for tasks queued before paid places were generalised: `credit_place`."""
    return credit_place("academy.enrolment", enrolment_pk)


@shared_task
def send_reminders() -> dict:
    """Every morning (Celery beat): reminders 14 and 28 days after the due date."""
    result = reminders_send()
    return {"first": result.first, "second": result.second}
