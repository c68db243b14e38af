"""The newsletter as an e-mail: one template pair (HTML and plain text) rendered for each
recipient with only their name, their own unsubscribe link and the tracking links of their
copy. Previews and test mails render the same templates without tracking."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from outbox import smtp

from . import tokens
from .models import Newsletter, Section

CSS = Path(__file__).resolve().parent / "static" / "communications" / "newsletter.css"


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    subscriber_pk: int  # 0 for a test mail: its unsubscribe link unsubscribes nobody
    delivery_token: str = ""  # empty: nothing is counted


@cache
def mail_css() -> str:
    """The newsletter's styles, also the preview's stylesheet: one file for both."""
    return CSS.read_text()


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_url(subscriber_pk: int, newsletter_pk: int | None = None) -> str:
    token = tokens.unsubscribe_token(subscriber_pk, newsletter_pk)
    return absolute(reverse("communications:unsubscribe", args=[token]))


def image_url(newsletter: Newsletter, section: Section) -> str:
    """A section's image: public once the newsletter is sent; a draft's only for staff, or
    through the signed link a test mail carries (its mail program has no login)."""
    url = absolute(reverse("communications:section_image", args=[section.pk]))
    if not newsletter.is_public:
        url += "?" + urlencode({"s": tokens.image_token(section.pk)})
    return url


def section_rows(newsletter: Newsletter, sections, delivery_token: str, *, tracked: bool):
    """Each section with the address its link points to in this copy: through the signed
    click link when tracked, straight to the target otherwise (the preview)."""
    rows = []
    for section in sections:
        href = section.link_url
        if href and tracked:
            token = tokens.click_token(newsletter.pk, section.pk, section.link_url, delivery_token)
            href = absolute(reverse("communications:click", args=[token]))
        image = image_url(newsletter, section) if section.image else ""
        rows.append({"section": section, "href": href, "image_url": image})
    return rows


def context(
    newsletter: Newsletter, sections, recipient: Recipient, *, tracked=True, unsubscribe=""
) -> dict:
    """What the newsletter's templates show for one copy; `unsubscribe` the copy's link when
    the caller has made it already (the mail's header holds the same one)."""
    pixel = ""
    if tracked:
        token = tokens.open_token(newsletter.pk, recipient.delivery_token)
        pixel = absolute(reverse("communications:open", args=[token]))
    return {
        "newsletter": newsletter,
        "sections": section_rows(newsletter, sections, recipient.delivery_token, tracked=tracked),
        "name": recipient.name,
        "unsubscribe_url": unsubscribe or unsubscribe_url(recipient.subscriber_pk, newsletter.pk),
        "profile_url": absolute(reverse("members:profile")),
        "pixel_url": pixel,
        "css": mail_css(),
        "site_url": settings.SITE_URL.rstrip("/"),
    }


def render(newsletter: Newsletter, sections, recipient: Recipient, *, tracked=True, unsubscribe=""):
    """(plain text, HTML) of one copy, in Dutch."""
    data = context(newsletter, sections, recipient, tracked=tracked, unsubscribe=unsubscribe)
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string("communications/emails/newsletter.txt", data)
        html = render_to_string("communications/emails/newsletter.html", data)
    return text, html


def problems(newsletter: Newsletter) -> list[str]:
    """What keeps a newsletter as stored from becoming an e-mail (the model's rules, such as
    a subject on one line), also for data saved before a form refused it; [] when none."""
    try:  # the fields' rules only: no query
        newsletter.full_clean(
            exclude=["created_by"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        fields = {field.name: field for field in Newsletter._meta.fields}
        return [
            f"{capfirst(fields[name].verbose_name)}: {text}" if name in fields else text
            for name, texts in error.message_dict.items()
            for text in texts
        ]
    return []


def message(
    newsletter: Newsletter,
    sections: list[Section],
    recipient: Recipient,
    *,
    tracked=True,
    test=False,
) -> EmailMessage:
    """The mail for one recipient, with the one-click unsubscribe headers (RFC 8058)."""
    link = unsubscribe_url(recipient.subscriber_pk, newsletter.pk)  # one link, a signed time
    text, html = render(newsletter, sections, recipient, tracked=tracked, unsubscribe=link)
    subject = newsletter.subject
    if test:
        with translation.override(settings.LANGUAGE_CODE):
            subject = translation.gettext("[Test] %(subject)s") % {"subject": subject}
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": "Ingrado nieuwsbrief <nieuwsbrief.ingrado.nl>",
    }
    if recipient.delivery_token:
        # The same Message-ID for a copy sent again would let a mail client drop the double.
        headers["Message-ID"] = f"<nb{newsletter.pk}.{recipient.delivery_token}@ingrado.nl>"
    return smtp.message(
        subject=subject,
        text=text,
        html=html,
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=recipient.email,
        headers=headers,
    )
