"""The newsletter's background work: batches of a sending, the scheduler and the sweeper,
the purge of unconfirmed sign-ups. Each task takes primary keys and calls the service that
does the work. (Test mails and confirmations go through the outbox.)"""

from celery import shared_task

from . import sending, services


@shared_task(acks_late=True)
def send_newsletter_batch(newsletter_id: int) -> dict:
    """One batch of a sending; it queues the next one itself (see communications/sending.py).
    Safe to run twice or at the same time: every row is claimed before its mail leaves."""
    return vars(sending.send_batch(newsletter_id=newsletter_id))


@shared_task
def send_due_newsletters() -> dict:
    """Every minute (Celery beat): start the scheduled newsletters whose moment has come and
    pick up sendings a stopped worker left behind."""
    started = services.newsletters_send_due()
    return {"started": started, **sending.sweep()}


@shared_task
def purge_unconfirmed_subscribers() -> int:
    return services.subscribers_purge_unconfirmed()
