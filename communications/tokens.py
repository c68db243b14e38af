"""Signed values in the newsletter's public links: no database row needs to be found to
trust them, and a changed character makes them worthless.

- unsubscribe: the subscriber (no expiry: a newsletter from last year must still work);
- confirm: the subscriber and address of a sign-up, valid for seven days (double opt-in);
- open and click: the newsletter, the section and target of a link, and the delivery's
  random token (empty in a test mail or preview, which count nothing).
"""

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

UNSUBSCRIBE = "communications.unsubscribe"
CONFIRM = "communications.confirm"
OPEN = "communications.open"
CLICK = "communications.click"


def unsubscribe_token(subscriber_pk: int) -> str:
    return signing.dumps(subscriber_pk, salt=UNSUBSCRIBE)


def read_unsubscribe_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def confirm_token(subscriber_pk: int, email: str) -> str:
    return signing.dumps([subscriber_pk, email], salt=CONFIRM)


def read_confirm_token(token: str) -> tuple[int, str] | None:
    """(subscriber pk, address), or None when changed or older than the confirmation days."""
    max_age = settings.NEWSLETTER_CONFIRMATION_DAYS * 24 * 3600
    try:
        value = signing.loads(token, salt=CONFIRM, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        return None
    return value[0], str(value[1])


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


def reader_digest(newsletter_pk: int, delivery_token: str) -> str:
    """Who read, as a keyed hash of the delivery's random token: the same reader gives the
    same digest (counted once), and nobody can turn it back into an address without both
    the secret key and the deliveries."""
    return salted_hmac(
        "communications.reader", f"{newsletter_pk}:{delivery_token}", algorithm="sha256"
    ).hexdigest()
