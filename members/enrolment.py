"""A fresh e-mail confirmation before the first two-factor enrolment.

A thief with the password of staff not yet enrolled must not be able to enrol their own
authenticator: before an account's first TOTP device, a six-digit code is mailed to the
account's verified address and typed back. The confirmation holds for
`FRESH_SECONDS` in this session; after enrolment it is no longer asked for.
"""

import secrets
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

CODE_SESSION_KEY = "members_mfa_enrolment_code"
CONFIRMED_SESSION_KEY = "members_mfa_enrolment_confirmed"
CODE_SECONDS = 15 * 60
FRESH_SECONDS = 15 * 60
MAX_ATTEMPTS = 5
_SALT = "members.enrolment"


def _digest(user, code: str) -> str:
    return salted_hmac(_SALT, f"{user.pk}:{code}", secret=settings.SECRET_KEY).hexdigest()


def is_confirmed(request) -> bool:
    """Whether the account's address was confirmed in this session, recently enough."""
    confirmed = request.session.get(CONFIRMED_SESSION_KEY)
    return (
        isinstance(confirmed, dict)
        and confirmed.get("user") == str(request.user.pk)
        and time.time() - confirmed.get("at", 0) < FRESH_SECONDS
    )


def code_sent(request) -> bool:
    pending = request.session.get(CODE_SESSION_KEY)
    return isinstance(pending, dict) and pending.get("user") == str(request.user.pk)


def send_code(request) -> None:
    """Mail a new code to the account's verified address (the earlier one stops working)."""
    user = request.user
    code = f"{secrets.randbelow(10**6):06d}"
    request.session[CODE_SESSION_KEY] = {
        "user": str(user.pk),
        "digest": _digest(user, code),
        "until": time.time() + CODE_SECONDS,
        "attempts": 0,
    }
    get_adapter(request).mail_enrolment_code(user.email, code, minutes=CODE_SECONDS // 60)


def check_code(request, code: str) -> bool:
    """True, and the confirmation recorded, when `code` is the one mailed; a code is refused
    after its time or after MAX_ATTEMPTS wrong tries."""
    pending = request.session.get(CODE_SESSION_KEY)
    if not code_sent(request) or time.time() > pending["until"]:
        return False
    if pending["attempts"] >= MAX_ATTEMPTS:
        return False
    if not constant_time_compare(pending["digest"], _digest(request.user, code.strip())):
        pending["attempts"] += 1
        request.session[CODE_SESSION_KEY] = pending
        return False
    del request.session[CODE_SESSION_KEY]
    request.session[CONFIRMED_SESSION_KEY] = {"user": str(request.user.pk), "at": time.time()}
    return True
