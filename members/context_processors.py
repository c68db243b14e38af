from django.utils.functional import SimpleLazyObject

from .permissions import CachedPermissions, is_board_user, is_staff_user


def roles(request):
    """Role flags, and `perms` answered from the cached access facts (replacing
    django.contrib.auth's, which reads the permission tables on every page)."""
    user = request.user
    return {
        "is_staff_user": SimpleLazyObject(lambda: is_staff_user(user)),
        "is_board_user": SimpleLazyObject(lambda: is_board_user(user)),
        "perms": CachedPermissions(user),
    }
