"""The one way the portal sends an e-mail: an outbox row per recipient.

A service queues a mail inside its own transaction with `mail_queue()` (a template, see
`ingrado.emails.render_email`) or `mail_queue_message()` (a message built elsewhere, such as
allauth's): each recipient gets a row holding the rendered subject, text, HTML, headers and
attachments. Once the transaction commits, a task sends *that row* (`mail_send`):

1. it claims the row: *queued* becomes *being sent* in one conditional UPDATE that is
   committed before the mail leaves, so two tasks never send the same row;
2. it hands the mail to the mail server;
3. it marks the row *sent*, or records what went wrong:
   - the server could not be reached, or answered 4xx (try again later): the row is queued
     again with a growing pause (`RETRY_DELAYS`), up to OUTBOX_MAX_ATTEMPTS attempts, then
     *failed*;
   - the server refused it (5xx): *failed*;
   - the connection was lost while the mail was being handed over: *uncertain* (the server
     may have accepted it).

A mail the server accepted is never sent again. A worker killed (SIGKILL, power loss) while
it handed over a mail leaves that row *being sent*: the sweeper (`sweep`, Celery beat every
minute) marks a row *being sent* longer than OUTBOX_CLAIM_TIMEOUT_SECONDS *uncertain* and
does not send it again (at most once: a missing mail is better than a double one). The
sweeper also queues again the rows whose task was lost (the broker was away when they were
queued, or a worker died before it claimed them). Staff see failed and uncertain mails at
/uitgaande-mail/ and can send one again (`mail_resend`: a new row, recording who asked).

This module imports no other app of the portal: apps call it, it calls none of them.
"""

import base64
import logging
import secrets
from datetime import datetime, timedelta
from email.utils import make_msgid, parseaddr

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Model, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ingrado.broker import BROKER_ERRORS
from ingrado.emails import render_email
from ingrado.errors import DomainError

from . import smtp
from .models import OutgoingMail

logger = logging.getLogger(__name__)

State = OutgoingMail.State

# Seconds to wait before attempt 2, 3, ...; the last one repeats until OUTBOX_MAX_ATTEMPTS.
RETRY_DELAYS = (30, 120, 480, 1800, 3600)


class CannotResend(DomainError):
    default_message = _("Only a failed or uncertain e-mail can be sent again, once.")


# --- queuing ------------------------------------------------------------------------------


def _about(about) -> str:
    if about is None:
        return ""
    if isinstance(about, Model):
        return f"{about._meta.label_lower}:{about.pk}"[:100]
    return str(about)[:100]


def mail_queued(*, prefix: str, about) -> bool:
    """Whether the mail `prefix` about `about` was queued before (a task that makes its mail
    asks this first, under a lock of its object, so running twice mails once)."""
    return OutgoingMail.objects.filter(template=prefix, about=_about(about)).exists()


def _message_id() -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return make_msgid(idstring="outbox", domain=domain)


def _attachment(filename: str, content, mimetype: str) -> dict:
    if isinstance(content, str):
        content = content.encode()
    return {
        "filename": filename,
        "mimetype": mimetype,
        "content": base64.b64encode(content).decode("ascii"),
    }


def _addresses(to) -> list[str]:
    addresses = [to] if isinstance(to, str) else list(to)
    return list(dict.fromkeys(address.strip() for address in addresses if address.strip()))


def _create(*, to, template: str, about, language: str, **content) -> list[OutgoingMail]:
    mails = []
    for address in _addresses(to):
        mail = OutgoingMail(
            to=address[:254],
            template=template[:200],
            about=_about(about),
            language=language,
            **content,
        )
        mail.headers = {"Message-ID": _message_id(), **mail.headers}
        # The address is not judged here: a change is never refused for a mail it causes; an
        # address the mail server will not take shows as failed for staff to see.
        mail.full_clean(exclude=["to"])
        mail.save()
        mails.append(mail)
    pks = [mail.pk for mail in mails]
    transaction.on_commit(lambda: [_queue(pk) for pk in pks])
    return mails


