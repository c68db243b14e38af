from django.utils.functional import SimpleLazyObject

from .dashboard import has_work
from .permissions import is_board_user, is_staff_user


def roles(request):
    """Role flags for templates (the menu, staff-only links, Mijn werk); read when a template
    asks."""
    user = request.user
    return {
        "is_staff_user": SimpleLazyObject(lambda: is_staff_user(user)),
        "is_board_user": SimpleLazyObject(lambda: is_board_user(user)),
        "has_work": SimpleLazyObject(lambda: has_work(user)),
    }
