"""Signed values in the newsletter's public links: no database row needs to be found to
trust them, and a changed character makes them worthless.

- unsubscribe: the subscriber and the newsletter the link came in (no expiry: a newsletter
  from last year must still work; the newsletter only counts the unsubscribes it caused);
- confirm: the subscriber and address of a sign-up, when it was asked for, and the name and
  organisation the visitor typed, valid for seven days (double opt-in): only the newest
  request's link confirms, and what was typed is applied only then;
- open and click: the newsletter, the section and target of a link, and the delivery's
  random token (empty in a test mail or preview, which count nothing).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

UNSUBSCRIBE = "communications.unsubscribe"
IMAGE = "communications.image"
# How long the image links of a test mail show a draft's images to a mail program (which
# has no login): the week an editor works on a newsletter.
IMAGE_DAYS = 7
CONFIRM = "communications.confirm"
OPEN = "communications.open"
CLICK = "communications.click"


def unsubscribe_token(subscriber_pk: int, newsletter_pk: int | None = None) -> str:
    value = subscriber_pk if newsletter_pk is None else [subscriber_pk, newsletter_pk]
    return signing.dumps(value, salt=UNSUBSCRIBE)


def read_unsubscribe_token(token: str) -> tuple[int, int | None] | None:
    """(subscriber pk, newsletter pk or None), or None when changed."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE)
    except signing.BadSignature:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value, None
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return value[0], value[1]
    return None


@dataclass(frozen=True)
class ConfirmRequest:
    """What a confirmation link carries: the sign-up it confirms and what the visitor typed."""

    subscriber_pk: int
    email: str
    requested_at: float | None = None  # a POSIX timestamp; None in links made without one
    name: str = ""
    organisation: str = ""


def confirm_token(
    subscriber_pk: int,
    email: str,
    *,
    requested_at: float | None = None,
    name: str = "",
    organisation: str = "",
) -> str:
    return signing.dumps(
        [subscriber_pk, email, requested_at, name, organisation], salt=CONFIRM, compress=True
    )


def read_confirm_token(token: str) -> ConfirmRequest | None:
    """The sign-up a link confirms, or None when changed or older than the confirmation
    days. Links of the first form ([pk, address]) are read too."""
    max_age = settings.NEWSLETTER_CONFIRMATION_DAYS * 24 * 3600
    try:
        value = signing.loads(token, salt=CONFIRM, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    if not (isinstance(value, list) and len(value) in (2, 5) and isinstance(value[0], int)):
        return None
    if len(value) == 2:
        return ConfirmRequest(value[0], str(value[1]))
    requested_at = value[2] if isinstance(value[2], int | float) else None
    return ConfirmRequest(value[0], str(value[1]), requested_at, str(value[3]), str(value[4]))


def open_token(newsletter_pk: int, delivery_token: str) -> str:
    return signing.dumps([newsletter_pk, delivery_token], salt=OPEN)


def read_open_token(token: str) -> tuple[int, str] | None:
    try:
        value = signing.loads(token, salt=OPEN)
    except signing.BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        return None
    return value[0], str(value[1])


def click_token(newsletter_pk: int, section_pk: int, url: str, delivery_token: str) -> str:
    return signing.dumps(
        [newsletter_pk, section_pk, url, delivery_token], salt=CLICK, compress=True
    )


def read_click_token(token: str) -> tuple[int, int, str, str] | None:
    try:
        value = signing.loads(token, salt=CLICK)
    except signing.BadSignature:
        return None
    if not (
        isinstance(value, list)
        and len(value) == 4
        and isinstance(value[0], int)
        and isinstance(value[1], int)
        and isinstance(value[2], str)
    ):
        return None
    return value[0], value[1], value[2], str(value[3])


def image_token(section_pk: int) -> str:
    """For the image links of a draft's test mail: the section, signed, for IMAGE_DAYS."""
    return signing.dumps(section_pk, salt=IMAGE)


def image_token_valid(token: str, section_pk: int) -> bool:
    try:
        return signing.loads(token, salt=IMAGE, max_age=IMAGE_DAYS * 24 * 3600) == section_pk
    except signing.BadSignature:
        return False


def address_digests(email: str) -> list[str]:
    """Keyed hashes of an address (HMAC-SHA256 with the secret key, and with each of the
    SECRET_KEY_FALLBACKS, so a changed key still recognises the earlier ones): enough to
    recognise an address someone types again, not to read one back."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [
        salted_hmac(
            "communications.suppression", email.strip().lower(), secret=key, algorithm="sha256"
        ).hexdigest()
        for key in keys
    ]


def reader_digest(newsletter_pk: int, delivery_token: str) -> str:
    """Who read, as a keyed hash of the delivery's random token: the same reader gives the
    same digest (counted once), and nobody can turn it back into an address without both
    the secret key and the deliveries."""
    return salted_hmac(
        "communications.reader", f"{newsletter_pk}:{delivery_token}", algorithm="sha256"
    ).hexdigest()
