"""Settings of a Celery worker process that sends to a test's SMTP sink: the test settings
with the SMTP backend, the host and port from the environment."""

import os

from ingrado.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["TEST_SMTP_PORT"])
