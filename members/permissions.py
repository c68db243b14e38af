"""Role checks for pages: a decorator and a mixin that check on the server.

Anonymous users are sent to the login page, users without the permission get
403, and staff or board users without two-factor authentication are sent to
set it up first. Object-level checks live in each app's selectors
(`get_<thing>_for_user`), which answer 404 for objects a user may not know of.
"""

from functools import wraps

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import roles


def user_roles(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached.add(roles.ADMINISTRATOR)
        user._role_names = cached
    return cached


def is_staff_user(user) -> bool:
    return bool(user_roles(user) & {roles.STAFF, roles.ADMINISTRATOR})


def is_board_user(user) -> bool:
    return roles.BOARD in user_roles(user)


def has_mfa(user) -> bool:
    cached = getattr(user, "_has_mfa", None)
    if cached is None:
        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._has_mfa = cached
    return cached


def needs_mfa_setup(user) -> bool:
    """Staff, board and administrators must use two-factor authentication."""
    if not settings.MFA_REQUIRED_FOR_ROLES or not (user_roles(user) & roles.MFA_ROLES):
        return False
    if settings.DEMO_ACCOUNTS_SKIP_MFA and settings.DEBUG and user.is_demo_account:
        return False
    return not has_mfa(user)


def check_role(request, perms=(), *, predicate=None):
    """Return a response that refuses the request, or None to let it through."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    allowed = user.has_perms(perms) if perms else True
    if predicate is not None:
        allowed = allowed and predicate(user)
    if not allowed:
        raise PermissionDenied
    if needs_mfa_setup(user):
        messages.warning(
            request,
            _("Set up two-factor authentication first: it is required for staff and board."),
        )
        return redirect("mfa_activate_totp")
    return None


def role_required(*perms, predicate=None):
    """Decorator for staff and board pages: permissions plus two-factor authentication."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            refusal = check_role(request, perms, predicate=predicate)
            if refusal is not None:
                return refusal
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RoleRequiredMixin:
    """Class-based twin of `role_required`."""

    required_permissions: tuple[str, ...] = ()
    role_predicate = None

    def dispatch(self, request, *args, **kwargs):
        predicate = type(self).role_predicate
        refusal = check_role(request, self.required_permissions, predicate=predicate)
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)


staff_required = role_required(predicate=is_staff_user)
staff_or_board_required = role_required(
    predicate=lambda user: is_staff_user(user) or is_board_user(user)
)
