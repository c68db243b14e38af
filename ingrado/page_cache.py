"""Pages of logged-in users, cached per session until the data they show changes.

The pages staff and members reload all day (the question queue, Mijn Ingrado, participant
lists, the directory, the online jaarverslag) cost 11–27 ms to render and change only when
somebody writes. Every write statement bumps a version number of the app that owns the table:
an execute wrapper on each database connection sees INSERT, UPDATE and DELETE, so
`queryset.update()`, bulk writes and Celery workers count too (model signals would miss them).
A cached page is keyed on the versions of the apps it shows, so after a write it is never
served again.

Permission checks run before the cache on every request, and the key holds the session, the
CSRF secret and the language, so a page is only served to the browser it was rendered for.
"""

import functools
import hashlib
import re
import time
from contextvars import ContextVar
from functools import partial, wraps

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

# Who the user is, their roles and their two-factor state matter to every page.
ALWAYS = ("members", "auth", "account", "mfa")
# Writes that happen while reading and change no page.
IGNORED_TABLES = frozenset({"django_session", "members_auditlog"})
# SQLite writes "INSERT OR IGNORE INTO" for bulk_create(ignore_conflicts=True), as in m2m adds.
WRITE = re.compile(
    r'^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE
)
# Every login stamps last_login on the user row (and last_used_at on a two-factor
# authenticator); no page shows them, and counting them as changes would drop everybody's
# cached pages whenever anybody logs in.
LOGIN_STAMP = re.compile(
    r'^UPDATE "(\w+)" SET "(?:last_login|last_used_at)" = %s WHERE "\1"\."\w+" = %s$'
)

_apps_by_table: dict[str, str] = {}


@functools.cache  # the installed apps do not change while the process runs
def _all_labels() -> frozenset[str]:
    return frozenset(model._meta.app_label for model in apps.get_models(include_auto_created=True))


def _app_of(table: str) -> str | None:
    if not _apps_by_table:
        for model in apps.get_models(include_auto_created=True):
            _apps_by_table[model._meta.db_table] = model._meta.app_label
    return _apps_by_table.get(table)


def _version_key(label: str) -> str:
    return f"data-version:{label}"


# Within a request the versions are read once, all apps in one round trip: a page asks for
# them five or six times (access checks, page key, shared counts and choices). Its own
# writes drop the memo of their app, so the request sees them.
_request_versions: ContextVar[dict | None] = ContextVar("request_versions", default=None)


# The shared values (`remember`) a request has read, by key: a filter form asks for its
# choices when it validates and again when it is shown. The key holds the data versions, so
# a write of the request itself leads to a new key.
_request_shared: ContextVar[dict | None] = ContextVar("request_shared", default=None)


def _request_started(**kwargs):
    _request_versions.set({})
    _request_shared.set({})


def _request_finished(**kwargs):
    _request_versions.set(None)
    _request_shared.set(None)


def bump(label: str) -> None:
    """Make every cached page that shows data of app `label` unreachable."""
    memo = _request_versions.get()
    if memo:
        memo.pop(label, None)
    key = _version_key(label)
    try:
        cache.incr(key)
    except ValueError:
        # Missing or evicted: start from the clock, so an old version never comes back.
        cache.set(key, time.time_ns(), None)


def _read_versions(labels, also=()) -> tuple[dict, dict]:
    """{label: version} of `labels`, and the cache's values of the keys `also` read in the
    same round trip."""
    keys = {_version_key(label): label for label in labels}
    found = cache.get_many([*keys, *also])
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key)
    return (
        {label: found[key] for key, label in keys.items()},
        {key: found[key] for key in also if key in found},
    )


def versions(labels) -> str | None:
    return versions_with(labels)[0]


def versions_with(labels, also=()) -> tuple[str | None, dict]:
    """The data versions of `labels` as one string (None when the cache is unreachable), and
    the cache's values of the keys `also`: in one round trip when the request has not read
    the versions yet, as in the access check that opens every logged-in request."""
    memo = _request_versions.get()
    extra = None
    if memo is None:
        found, extra = _read_versions(labels, also)
    else:
        missing = [label for label in labels if label not in memo]
        if missing:
            read, extra = _read_versions(_all_labels() if not memo else missing, also)
            memo.update(read)
        found = memo
    if any(found[label] is None for label in labels):
        return None, {}  # the cache is unreachable
    if extra is None:
        extra = cache.get_many(list(also)) if also else {}
    return ":".join(str(found[label]) for label in labels), extra


def remember(name: str, labels, compute, timeout: int = 3600):
    """`compute()`, shared by every user until data of the apps `labels` changes: for
    figures that are the same for everybody, such as the counts above the staff queue."""
    data = versions(labels)
    if data is None:
        return compute()
    key = f"shared:{name}:{get_language()}:{data}"
    memo = _request_shared.get()
    if memo is not None and key in memo:
        return memo[key]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    if memo is not None:
        memo[key] = value
    return value


def filter_key(params) -> str:
    """A key for what depends on a list's filter parameters only (a QueryDict): the same for
    the same filters in any order, on any page of the list."""
    items = sorted((key, tuple(params.getlist(key))) for key in params if key != "page")
    return hashlib.sha256(repr(items).encode()).hexdigest()


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    match = WRITE.match(sql)
    if match and match.group(1) not in IGNORED_TABLES and not LOGIN_STAMP.match(sql):
        label = _app_of(match.group(1))
        if label:
            connection = context["connection"]
            bump(label)  # seen at once by this connection's own later reads
            if connection.in_atomic_block:
                # Another request may render the old rows until the commit: bump again then.
                transaction.on_commit(partial(bump, label), using=connection.alias)
    return result


def is_version_bump(callback) -> bool:
    """For tests that count on-commit callbacks: True for the ones this module adds."""
    return getattr(callback, "func", None) is bump


def _watch(connection, **kwargs):
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def install() -> None:
    connection_created.connect(_watch, dispatch_uid="ingrado.page_cache")
    request_started.connect(_request_started, dispatch_uid="ingrado.page_cache")
    request_finished.connect(_request_finished, dispatch_uid="ingrado.page_cache")
    for connection in connections.all(initialized_only=True):
        _watch(connection)


def _page_key(request, labels) -> str | None:
    session_key = request.session.session_key
    csrf_secret = request.META.get("CSRF_COOKIE")
    if (
        not settings.PAGE_CACHE_SECONDS
        or request.method != "GET"
        or request.htmx
        or not request.user.is_authenticated
        or not session_key
        or not csrf_secret
        or len(get_messages(request))  # pending messages belong in a fresh page
    ):
        return None
    data = versions(labels)
    if data is None:
        return None
    parts = (
        session_key,
        csrf_secret,
        get_language(),
        str(timezone.localdate()),
        request.get_full_path(),
        data,
    )
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached_per_session(*depends_on: str):
    """Cache a logged-in user's page until data of the apps `depends_on` changes.

    Put it directly above the view function, below the permission decorators.
    """
    labels = tuple(sorted(set(depends_on) | set(ALWAYS)))

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            key = _page_key(request, labels)
            if key is None:
                return view(request, *args, **kwargs)
            content = cache.get(key)
            if content is not None:
                return HttpResponse(content)
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.streaming
                and response.get("Content-Type", "").startswith("text/html")
                and not response.cookies
            ):
                cache.set(key, response.content, settings.PAGE_CACHE_SECONDS)
            return response

        return wrapped

    return decorator
