"""Two-factor authentication for staff, board and administrators, enforced for every request.

Every view, download and admin page is reached through this middleware, so a staff or board
account without two-factor authentication can do nothing but set it up (or log out): a stolen
password alone never reaches members' data, whatever a single view forgets to check.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from .permissions import needs_mfa_setup

# allauth's own pages (log out, set up two-factor authentication, recovery codes) and the
# language switcher stay reachable; everything else waits for the second factor.
ALLOWED_NAME_PREFIXES = ("mfa_", "account_")
ALLOWED_NAMES = {"set_language", "health"}


def _allowed_without_mfa(path: str) -> bool:
    try:
        name = resolve(path).url_name or ""
    except Resolver404:
        return False
    return name in ALLOWED_NAMES or name.startswith(ALLOWED_NAME_PREFIXES)


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not _allowed_without_mfa(request.path_info)
            and needs_mfa_setup(user)
        ):
            messages.warning(
                request,
                _("Set up two-factor authentication first: it is required for staff and board."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
