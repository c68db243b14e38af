"""Short-lived caching of what many people read and nobody personalises."""

from functools import wraps

from django.core.cache import cache
from django.utils.translation import get_language

PUBLIC_PAGE_SECONDS = 60


def cached_for_anonymous(view):
    """Serve anonymous visitors a page rendered at most a minute ago (from Redis).

    Logged-in users always get a fresh page (it may hold their own data and links);
    anonymous pages hold no personal data and no CSRF token.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if (
            request.user.is_authenticated
            or request.method != "GET"
            or request.htmx
            or "messages" in request.COOKIES
        ):
            return view(request, *args, **kwargs)
        key = f"anon-page:{get_language()}:{request.get_full_path()}"[:240]
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, response, PUBLIC_PAGE_SECONDS)
        return response

    return wrapped


def cached_figures(prefix, year, compute, seconds=600):
    """Figures of a year, cached for ten minutes (the current year for one minute)."""
    from django.utils import timezone

    key = f"figures:{prefix}:{year}"
    value = cache.get(key)
    if value is None:
        value = compute(year)
        cache.set(key, value, 60 if year >= timezone.localdate().year else seconds)
    return value
