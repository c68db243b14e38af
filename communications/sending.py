"""Sending a newsletter in batches, so that nobody gets it twice.

When sending starts, every subscriber gets a Delivery row (unique per newsletter and
subscriber) in the state *to go*. A batch task then, up to NEWSLETTER_BATCH_SIZE times:

1. claims one row: in its own transaction it takes the next row *to go*
   (`SELECT … FOR UPDATE SKIP LOCKED`, so two workers never take the same row) and marks it
   *being sent* with a claim token and the time; that is committed before the mail leaves;
2. hands the mail to the SMTP server;
3. marks the row *sent* (only if it still carries its claim), or records the failure.

After the batch it queues the next one, NEWSLETTER_BATCH_PAUSE_SECONDS later.

A worker killed (SIGKILL, power loss) leaves at most one row per worker *being sent*: the one
whose mail was on its way. Everything before it is *sent*, everything after it still *to
go*. Whether that one mail reached the server cannot be known, so it is **never sent again**
(at most once: the issue's "without mailing anyone twice"): the sweeper (Celery beat, every
minute, and `manage.py send_newsletters`) marks a row *being sent* for longer than
NEWSLETTER_CLAIM_TIMEOUT_SECONDS as *uncertain*, which staff see, and queues a new batch for
a sending that has made no progress for that long (the killed worker's task stays with the
broker for its visibility timeout, an hour). Everyone still *to go* then gets their mail.

A newsletter whose stored text cannot become a mail (a subject saved with a line break
before the form refused it) is not sent at all: the batch puts it back to draft, so it can be
corrected in the editor, instead of stalling with every mail *to go*.

Failures: a refusal of the address by the server (5xx) is a hard failure, recorded on the
row; after three hard failures in a row the address is paused. A temporary problem (4xx, a
dropped connection) puts the row back *to go*, up to three attempts. When the server cannot
be reached at all, the batch claims nothing and tries again a minute later.
"""

import logging
import secrets
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import BadHeaderError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from ingrado.broker import BROKER_ERRORS
from outbox import smtp

from . import mail
from .models import Delivery, Newsletter, Subscriber

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
HARD_FAILURES_BEFORE_PAUSE = 3
RETRY_WHEN_SERVER_DOWN_SECONDS = 60

State = Delivery.State


@dataclass
class BatchResult:
    sent: int = 0
    failed: int = 0
    retried: int = 0
    skipped: int = 0
    finished: bool = False


# The batch task lives here, beside the batches it runs, because each batch queues the next
# (queue_batch): in tasks.py it made sending and tasks import each other. It keeps the name it
# always had, so batches already waiting in the broker still find it; tasks.py re-exports it.
@shared_task(name="communications.tasks.send_newsletter_batch", acks_late=True)
def send_newsletter_batch(newsletter_id: int) -> dict:
    """One batch of a sending; it queues the next one itself (see the top of this module).
    Safe to run twice or at the same time: every row is claimed before its mail leaves."""
    return vars(send_batch(newsletter_id=newsletter_id))


def queue_batch(newsletter_id: int, *, countdown: float = 0) -> bool:
    """Hand a batch to the task queue; False when the broker cannot be reached (the sweeper
    queues it later)."""
    try:
        send_newsletter_batch.apply_async(args=[newsletter_id], countdown=countdown, retry=False)
    except BROKER_ERRORS as error:
        logger.warning("newsletter %s: batch could not be queued: %s", newsletter_id, error)
        return False
    return True


def create_deliveries(newsletter: Newsletter) -> int:
    """A row *to go* for every subscriber receiving the newsletter now (in the caller's
    transaction)."""
    subscriber_ids = Subscriber.objects.receiving().order_by("pk").values_list("pk", flat=True)
    Delivery.objects.bulk_create(
        [Delivery(newsletter=newsletter, subscriber_id=pk) for pk in subscriber_ids.iterator()],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return Delivery.objects.filter(newsletter=newsletter).count()


def _claim_next(newsletter_id: int) -> Delivery | None:
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscriber")
            .filter(newsletter_id=newsletter_id, state=State.QUEUED)
            .order_by("pk")
            .first()
        )
        if delivery is None:
            return None
        subscriber = delivery.subscriber
        if subscriber is None or subscriber.status != Subscriber.Status.SUBSCRIBED:
            delivery.state = State.SKIPPED
            delivery.save(update_fields=["state"])
            return delivery
        delivery.state = State.SENDING
        delivery.claim = secrets.token_hex(8)
        delivery.claimed_at = timezone.now()
        delivery.attempts += 1
        delivery.save(update_fields=["state", "claim", "claimed_at", "attempts"])
    return delivery


