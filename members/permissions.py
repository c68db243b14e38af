"""Who may do what: roles from Django groups, permissions from Django's model backend.

Pages check their permission with `role_required` (or `RoleRequiredMixin`): anonymous users
are sent to the login page, users without the permission get 403. Object-level checks live
in each app's selectors (`get_<thing>_for_user`), which answer 404 for objects a user may not
know of. Two-factor authentication for staff, board and administrators is enforced for every
request in one place: `members.middleware.TwoFactorRequiredMiddleware`.

Nothing here is cached beyond the request: a role removed in the admin or directly in the
database takes effect on the user's next request.
"""

from functools import wraps

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from . import roles


def user_roles(user) -> frozenset[str]:
    """The names of the user's roles (groups), read once per request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_role_names"):
        names = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            names.add(roles.ADMINISTRATOR)
        user._role_names = frozenset(names)
    return user._role_names


def is_staff_user(user) -> bool:
    return bool(user_roles(user) & {roles.STAFF, roles.ADMINISTRATOR})


def is_board_user(user) -> bool:
    return roles.BOARD in user_roles(user)


def requires_mfa(user) -> bool:
    """Whoever may do more than a member needs two-factor authentication: any permission
    beyond a member's, held through a role or given directly, admin access or superuser.
    The permission decides, not the group: an account given `members.view_person` by hand
    needs it as much as staff do."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return bool(user.get_all_permissions() - roles.member_permissions())


def has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def needs_mfa_setup(user) -> bool:
    """True for a user who must use two-factor authentication and has not set it up.

    The demo accounts of `seed_demo` may skip it only on a development server (DEBUG on and
    DEMO_ACCOUNTS_SKIP_MFA set); production settings switch that off."""
    if not settings.MFA_REQUIRED_FOR_ROLES or not requires_mfa(user):
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
    return None


def role_required(*perms, predicate=None):
    """Decorator for pages that need a permission (or a role, as `predicate`)."""

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
