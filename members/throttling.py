"""Login throttling that slows password guessing without locking people out.

Failed password logins are counted by allauth's rate limiter (`ACCOUNT_RATE_LIMITS`), on keys
that never involve the Host header:

- `login_failed` (`10/m/ip,5/5m/key`): per client address, whatever account it tries, and per
  account *and* client address. Someone guessing from one address stops only themselves: the
  account's owner, elsewhere, logs in as usual.
- `login_failed_account` (slower, e.g. `20/h/key,100/d/key`): per account (its address, trimmed
  and in lower case), against guessing spread over many addresses. It does not apply in a
  browser that logged in to that account before (a signed cookie, `KNOWN_DEVICE_COOKIE`), so
  even a distributed attack never locks the owner out of their own browser; elsewhere a
  password reset clears it.

An attempt is counted before the password is checked and taken back when it was right, as
allauth does itself, so parallel guesses cannot slip past the limit. While the cache is
unreachable the limits are not counted (they fail open).
"""

import hashlib

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signing import BadSignature
from django.utils.translation import gettext_lazy as _

APP = "allauth.account"
PER_CLIENT = "login_failed"
PER_ACCOUNT = "login_failed_account"
KNOWN_DEVICE_COOKIE = "ingrado_apparaat"
KNOWN_DEVICE_SALT = "members.throttling.known-device"
KNOWN_DEVICE_DAYS = 365


class LoginRefused(ValidationError):
    pass


def normalised_login(email: str) -> str:
    return (email or "").strip().lower()


def _client(request) -> str:
    return ratelimit.get_ip(request)


def _account_marker(login: str) -> str:
    return hashlib.sha256(login.encode()).hexdigest()[:32]


def is_known_device(request, login: str) -> bool:
    """Whether this browser logged in to the account `login` before."""
    try:
        marker = request.get_signed_cookie(
            KNOWN_DEVICE_COOKIE,
            salt=KNOWN_DEVICE_SALT,
            max_age=KNOWN_DEVICE_DAYS * 24 * 3600,
        )
    except (KeyError, BadSignature):
        return False
    return marker == _account_marker(login)


def remember_device(response, email: str) -> None:
    """Mark this browser as one that logged in to the account `email`."""
    response.set_signed_cookie(
        KNOWN_DEVICE_COOKIE,
        _account_marker(normalised_login(email)),
        salt=KNOWN_DEVICE_SALT,
        max_age=KNOWN_DEVICE_DAYS * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class LoginAttempt:
    """One password login being checked: counted now, taken back if the password was right."""

    def __init__(self, usages):
        self._usages = usages

    def succeeded(self) -> None:
        for usage in self._usages:
            usage.rollback()


def login_attempt_start(request, *, email: str) -> LoginAttempt:
    """Count a login attempt for `email` from this client, or refuse it (LoginRefused, with a
    Dutch message) when a limit is reached."""
    login = normalised_login(email)
    client = ratelimit.consume(
        request, app=APP, action=PER_CLIENT, key=f"{login}|{_client(request)}"
    )
    if client is None:
        raise LoginRefused(
            _("Too many failed login attempts from this address. Try again in a few minutes."),
            code="too_many_login_attempts",
        )
    usages = [client]
    if not is_known_device(request, login):
        account = ratelimit.consume(request, app=APP, action=PER_ACCOUNT, key=login)
        if account is None:
            client.rollback()
            raise LoginRefused(
                _(
                    "Too many failed login attempts for this account. In a browser where you "
                    "logged in before you can log in as usual; otherwise try again later, or "
                    "choose a new password with “Forgot your password?”."
                ),
                code="too_many_login_attempts",
            )
        usages.append(account)
    return LoginAttempt(usages)


def login_failures_clear(request, *, email: str) -> None:
    """Forget the account's failed logins (after its owner reset the password)."""
    login = normalised_login(email)
    ratelimit.clear(request, app=APP, action=PER_ACCOUNT, key=login)
    ratelimit.clear(request, app=APP, action=PER_CLIENT, key=f"{login}|{_client(request)}")
