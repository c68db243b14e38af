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
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ingrado import page_cache

from . import roles

# Roles, permissions and the two-factor state are read on almost every request and change
# rarely: they are cached per user until a write to these apps' tables (users, groups,
# permissions, authenticators) bumps their version (see ingrado/page_cache.py).
ACCESS_APPS = ("auth", "members", "mfa")
ACCESS_SECONDS = 300


def _facts_key(user) -> str:
    return f"access:{user.pk}"


def _cached_facts(user) -> dict:
    """The facts about this user the cache holds for the current versions of the access
    tables, read in the same round trip as the versions themselves."""
    key = _facts_key(user)
    versions, found = page_cache.versions_with(ACCESS_APPS, [key])
    user._access_versions = versions
    stored = found.get(key)
    if not versions or not stored or stored["versions"] != versions:
        return {}
    return dict(stored["facts"])


def _fact(user, name: str, compute):
    """One fact about a user's access, from this request, the cache or the database."""
    facts = getattr(user, "_access", None)  # getattr: request.user is a lazy wrapper
    if facts is None:
        facts = user._access = _cached_facts(user)
    if name not in facts:
        facts[name] = compute(user)
        if user._access_versions:
            stored = {"versions": user._access_versions, "facts": facts}
            cache.set(_facts_key(user), stored, ACCESS_SECONDS)
    return facts[name]


def _roles_from_database(user) -> frozenset[str]:
    names = set(user.groups.values_list("name", flat=True))
    if user.is_superuser:
        names.add(roles.ADMINISTRATOR)
    return frozenset(names)


def user_roles(user) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    return _fact(user, "roles", _roles_from_database)


def _granted(user) -> frozenset[str] | None:
    """The model backend's rules, from the cached facts: the user's permissions, or None
    for a superuser (who has them all)."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    if user.is_superuser:
        return None
    return _fact(user, "permissions", lambda u: frozenset(u.get_all_permissions()))


def has_permissions(user, perms) -> bool:
    """`user.has_perms(perms)`, from the cached facts."""
    granted = _granted(user)
    return granted is None or set(perms) <= granted


class CachedPermissions:
    """The template's `perms` (like django.contrib.auth's PermWrapper), from cached facts:
    `perms.knowledge.publish_item`, `"knowledge.publish_item" in perms`, `perms.knowledge`."""

    def __init__(self, user):
        self.user = user

    def __getitem__(self, app_label):
        return _AppPermissions(self.user, app_label)

    def __iter__(self):
        raise TypeError("CachedPermissions is not iterable.")

    def __contains__(self, name):
        if "." not in name:
            return bool(self[name])
        app_label, codename = name.split(".", 1)
        return self[app_label][codename]


class _AppPermissions:
    def __init__(self, user, app_label):
        self.user, self.app_label = user, app_label

    def __getitem__(self, codename):
        return has_permissions(self.user, [f"{self.app_label}.{codename}"])

    def __iter__(self):
        raise TypeError("Permissions of an app are not iterable.")

    def __bool__(self):
        granted = _granted(self.user)
        return granted is None or any(name.startswith(f"{self.app_label}.") for name in granted)


def is_staff_user(user) -> bool:
    return bool(user_roles(user) & {roles.STAFF, roles.ADMINISTRATOR})


def is_board_user(user) -> bool:
    return roles.BOARD in user_roles(user)


def has_mfa(user) -> bool:
    return _fact(
        user,
        "mfa",
        lambda u: Authenticator.objects.filter(user=u, type=Authenticator.Type.TOTP).exists(),
    )


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
    allowed = has_permissions(user, perms) if perms else True
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
