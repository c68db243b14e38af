"""The portal's caches of computed content (see "Performance and caches" in the README).

- Generations: a number per kind of content ("kennisbank", "questions", ...), bumped by
  every change of that content. A key that holds the generation it was computed under can
  never serve the content from before a change: a read that raced the change stores its
  value under the old generation, which nobody reads any more (no delete-then-set).
- `cached(key, compute, generations=..., timeout=...)`: a value under a generation key.
- `cached_for_anonymous(query=..., generations=...)`: public pages as anonymous visitors see
  them, keyed on the language, the host, the path, the query parameters the view reads (in
  a fixed order; others such as `utm_source` are dropped before the view sees the request)
  and the generations of what the page shows.
- `cached_figures`: a year's figures (helpdesk, Academie) for the jaarverslag and the
  programme pages, in the reader's language, for ten minutes (the running year's for one).
"""

import hashlib
import time
from collections.abc import Callable, Iterable
from functools import wraps
from urllib.parse import urlencode

from django.contrib import admin
from django.core.cache import cache
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import get_language

# A bound for what no generation covers; content with a generation is current at once.
PUBLIC_PAGE_SECONDS = 60
GENERATION_PREFIX = "generation:"


def _new_generation() -> int:
    """The first number of a generation that is missing (never set, evicted, or the cache was
    cleared): the clock in nanoseconds, so it is larger than any number the generation had
    before and a value stored under an old number is never read again."""
    return time.time_ns()


def generation_numbers(names: Iterable[str]) -> tuple[int, ...]:
    """The current numbers of these generations (one round trip when they exist)."""
    keys = [GENERATION_PREFIX + name for name in names]
    if not keys:
        return ()
    found = cache.get_many(keys)
    numbers = []
    for key in keys:
        number = found.get(key)
        if number is None:
            cache.add(key, _new_generation(), timeout=None)
            number = cache.get(key, 0)
        numbers.append(number)
    return tuple(numbers)


def _bump(name: str) -> None:
    key = GENERATION_PREFIX + name
    try:
        cache.incr(key)
    except ValueError:  # missing: a new number is a new generation too
        cache.add(key, _new_generation(), timeout=None)


def bump_generation(*names: str) -> None:
    """The content of these generations changed: bump each now (so the rest of this
    transaction reads afresh) and again once the transaction commits (so a read by another
    request that counted the state before the commit stored it under a number that is no
    longer read)."""
    for name in names:
        _bump(name)
    transaction.on_commit(lambda: [_bump(name) for name in names])


def versioned_key(key: str, names: Iterable[str]) -> str:
    numbers = generation_numbers(names)
    return ":".join([key, *map(str, numbers)])


def cached(key: str, compute: Callable, *, generations: Iterable[str], timeout: int):
    """`compute()`, kept under `key` and the current numbers of `generations`."""
    key = versioned_key(key, generations)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


class BumpsGenerationsAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletions (inlines and list edits too) bump the
    generations of what its model shows on the portal (`cache_generations`)."""

    cache_generations: tuple[str, ...] = ()

    # After save_model, on the change form and for list edits alike.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        bump_generation(*self.cache_generations)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        bump_generation(*self.cache_generations)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        bump_generation(*self.cache_generations)


# --- public pages for anonymous visitors --------------------------------------------


def canonical_query(request, parameters: Iterable[str]) -> str:
    """The query string of the parameters the view reads, by name, without empty values:
    `?utm_source=x&q=verlof&onderwerp=` and `?q=verlof` are the same page."""
    return urlencode(
        [
            (name, value)
            for name in sorted(set(parameters))
            for value in request.GET.getlist(name)
            if value.strip()
        ]
    )


def anonymous_page_key(request, numbers: tuple[int, ...] = ()) -> str:
    """The key of a public page: the language, the host, the path and the canonical query
    string (the request already holds only that), and the generations of what it shows;
    hashed, so that no two different pages share a key however long their URLs."""
    identity = "\n".join(
        [get_language(), request.get_host(), request.get_full_path(), *map(str, numbers)]
    )
    return "anon-page:" + hashlib.sha256(identity.encode()).hexdigest()


def cached_for_anonymous(view=None, *, query: Iterable[str] = (), generations: Iterable[str] = ()):
    """Serve anonymous visitors a page rendered for the same canonical request since the
    content it shows (`generations`) last changed, and at most a minute ago.

    `query` names the query parameters the view reads: the view gets a request with only
    those (so links on the page carry no `utm_*` either), and any other parameter makes no
    new cache entry. Logged-in users always get a fresh page of their own request (it may
    hold their own data and links); anonymous pages hold no personal data and no CSRF token.
    """
    if view is not None:
        raise TypeError(
            "cached_for_anonymous(query=[...], generations=[...]): name the query parameters "
            "the view reads and the generations of what it shows."
        )
    query, names = tuple(query), tuple(generations)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if (
                request.user.is_authenticated
                or request.method != "GET"
                or request.htmx
                or "messages" in request.COOKIES
            ):
                return view(request, *args, **kwargs)
            canonical = canonical_query(request, query)
            request.GET = QueryDict(canonical)
            request.META["QUERY_STRING"] = canonical
            key = anonymous_page_key(request, generation_numbers(names))
            response = cache.get(key)
            if response is not None:
                return response
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, response, PUBLIC_PAGE_SECONDS)
            return response

        return wrapped

    return decorator


# --- figures --------------------------------------------------------------------------


def figures_key(prefix: str, year: int, language: str | None = None) -> str:
    """The key of a year's figures: they hold translated labels, so the language is in it."""
    return f"figures:{prefix}:{year}:{language or get_language()}"


def cached_figures(prefix, year, compute, seconds=600):
    """Figures of a year, cached for ten minutes (the running year's for one minute): they
    count thousands of rows, and a figure a few minutes old is fine in a report."""
    key = figures_key(prefix, year)
    value = cache.get(key)
    if value is None:
        value = compute(year)
        cache.set(key, value, 60 if year >= timezone.localdate().year else seconds)
    return value