def _mark(delivery: Delivery, **fields) -> None:
    Delivery.objects.filter(pk=delivery.pk, claim=delivery.claim, state=State.SENDING).update(
        **fields
    )


def _smtp_code(error: Exception) -> int | None:
    if isinstance(error, smtplib.SMTPSenderRefused):
        return None  # our sender, not the recipient: not their failure
    return smtp.refusal_code(error)


@transaction.atomic
def _record_hard_failure(delivery: Delivery, reason: str) -> None:
    _mark(delivery, state=State.FAILED, error=reason[:300])
    subscriber = Subscriber.objects.select_for_update().get(pk=delivery.subscriber_id)
    subscriber.hard_failures += 1
    fields = ["hard_failures"]
    if subscriber.hard_failures >= HARD_FAILURES_BEFORE_PAUSE:
        subscriber.status = Subscriber.Status.PAUSED
        subscriber.paused_at = timezone.now()
        fields += ["status", "paused_at"]
    subscriber.save(update_fields=fields)


def _send_one(delivery: Delivery, newsletter: Newsletter, sections, connection) -> str:
    """Send one claimed row; returns what happened ("sent", "failed" or "retried")."""
    subscriber = delivery.subscriber
    recipient = mail.Recipient(
        name=subscriber.name,
        email=subscriber.email,
        subscriber_pk=subscriber.pk,
        delivery_token=delivery.token,
    )
    try:
        smtp.hand_over(connection, mail.message(newsletter, sections, recipient))
    except BadHeaderError as error:  # this mail cannot be made: trying again changes nothing
        _mark(delivery, state=State.FAILED, error=f"BadHeaderError: {error}"[:300])
        return "failed"
    except smtp.ERRORS as error:
        code = _smtp_code(error)
        reason = f"{type(error).__name__}: {error}"
        if code is not None and 500 <= code < 600:
            _record_hard_failure(delivery, reason)
            return "failed"
        if delivery.attempts >= MAX_ATTEMPTS:
            _mark(delivery, state=State.FAILED, error=reason[:300])
            return "failed"
        _mark(delivery, state=State.QUEUED, claim="", error=reason[:300])
        return "retried"
    _mark(delivery, state=State.SENT, sent_at=timezone.now(), error="")
    if subscriber.hard_failures:
        Subscriber.objects.filter(pk=subscriber.pk).update(hard_failures=0)
    return "sent"


def send_batch(*, newsletter_id: int) -> BatchResult:
    """Send up to NEWSLETTER_BATCH_SIZE mails of a newsletter being sent, then queue the next
    batch or finish the sending."""
    result = BatchResult()
    sending = Newsletter.objects.filter(pk=newsletter_id, status=Newsletter.Status.SENDING)
    newsletter = sending.first()
    if newsletter is None:
        return result
    problems = mail.problems(newsletter)
    if problems:
        stop_unsendable(newsletter_id, problems)
        return result
    sections = list(newsletter.sections.order_by("order", "pk"))
    connection = smtp.connection()
    try:
        connection.open()
    except smtp.ERRORS as error:
        logger.warning("newsletter %s: mail server unreachable: %s", newsletter_id, error)
        queue_batch(newsletter_id, countdown=RETRY_WHEN_SERVER_DOWN_SECONDS)
        return result
    try:
        for _ in range(settings.NEWSLETTER_BATCH_SIZE):
            delivery = _claim_next(newsletter_id)
            if delivery is None:
                break
            if delivery.state == State.SKIPPED:
                result.skipped += 1
                continue
            outcome = _send_one(delivery, newsletter, sections, connection)
            setattr(result, outcome, getattr(result, outcome) + 1)
            if outcome == "retried" and not smtp.reopen(connection):
                break
    finally:
        smtp.close(connection)
    if Delivery.objects.filter(newsletter_id=newsletter_id, state=State.QUEUED).exists():
        queue_batch(newsletter_id, countdown=settings.NEWSLETTER_BATCH_PAUSE_SECONDS)
    else:
        result.finished = finish_if_done(newsletter_id)
    return result


