"""Test settings: strict and fast."""

import os

os.environ.setdefault("DEBUG", "0")

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
DEMO_ACCOUNTS_SKIP_MFA = False
LANGUAGE_CODE = "nl"
