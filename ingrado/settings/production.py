"""Production settings: DEBUG off, secrets required, HTTPS everywhere.

`python manage.py check --deploy --settings=ingrado.settings.production`
reports nothing.
"""

import os

os.environ["DEBUG"] = "0"

from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from .base import *  # noqa: E402,F403
from .base import env  # noqa: E402

if len(SECRET_KEY) < 50:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of 50+ characters.")

# Links in e-mails and PDFs point here; production refuses to start without it.
SITE_URL = env("SITE_URL", default="")
if not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("SITE_URL must be set to the portal's https:// address.")

DEMO_ACCOUNTS_SKIP_MFA = False
# Production runs behind one TLS proxy (nginx, a load balancer) that appends the client's
# address to X-Forwarded-For; set TRUSTED_PROXY_COUNT=0 when gunicorn faces the internet.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