@transaction.atomic
def stop_unsendable(newsletter_id: int, problems: list[str]) -> None:
    """A sending of a newsletter that cannot become a mail: nothing was sent, so it is a
    draft again, to be corrected and sent; (had anything been sent) the rest fails."""
    newsletter = (
        Newsletter.objects.select_for_update()
        .filter(pk=newsletter_id, status=Newsletter.Status.SENDING)
        .first()
    )
    if newsletter is None:
        return
    logger.warning("newsletter %s cannot be sent: %s", newsletter_id, "; ".join(problems))
    deliveries = Delivery.objects.filter(newsletter=newsletter)
    if not deliveries.filter(state=State.SENT).exists():
        deliveries.delete()
        Newsletter.objects.filter(pk=newsletter_id).update(
            status=Newsletter.Status.DRAFT, started_at=None, recipients=0
        )
        return
    deliveries.filter(state__in=[State.QUEUED, State.SENDING]).update(
        state=State.FAILED, error="; ".join(problems)[:300]
    )
    finish_if_done(newsletter_id)


def finish_if_done(newsletter_id: int) -> bool:
    """Mark the sending finished once no row is to go or being sent."""
    busy = Delivery.objects.filter(
        newsletter_id=newsletter_id, state__in=[State.QUEUED, State.SENDING]
    )
    if busy.exists():
        return False
    counts = Delivery.objects.filter(newsletter_id=newsletter_id).aggregate(
        delivered=Count("pk", filter=Q(state=State.SENT)),
        failed=Count("pk", filter=Q(state__in=[State.FAILED, State.UNCERTAIN])),
    )
    return bool(
        Newsletter.objects.filter(pk=newsletter_id, status=Newsletter.Status.SENDING).update(
            status=Newsletter.Status.SENT, finished_at=timezone.now(), **counts
        )
    )


def sweep(now: datetime | None = None) -> dict[str, int]:
    """Pick up sendings a worker left behind (see the module's description)."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT_SECONDS)
    counts = {"uncertain": 0, "resumed": 0, "finished": 0}
    for newsletter in Newsletter.objects.filter(status=Newsletter.Status.SENDING):
        counts["uncertain"] += Delivery.objects.filter(
            newsletter=newsletter, state=State.SENDING, claimed_at__lt=limit
        ).update(state=State.UNCERTAIN, error="worker stopped while sending")
        progress = Delivery.objects.filter(newsletter=newsletter).aggregate(
            last_claim=Max("claimed_at"),
            to_go=Count("pk", filter=Q(state=State.QUEUED)),
        )
        last = max(filter(None, [newsletter.started_at, progress["last_claim"]]), default=None)
        if progress["to_go"]:
            if last is None or last < limit:
                counts["resumed"] += queue_batch(newsletter.pk)
        elif finish_if_done(newsletter.pk):
            counts["finished"] += 1
    return counts


def progress(newsletter: Newsletter) -> dict:
    """Sent, to go and failed, for the live progress on the newsletter's page; a finished
    sending's from the counts it left."""
    if newsletter.status == Newsletter.Status.SENT:
        return {
            "total": newsletter.recipients,
            "sent": newsletter.delivered,
            "to_go": 0,
            "failed": newsletter.failed,
            "uncertain": 0,
            "skipped": newsletter.recipients - newsletter.delivered - newsletter.failed,
            "percent": 100,
        }
    counts = dict(
        Delivery.objects.filter(newsletter=newsletter)
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    total = sum(counts.values())
    sent = counts.get(State.SENT, 0)
    to_go = counts.get(State.QUEUED, 0) + counts.get(State.SENDING, 0)
    return {
        "total": total,
        "sent": sent,
        "to_go": to_go,
        "failed": counts.get(State.FAILED, 0),
        "uncertain": counts.get(State.UNCERTAIN, 0),
        "skipped": counts.get(State.SKIPPED, 0),
        "percent": round(100 * (total - to_go) / total) if total else 0,
    }
