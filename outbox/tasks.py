"""The outbox's tasks: send one row, the sweeper, the nightly clean-up. Each takes primary
keys (or nothing) and calls the service that does the work."""

from celery import shared_task

from . import services

# The sending task is defined beside the rows it sends (outbox/services.py), which queue a
# later attempt themselves; it is named here with the app's other tasks.
from .services import send_outgoing_mail

__all__ = ["send_outgoing_mail", "sweep_outgoing_mail", "delete_old_outgoing_mail"]


@shared_task
def sweep_outgoing_mail() -> dict:
    """Every minute (Celery beat): mark mails whose task stopped mid-send uncertain, queue
    again the mails whose task was lost."""
    return services.sweep()


@shared_task
def delete_old_outgoing_mail() -> int:
    return services.mails_delete_old()
