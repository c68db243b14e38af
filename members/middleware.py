"""What an account must do before anything else, enforced for every request.

Every view, download and admin page is reached through these middlewares:

- `NewPasswordRequiredMiddleware`: an account without a usable password (its sign-up password
  was dropped when the address was verified, see members.services) chooses one first.
- `TwoFactorRequiredMiddleware`: an account that may do more than a member (any permission
  beyond a member's, admin access) and has no two-factor authentication can do nothing but
  set it up (or log out): a stolen password alone never reaches members' data, whatever a
  single view forgets to check. The first enrolment needs a fresh e-mail confirmation
  (members.enrolment), so a password thief cannot enrol their own authenticator.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from . import enrolment
from .permissions import has_mfa, needs_mfa_setup

# allauth's own pages (log out, set up two-factor authentication, recovery codes, choose a
# password) and the language switcher stay reachable; everything else waits.
ALLOWED_NAME_PREFIXES = ("mfa_", "account_")
ALLOWED_NAMES = {"set_language", "health", "mfa_enrolment_confirm"}
TOTP_ENROLMENT = "mfa_activate_totp"


def _url_name(path: str) -> str | None:
    try:
        return resolve(path).url_name or ""
    except Resolver404:
        return None


def _allowed(name: str | None) -> bool:
    return name is not None and (name in ALLOWED_NAMES or name.startswith(ALLOWED_NAME_PREFIXES))


class NewPasswordRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.has_usable_password()
            and not (_url_name(request.path_info) or "").startswith("account_")
        ):
            messages.warning(request, _("Choose a password first."))
            return redirect("account_set_password")
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        name = _url_name(request.path_info)
        if name == TOTP_ENROLMENT and not enrolment.is_confirmed(request) and not has_mfa(user):
            return redirect("members:mfa_enrolment_confirm")
        if not _allowed(name) and needs_mfa_setup(user):
            messages.warning(
                request,
                _("Set up two-factor authentication first: it is required for staff and board."),
            )
            return redirect(TOTP_ENROLMENT)
        return self.get_response(request)
