"""E-mails: subject / text / HTML templates rendered by one helper, sent by Celery tasks
after the transaction commits.

An e-mail is `<prefix>_subject.txt` and `<prefix>.txt`, and `<prefix>.html` where it needs
more than its text: without one, the HTML part is the text in the portal's e-mail layout
(`templates/emails/base.html`), so both parts always say the same. Links are absolute, on
`SITE_URL`.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from ingrado.broker import BROKER_ERRORS

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """`path` (from reverse()) on the portal's configured address."""
    return settings.SITE_URL.rstrip("/") + path


def render_email(prefix: str, context: dict, language: str | None = None):
    """(subject, text, html) of the e-mail `prefix` in `language` (Dutch by default)."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        text = render_to_string(f"{prefix}.txt", context)
        try:
            html = render_to_string(f"{prefix}.html", context)
        except TemplateDoesNotExist:
            html = render_to_string(
                "emails/base.html", {**context, "subject": subject, "text": text}
            )
    return f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", text, html


def send_templated_email(
    prefix: str, context: dict, to: list[str], attachments=(), headers=None
) -> None:
    subject, text, html = render_email(prefix, context)
    message = EmailMultiAlternatives(subject, text, to=to, headers=headers or {})
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()


def send_after_commit(task, *args) -> None:
    """Queue `task(*args)` (an e-mail) once the transaction commits. When the task queue
    cannot be reached the mail is sent from this process instead: a message is not lost
    because Redis is away."""

    def queue():
        try:
            task.apply_async(args=args, retry=False)
        except BROKER_ERRORS as error:
            logger.warning("%s queued in-process, the broker is unreachable: %s", task.name, error)
            task.apply(args=args)

    transaction.on_commit(queue)
