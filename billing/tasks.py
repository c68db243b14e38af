"""Tasks of Facturen: each takes primary keys, loads and calls a service; idempotent."""

from celery import shared_task

from . import notifications


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def queue_mail(kind: str, pk: int) -> None:
    """Make the billing mail `kind` and queue it in the outbox, once (billing.notifications);
    the outbox sends it."""
    notifications.deliver(kind, pk)


@shared_task(autoretry_for=(OSError,), retry_backoff=10, max_retries=5)
def invoice_place(source_type: str, pk: int) -> int | None:
    """Invoice a confirmed (or promoted) paid place, an Academie enrolment or a meeting
    registration (billing.places); one invoice however often."""
    from .places import kind_of

    result = kind_of(source_type).invoice(pk)
    return result.pk if result else None


@shared_task(autoretry_for=(OSError,), retry_backoff=10, max_retries=5)
def credit_place(source_type: str, pk: int) -> int | None:
    """A cancellation before the deadline: the place's invoice gets a credit note."""
    from .places import kind_of

    result = kind_of(source_type).credit(pk)
    return result.pk if result else None


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
    from .services import reminders_send

    result = reminders_send()
    return {"first": result.first, "second": result.second}
