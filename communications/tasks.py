"""The newsletter's background work: batches of a sending, the scheduler and the sweeper,
the purge of unconfirmed sign-ups. Each task takes primary keys and calls the service that
does the work. (Test mails and confirmations go through the outbox.)"""

from celery import shared_task

from . import sending, services

# The batch task is defined beside the batches it runs (communications/sending.py), which
# queue the next batch themselves; it is named here with the app's other tasks.
from .sending import send_newsletter_batch

__all__ = ["send_newsletter_batch", "send_due_newsletters", "purge_unconfirmed_subscribers"]


@shared_task
def send_due_newsletters() -> dict:
    """Every minute (Celery beat): start the scheduled newsletters whose moment has come and
    pick up sendings a stopped worker left behind."""
    started = services.newsletters_send_due()
    return {"started": started, **sending.sweep()}


@shared_task
def purge_unconfirmed_subscribers() -> int:
    return services.subscribers_purge_unconfirmed()
