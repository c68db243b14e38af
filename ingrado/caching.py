"""The portal's two caches of computed content, both short-lived (see "Caches" in the README).

- `cached_for_anonymous`: public pages as anonymous visitors see them, for a minute.
- `cached_figures`: a year's figures (helpdesk, Academie) for the jaarverslag and the
  programme pages, for ten minutes (the running year's for one).
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

PUBLIC_PAGE_SECONDS = 60


def anonymous_page_key(request) -> str:
    """The key of a public page: the language and the whole URL (path and every query
    parameter, however long), hashed so that no two requests share a key."""
    identity = f"{get_language()}\n{request.get_host()}\n{request.get_full_path()}"
    return "anon-page:" + hashlib.sha256(identity.encode()).hexdigest()


def cached_for_anonymous(view):
    """Serve anonymous visitors a page rendered at most a minute ago.

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
        key = anonymous_page_key(request)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, response, PUBLIC_PAGE_SECONDS)
        return response

    return wrapped


def cached_figures(prefix, year, compute, seconds=600):
    """Figures of a year, cached for ten minutes (the running year's for one minute): they
    count thousands of rows, and a figure a few minutes old is fine in a report."""
    key = f"figures:{prefix}:{year}"
    value = cache.get(key)
    if value is None:
        value = compute(year)
        cache.set(key, value, 60 if year >= timezone.localdate().year else seconds)
    return value
