"""Test settings: strict and fast."""

import os

os.environ.setdefault("DEBUG", "0")

# Each test process has its own two Redis databases, one for the cache and one for the task
# queue (as in production, never one database): under pytest-xdist worker gw<i> takes
# REDIS_URL's number less 2i for the cache and the one below it for the broker, so a worker
# clearing its cache flushes neither its own queued tasks nor another worker's. A process a
# test starts (a Celery worker) is given its CELERY_BROKER_URL and keeps it. The variable is
# taken out of the environment, where Celery would prefer it to its settings: fault tests
# move the broker at run time. PostgreSQL test databases are per worker already
# (test_<name>_gw0, ...).
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
_broker_url = os.environ.pop("CELERY_BROKER_URL", "")
if os.environ.get("REDIS_URL"):
    _base, _, _db = os.environ["REDIS_URL"].rpartition("/")
    _number = int(_db or 0)
    if _xdist_worker.startswith("gw"):
        _number -= 2 * int(_xdist_worker[2:])
        os.environ["REDIS_URL"] = f"{_base}/{_number % 16}"
        _broker_url = ""
    _broker_url = _broker_url or f"{_base}/{(_number - 1) % 16}"

from .base import *  # noqa: E402,F403

if REDIS_URL:  # noqa: F405 (without Redis, tasks run in-process: no broker)
    CELERY_BROKER_URL = _broker_url

SECRET_KEY = "test-secret-key-not-for-production-use-0123456789abcdef"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Rate limits are tested explicitly where they matter.
ACCOUNT_RATE_LIMITS = False
PUBLIC_FORM_RATE_LIMITS = {}
DEMO_ACCOUNTS_SKIP_MFA = False
LANGUAGE_CODE = "nl"
# Tests run tasks in-process (eager), inline after the commit that queues them: a test sees
# their result at once. The fixtures with a real worker (conftest.py) switch this off, in the
# test and (CELERY_TASK_ALWAYS_EAGER=0) in the worker processes they start.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)  # noqa: F405
if USES_POSTGRES:  # noqa: F405
    # Tests do not need their commits on disk before going on (a crash loses a test run,
    # nothing else): the flushes and commits of the transactional tests wait less.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
