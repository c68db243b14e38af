"""E-mails as subject / text (/ html) template triples, rendered by one helper."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_email(prefix: str, context: dict, to: list[str], attachments=()) -> None:
    """Render `<prefix>_subject.txt`, `<prefix>.txt` and optional `<prefix>.html`; send."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        body = render_to_string(f"{prefix}.txt", context)
        try:
            html = render_to_string(f"{prefix}.html", context)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, to=to
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