@transaction.atomic
def mail_queue(
    *,
    prefix: str,
    context: dict,
    to,
    attachments=(),
    headers: dict | None = None,
    language: str | None = None,
    about=None,
) -> list[OutgoingMail]:
    """Queue the e-mail `prefix` (its `_subject.txt`, `.txt` and optional `.html` templates,
    rendered now in `language`, Dutch by default) to `to` (an address or a list: one row per
    address). `attachments` are (filename, content, mimetype); `about` is the object the
    mail is about (a model instance) or a short label. Sent by a task once the caller's
    transaction commits; returns the rows."""
    language = language or settings.LANGUAGE_CODE
    subject, text, html = render_email(prefix, context, language)
    return _create(
        to=to,
        template=prefix,
        about=about,
        language=language,
        from_email=settings.DEFAULT_FROM_EMAIL,
        subject=subject,
        text=text,
        html=html,
        headers=dict(headers or {}),
        attachments=[_attachment(*attachment) for attachment in attachments],
    )


@transaction.atomic
def mail_queue_message(
    *, message: EmailMessage, template: str = "", language: str | None = None, about=None
) -> list[OutgoingMail]:
    """Queue a message built elsewhere (allauth's account mails, the newsletter's test): one
    row per recipient (to, cc and bcc), with its subject, text, HTML alternative, headers and
    attachments."""
    html = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        attachments.append(_attachment(filename, content, mimetype or "application/octet-stream"))
    return _create(
        to=[*message.to, *message.cc, *message.bcc],
        template=template,
        about=about,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        subject=message.subject,
        text=message.body,
        html=html,
        headers=dict(message.extra_headers),
        attachments=attachments,
    )


# The sending task lives here, beside the rows it sends, because a send queues its own
# later attempt (_queue): in tasks.py it made services and tasks import each other. It keeps
# the name it always had, so rows already waiting in the broker still find it; tasks.py
# re-exports it.
@shared_task(name="outbox.tasks.send_outgoing_mail", acks_late=True, ignore_result=True)
def send_outgoing_mail(mail_id: int) -> str:
    """Send the outbox row `mail_id` once; safe to run twice or at the same time (the row is
    claimed before its mail leaves). A later attempt is queued by the service itself."""
    return mail_send(mail_id=mail_id)


def _queue(pk: int, countdown: float = 0) -> bool:
    """Hand the row to the task queue; False when the broker cannot be reached (the row
    stays queued and the sweeper queues it again)."""
    if countdown and send_outgoing_mail.app.conf.task_always_eager:
        return False  # in-process (tests): a later attempt waits for the sweeper
    try:
        send_outgoing_mail.apply_async(args=[pk], countdown=countdown or None, retry=False)
    except BROKER_ERRORS as error:
        logger.warning("outgoing mail %s could not be queued: %s", pk, error)
        return False
    return True


# --- sending ------------------------------------------------------------------------------


def _message(mail: OutgoingMail, connection):
    return smtp.message(
        subject=mail.subject,
        text=mail.text,
        html=mail.html,
        from_email=mail.from_email,
        to=mail.to,
        headers=mail.headers,
        attachments=[
            (item["filename"], base64.b64decode(item["content"]), item["mimetype"])
            for item in mail.attachments
        ],
        conn=connection,
    )


def _mark(mail: OutgoingMail, **fields) -> bool:
    """Record the outcome, unless the row is no longer this attempt's."""
    return bool(
        OutgoingMail.objects.filter(pk=mail.pk, claim=mail.claim, state=State.SENDING).update(
            state_changed_at=timezone.now(), **fields
        )
    )


