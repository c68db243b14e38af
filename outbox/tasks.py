"""The outbox's tasks: send one row, the sweeper, the nightly clean-up. Each takes primary
keys (or nothing) and calls the service that does the work."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True)
def send_outgoing_mail(mail_id: int) -> str:
    """Send the outbox row `mail_id` once; safe to run twice or at the same time (the row is
    claimed before its mail leaves). A later attempt is queued by the service itself."""
    return services.mail_send(mail_id=mail_id)


@shared_task
def sweep_outgoing_mail() -> dict:
    """Every minute (Celery beat): mark mails whose task stopped mid-send uncertain, queue
    again the mails whose task was lost."""
    return services.sweep()


@shared_task
def delete_old_outgoing_mail() -> int:
    return services.mails_delete_old()
