"""E-mails: subject / text / HTML templates rendered by one helper. The portal sends every
mail through the outbox (`outbox.services.mail_queue`), which renders it with this helper.

An e-mail is `<prefix>_subject.txt` and `<prefix>.txt`, and `<prefix>.html` where it needs
more than its text: without one, the HTML part is the text in the portal's e-mail layout
(`templates/emails/base.html`), so both parts always say the same. Links are absolute, on
`SITE_URL`.
"""

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


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
