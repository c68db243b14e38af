"""Test settings: strict and fast."""

import os

os.environ.setdefault("DEBUG", "0")

# Under pytest-xdist each worker process gets its own Redis database (cache and broker): a
# worker clearing its cache must not flush another worker's queued tasks. PostgreSQL test
# databases are already per worker (test_<name>_gw0, ...).
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if os.environ.get("REDIS_URL") and _xdist_worker.startswith("gw"):
    _base, _, _db = os.environ["REDIS_URL"].rpartition("/")
    _number = int(_db or 0) - int(_xdist_worker[2:])
    os.environ["REDIS_URL"] = f"{_base}/{_number % 16}"

from .base import *  # noqa: E402,F403

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
