"""Tasks of Facturen: each takes primary keys, loads and calls a service; idempotent."""

from celery import shared_task

from . import notifications


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def send_mail(kind: str, pk: int) -> None:
    """Make the billing mail `kind` and queue it in the outbox, once (billing.notifications);
    the outbox sends it."""
    notifications.deliver(kind, pk)


@shared_task(autoretry_for=(OSError,), retry_backoff=10, max_retries=5)
def invoice_enrolment(enrolment_pk: int) -> int | None:
    """Invoice a confirmed (or promoted) Academie enrolment; one invoice however often."""
    from .academy import invoice_enrolment as invoice

    result = invoice(enrolment_pk)
    return result.pk if result else None


@shared_task(autoretry_for=(OSError,), retry_backoff=10, max_retries=5)
def credit_enrolment(enrolment_pk: int) -> int | None:
    """A cancellation before the deadline: the enrolment's invoice gets a credit note."""
    from .academy import credit_enrolment as credit

    result = credit(enrolment_pk)
    return result.pk if result else None


@shared_task
def send_reminders() -> dict:
    """Every morning (Celery beat): reminders 14 and 28 days after the due date."""
    from .services import reminders_send

    result = reminders_send()
    return {"first": result.first, "second": result.second}
