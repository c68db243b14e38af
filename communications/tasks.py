"""The newsletter's background work: batches of a sending, test mails, the scheduler and
the sweeper, the purge of unconfirmed sign-ups. Each task takes primary keys and calls the
service that does the work."""

from celery import shared_task
from django.contrib.auth import get_user_model

from . import mail, sending, services
from .models import Newsletter


@shared_task(acks_late=True)
def send_newsletter_batch(newsletter_id: int) -> dict:
    """One batch of a sending; it queues the next one itself (see communications/sending.py).
    Safe to run twice or at the same time: every row is claimed before its mail leaves."""
    return vars(sending.send_batch(newsletter_id=newsletter_id))


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def send_test_newsletter(newsletter_id: int, user_id: int) -> None:
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    user = get_user_model().objects.filter(pk=user_id).select_related("person").first()
    if newsletter is None or user is None:
        return
    recipient = mail.Recipient(name=user.get_full_name(), email=user.email, subscriber_pk=0)
    sections = list(newsletter.sections.order_by("order", "pk"))
    mail.message(newsletter, sections, recipient, test=True).send()


@shared_task
def send_due_newsletters() -> dict:
    """Every minute (Celery beat): start the scheduled newsletters whose moment has come and
    pick up sendings a stopped worker left behind."""
    started = services.newsletters_send_due()
    return {"started": started, **sending.sweep()}


@shared_task
def purge_unconfirmed_subscribers() -> int:
    return services.subscribers_purge_unconfirmed()