def _reason(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def _try_again_later(mail: OutgoingMail, error: Exception) -> str:
    """The mail was not handed over: another attempt after a pause, or failed when the
    attempts are used up."""
    reason = _reason(error)
    if mail.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        _mark(mail, state=State.FAILED, error=reason)
        return "failed"
    delay = RETRY_DELAYS[min(mail.attempts, len(RETRY_DELAYS)) - 1]
    _mark(
        mail,
        state=State.QUEUED,
        claim="",
        error=reason,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
    )
    _queue(mail.pk, countdown=delay)
    return "retried"


def mail_send(*, mail_id: int) -> str:
    """Send one queued row (the task's work); returns what happened: "sent", "retried",
    "failed", "uncertain", or "skipped" when the row is not queued (sent, being sent by
    another task, failed, uncertain, gone)."""
    now = timezone.now()
    claim = secrets.token_hex(8)
    claimed = OutgoingMail.objects.filter(pk=mail_id, state=State.QUEUED).update(
        state=State.SENDING,
        claim=claim,
        claimed_at=now,
        state_changed_at=now,
        attempts=F("attempts") + 1,
    )
    mail = OutgoingMail.objects.filter(pk=mail_id, claim=claim).first() if claimed else None
    if mail is None:  # not queued (sent, being sent, given up), or erased meanwhile
        return "skipped"
    connection = smtp.connection()
    try:
        connection.open()
    except smtp.ERRORS as error:  # nothing was handed over
        logger.warning("outgoing mail %s: mail server unreachable: %s", mail_id, error)
        return _try_again_later(mail, error)
    try:
        smtp.hand_over(connection, _message(mail, connection))
    except smtp.ERRORS as error:
        code = smtp.refusal_code(error)
        if code is not None and 400 <= code < 500:
            return _try_again_later(mail, error)
        if code is not None:
            _mark(mail, state=State.FAILED, error=_reason(error))
            return "failed"
        # The connection broke while the mail was on its way: it may have arrived.
        _mark(mail, state=State.UNCERTAIN, error=_reason(error))
        return "uncertain"
    except Exception as error:  # a mail that cannot be built: recorded for staff to see
        _mark(mail, state=State.FAILED, error=_reason(error))
        raise
    finally:
        smtp.close(connection)
    _mark(mail, state=State.SENT, sent_at=timezone.now(), error="")
    return "sent"


# --- recovery -----------------------------------------------------------------------------


def sweep(*, now: datetime | None = None) -> dict[str, int]:
    """What Celery beat runs every minute: a row *being sent* longer than the claim timeout
    is marked *uncertain* (never sent again), and a row queued whose attempt was due longer
    than OUTBOX_REQUEUE_AFTER_SECONDS ago (its task was lost) is queued again."""
    now = now or timezone.now()
    uncertain = OutgoingMail.objects.filter(
        state=State.SENDING,
        claimed_at__lt=now - timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT_SECONDS),
    ).update(
        state=State.UNCERTAIN,
        state_changed_at=now,
        error="The task stopped while it handed this mail to the mail server: "
        "it may or may not have arrived.",
    )
    lost = list(
        OutgoingMail.objects.filter(
            state=State.QUEUED,
            next_attempt_at__lt=now - timedelta(seconds=settings.OUTBOX_REQUEUE_AFTER_SECONDS),
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:1000]
    )
    queued = 0
    for pk in lost:
        # Not again for a while: a task still waiting in a long queue is not multiplied.
        OutgoingMail.objects.filter(pk=pk, state=State.QUEUED).update(next_attempt_at=now)
        if not _queue(pk):
            break
        queued += 1
    return {"uncertain": uncertain, "queued": queued}


@transaction.atomic
def mail_resend(*, mail: OutgoingMail, actor) -> OutgoingMail:
    """Staff send a failed or uncertain mail again: a new row with the same content (and the
    same Message-ID, so a mail program that has the first copy may drop the second), which
    records who asked for it. Each mail is sent again at most once this way."""
    mail = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
    if not mail.can_be_resent or mail.resends.exists():
        raise CannotResend()
    copy = OutgoingMail(
        to=mail.to,
        from_email=mail.from_email,
        subject=mail.subject,
        text=mail.text,
        html=mail.html,
        headers=mail.headers,
        attachments=mail.attachments,
        language=mail.language,
        template=mail.template,
        about=mail.about,
        resent_from=mail,
        resent_by=actor,
    )
    copy.full_clean()
    copy.save()
    logger.info("outgoing mail %s sent again as %s by user %s", mail.pk, copy.pk, actor.pk)
    transaction.on_commit(lambda: _queue(copy.pk))
    return copy


def mails_delete_old(*, now: datetime | None = None) -> int:
    """Sent, failed and uncertain mails are kept OUTBOX_KEEP_DAYS (they hold personal data),
    then deleted (Celery beat, nightly)."""
    limit = (now or timezone.now()) - timedelta(days=settings.OUTBOX_KEEP_DAYS)
    deleted, _rows = OutgoingMail.objects.filter(
        state__in=[State.SENT, State.FAILED, State.UNCERTAIN], state_changed_at__lt=limit
    ).delete()
    return deleted


def mails_to(*addresses: str):
    """The mails to these addresses (the AVG export and erasure of a person)."""
    matches = Q(pk__in=[])
    for address in filter(None, addresses):
        matches |= Q(to__iexact=address)
    return OutgoingMail.objects.filter(matches).order_by("created_at")


def mails_erase_addresses(*addresses: str) -> int:
    """AVG erasure: the mails to these addresses go, whatever their state."""
    deleted, _rows = mails_to(*addresses).delete()
    return deleted
