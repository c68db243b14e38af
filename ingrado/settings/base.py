"""Settings shared by every environment, read from the environment (12-factor).

Embedded defaults (SQLite, a broker in files, e-mail to the console) make a
fresh clone run without services (`make run` starts the web server, a Celery
worker and beat); DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis (the
cache and the task queue in separate Redis databases, CELERY_BROKER_URL for the
queue's own).
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_htmx",
    "csp",
    "members",
    "knowledge",
    "academy",
    "programmes",
    "communications",
    "outbox",
    "billing",
    "meetings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ingrado.middleware.RefuseControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ingrado.middleware.DutchUnlessChosenMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After authentication and messages: an account without a password chooses one, staff
    # and board without 2FA reach nothing else.
    "members.middleware.NewPasswordRequiredMiddleware",
    "members.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "ingrado.urls"
WSGI_APPLICATION = "ingrado.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "members.context_processors.roles",
            ],
            # `ingrado` is not an app: its template tags are registered by name.
            "libraries": {"formatting": "ingrado.templatetags.formatting"},
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent, health-checked connections survive a database restart.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Form choices iterate querysets with .iterator(): a server-side cursor costs two extra
    # round trips for a handful of rows, and breaks behind PgBouncer's transaction pooling.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    # Server-side binding lets psycopg prepare the statements a connection repeats, so the
    # list queries (joins of five tables, 3 ms of planning each) are planned once per
    # connection instead of on every request. Behind PgBouncer in transaction mode this needs
    # PgBouncer 1.21+ with max_prepared_statements, or DATABASE_PREPARED_STATEMENTS=0.
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=2
        )
else:
    # SQLite shared by the web server, the worker and beat (`make run`): write-ahead logging
    # lets readers go on while one writes, and a transaction takes the write lock when it
    # begins (IMMEDIATE), so a second writer waits (up to the timeout) instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
USES_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: the cache and the task queue, never in one database ----------------------------
# REDIS_URL is the cache (public pages, figures, the sessions' copies, rate limits): it may
# lose any key at any time and in production runs with a memory limit and an LRU eviction
# policy. CELERY_BROKER_URL is the task queue, which must lose nothing: in production a Redis
# of its own that never evicts (docker-compose.yml, docs/deployment.md); by default the
# database after REDIS_URL's on the same server (redis://host:6379/0 -> redis://host:6379/1).
# Apart, clearing the cache (`manage.py restore`) cannot flush queued work.
REDIS_URL = env("REDIS_URL", default="")


def _redis_database(url: str) -> tuple[str, int]:
    """(the server part, the database number) of a redis:// URL."""
    parts = urlsplit(url)
    number = parts.path.strip("/") or "0"
    return parts._replace(path="", query="", fragment="").geturl(), int(number)


def _next_database(url: str) -> str:
    server, number = _redis_database(url)
    return f"{server}/{(number + 1) % 16}"  # Redis has 16 databases unless told otherwise


BROKER_REDIS_URL = env("CELERY_BROKER_URL", default=_next_database(REDIS_URL) if REDIS_URL else "")
if REDIS_URL and _redis_database(BROKER_REDIS_URL) == _redis_database(REDIS_URL):
    raise ImproperlyConfigured(
        "CELERY_BROKER_URL and REDIS_URL name the same Redis database: the cache's eviction "
        "and clearing would lose queued tasks. Give the broker a database of its own."
    )
if REDIS_URL:
    # A hanging Redis costs a request one timeout at most: after a failure the cache is not
    # asked for a few seconds (ingrado/cache.py). Redis answers within a millisecond when it
    # is well; 50 ms leaves room for a busy network.
    CACHE_TIMEOUT_SECONDS = env.float("CACHE_TIMEOUT_SECONDS", default=0.05)
    CACHES = {
        "default": {
            "BACKEND": "ingrado.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": CACHE_TIMEOUT_SECONDS,
                "socket_timeout": CACHE_TIMEOUT_SECONDS,
            },
        }
    }
    # Sessions are stored in the database and cached in Redis (written to both, read from
    # Redis first): a Redis restart or outage logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:dashboard"

# django-allauth: e-mail address and password, no usernames, verified e-mail.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupForm"
# One login address per account: a new one replaces the old once verified, and the person's
# address follows it (members.services.person_claim_verified_address).
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_FORMS = {"add_email": "members.account_forms.ChangeEmailForm"}
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Ingrado] "
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Rate limits count per client address. Behind a reverse proxy every request comes from the
# proxy's address: TRUSTED_PROXY_COUNT says how many proxies in front of the portal append to
# X-Forwarded-For, so the limits count the real client (see the README).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_RATE_LIMITS = {
    # Failed logins (members.throttling): per client address, and per account *and* client
    # address (the key), so that one address guessing locks out only itself...
    "login_failed": "10/m/ip,5/5m/key",
    # ... and, more slowly, per account (its normalised address), except in a browser that
    # logged in to that account before.
    "login_failed_account": "20/h/key,100/d/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    # The code mailed before a first two-factor enrolment (members.enrolment).
    "mfa_enrolment_code": "3/10m/user",
}
# Public forms that make the portal mail an address someone types (the nieuwsbrief sign-up):
# at most this many per client address, counted as the login limits are (ingrado.ratelimits).
PUBLIC_FORM_RATE_LIMITS = {
    "newsletter_subscribe": env("NEWSLETTER_SIGNUP_RATE_LIMIT", default="5/10m/ip,50/d/ip"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Ingrado"
# Staff and board must have two-factor authentication before reaching their
# pages; demo accounts may skip it while DEBUG is on (see members.permissions).
MFA_REQUIRED_FOR_ROLES = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Private files (attachments, certificates, reports) are never served by URL:
# views check permissions and stream them.
PRIVATE_ROOT = Path(env("PRIVATE_ROOT", default=str(BASE_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env("S3_BUCKET", default=""):
    _s3 = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "default_acl": "private",
            "querystring_auth": True,
        },
    }
    STORAGES["default"] = _s3
    STORAGES["private"] = {**_s3, "OPTIONS": {**_s3["OPTIONS"], "location": "private"}}

DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Ingrado <noreply@ingrado.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background work: Celery -------------------------------------------------------------
# Every set-up runs tasks the same way: queued to a broker after the request's transaction
# commits, run by a separate worker, the schedule below run by Celery beat. With REDIS_URL the
# broker is Redis, in a database of its own (BROKER_REDIS_URL: see the Redis block above).
# Without it (`make run`) it is an embedded broker that needs no server: Kombu's filesystem
# transport, messages as files under CELERY_BROKER_DIR, which the web
# server, the worker and beat that `make run` starts (Procfile) share. Only the test settings
# run tasks in-process (eager).
CELERY_BROKER_DIR = Path(env("CELERY_BROKER_DIR", default=str(BASE_DIR / "var" / "broker")))
if BROKER_REDIS_URL:
    CELERY_BROKER_URL = BROKER_REDIS_URL
    # A task whose worker died is delivered again after this many seconds (acks late).
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
        "max_retries": 2,
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "messages"),
        "data_folder_out": str(CELERY_BROKER_DIR / "messages"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
    }
    for _folder in ("messages", "control"):
        (CELERY_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Fault injection for the worker-kill tests: pause before rendering a report or certificate.
FAULT_INJECTION_RENDER_DELAY = env.float("FAULT_INJECTION_RENDER_DELAY", default=0.0)
CELERY_TIMEZONE = TIME_ZONE
# The project's own periodic tasks (the apps' tasks are found by autodiscovery).
CELERY_IMPORTS = ["ingrado.tasks"]
CELERY_BEAT_SCHEDULE = {
    "remind-experts-of-due-questions": {
        "task": "knowledge.tasks.remind_experts_of_due_questions",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon-fri"),
    },
    "recover-generated-files": {
        "task": "ingrado.tasks.recover_generated_files",
        "schedule": 60.0,
    },
    "weekly-summaries-for-managers": {
        "task": "academy.tasks.send_weekly_summaries",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
    "delete-expired-attachments": {
        "task": "knowledge.tasks.delete_expired_attachments",
        "schedule": crontab(hour=3, minute=0),
    },
    "delete-old-submission-keys": {
        "task": "knowledge.tasks.delete_old_submission_keys",
        "schedule": crontab(hour=3, minute=15),
    },
    "send-due-newsletters": {
        "task": "communications.tasks.send_due_newsletters",
        "schedule": crontab(),  # on every whole minute: a newsletter goes out when planned
    },
    "sweep-outgoing-mail": {
        "task": "outbox.tasks.sweep_outgoing_mail",
        "schedule": 60.0,
    },
    "delete-old-outgoing-mail": {
        "task": "outbox.tasks.delete_old_outgoing_mail",
        "schedule": crontab(hour=3, minute=45),
    },
    "send-invoice-reminders": {
        "task": "billing.tasks.send_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "remind-meeting-participants": {
        "task": "meetings.tasks.send_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "purge-unconfirmed-subscribers": {
        "task": "communications.tasks.purge_unconfirmed_subscribers",
        "schedule": crontab(hour=3, minute=30),
    },
}
# Generated files (ingrado/generated_files.py): queued or generating longer than this many
# seconds counts as stuck; the sweeper (beat, every minute) queues it again, staff see it
# and may retry. The task itself is stopped at the same limit. A certificate renders in
# about a second, a jaarverslag in a few: the limits leave room for a queue of work.
ANNUAL_REPORT_TIMEOUT_SECONDS = env.int("ANNUAL_REPORT_TIMEOUT_SECONDS", default=600)
CERTIFICATE_TIMEOUT_SECONDS = env.int("CERTIFICATE_TIMEOUT_SECONDS", default=300)
MEETING_REPORT_TIMEOUT_SECONDS = env.int("MEETING_REPORT_TIMEOUT_SECONDS", default=300)
# The nieuwsbrief is sent in batches of this many mails with a pause between batches, so the
# mail server is not flooded. A mail claimed by a worker that stopped answering for the
# claim timeout is not sent again (see communications/sending.py).
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=200)
NEWSLETTER_BATCH_PAUSE_SECONDS = env.float("NEWSLETTER_BATCH_PAUSE_SECONDS", default=5.0)
NEWSLETTER_CLAIM_TIMEOUT_SECONDS = env.int("NEWSLETTER_CLAIM_TIMEOUT_SECONDS", default=600)
NEWSLETTER_FROM_EMAIL = env("NEWSLETTER_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
# The outbox (outbox/services.py): every mail is a row per recipient, sent by a task of its
# own. A mail the mail server could not take (unreachable, 4xx) is tried again with a growing
# pause, at most this many times; a mail *being sent* longer than the claim timeout (its
# worker stopped) is marked uncertain and not sent again; a queued mail whose attempt was due
# longer ago than the requeue time (its task was lost) is queued again by the sweeper. Sent,
# failed and uncertain mails are deleted after OUTBOX_KEEP_DAYS.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
OUTBOX_CLAIM_TIMEOUT_SECONDS = env.int("OUTBOX_CLAIM_TIMEOUT_SECONDS", default=600)
OUTBOX_REQUEUE_AFTER_SECONDS = env.int("OUTBOX_REQUEUE_AFTER_SECONDS", default=300)
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=30)
# Unconfirmed sign-ups (double opt-in) are deleted after this many days.
NEWSLETTER_CONFIRMATION_DAYS = 7

# AVG: attachments of closed questions are deleted after this many days.
ATTACHMENT_RETENTION_DAYS = env.int("ATTACHMENT_RETENTION_DAYS", default=365)
# The mail "Antwoord op je vraag" holds the answer itself; off: only a link to Mijn Ingrado.
HELPDESK_ANSWER_IN_EMAIL = env.bool("HELPDESK_ANSWER_IN_EMAIL", default=True)
# The keys that make a form act once (knowledge.models.SubmissionKey) are deleted nightly
# after this many days: a form is submitted twice within seconds, not weeks.
SUBMISSION_KEY_DAYS = 30
# How people reach the association: the public pages (privacy statement, colofon, contact)
# and the jaarverslag's back cover. An empty phone number or address is left out.
CONTACT_EMAIL = env("CONTACT_EMAIL", default="info@ingrado.nl")
CONTACT_PHONE = env("CONTACT_PHONE", default="")
CONTACT_ADDRESS = env("CONTACT_ADDRESS", default="")
PRIVACY_EMAIL = env("PRIVACY_EMAIL", default=CONTACT_EMAIL)
# How long the web server's and the proxy's access logs are kept (set the log rotation to
# this, see docs/deployment.md); the privacy statement says so.
ACCESS_LOG_RETENTION_DAYS = env.int("ACCESS_LOG_RETENTION_DAYS", default=14)
# VAT on Academie prices: empty means exempt ("vrijgesteld van btw", education by a
# CRKBO-registered institution); a percentage (e.g. 21) means the prices include that VAT.
ACADEMY_VAT_RATE = env.int("ACADEMY_VAT_RATE", default=None)

# Facturen (billing/): Ingrado's own details on every invoice, checked at start-up
# (billing/checks.py: KvK, BTW-id and IBAN with python-stdnum and schwifty). The defaults
# are the demo's; production sets the real ones.
BILLING_SELLER = {
    "name": env("BILLING_NAME", default="Vereniging Ingrado"),
    "street": env("BILLING_STREET", default="Oudegracht 100"),
    "postcode": env("BILLING_POSTCODE", default="3511 AV"),
    "city": env("BILLING_CITY", default="Utrecht"),
    "country": "NL",
    "kvk": env("BILLING_KVK", default="40123456"),
    "vat_id": env("BILLING_VAT_ID", default="NL123456782B01"),
    "iban": env("BILLING_IBAN", default="NL91ABNA0417164300"),
    "bic": env("BILLING_BIC", default="ABNANL2A"),
    # SEPA creditor identifier (incassant-ID) for direct debits.
    "creditor_id": env("BILLING_CREDITOR_ID", default="NL28ZZZ401234560000"),
    "email": env("BILLING_EMAIL", default="facturen@ingrado.nl"),
}
# Days between an invoice's date and its due date.
BILLING_PAYMENT_TERM_DAYS = env.int("BILLING_PAYMENT_TERM_DAYS", default=30)
# A member that joins in the course of the year pays for the months left ("months") or the
# whole year ("none").
BILLING_CONTRIBUTION_PRO_RATA = env("BILLING_CONTRIBUTION_PRO_RATA", default="months")
# Friendly reminders this many days after the due date; after the second the invoice is
# listed for staff.
BILLING_REMINDER_DAYS = (14, 28)
# Meetings: the rules of voting at an ALV, as the statutes set them. Each new meeting takes
# them over (staff may change them per meeting). The defaults are the Dutch civil code's
# (Burgerlijk Wetboek, book 2, art. 38-43 for an association):
# - every member has one vote (2:38 lid 1; the statutes may give more);
# - a member may give a written proxy to another member, with no maximum in the law
#   (2:38 lid 4; the statutes may exclude or limit it): empty means no maximum;
# - the law sets no quorum for the general meeting: empty means none (a percentage of the
#   member organisations that must be present or represented before a vote);
# - a decision needs more than half of the votes cast ("simple"; abstentions are not votes
#   cast); a change of the statutes at least two thirds (2:43 lid 1), chosen per decision.
MEETINGS_VOTES_PER_ORGANISATION = env.int("MEETINGS_VOTES_PER_ORGANISATION", default=1)
MEETINGS_MAX_PROXIES_PER_HOLDER = env.int("MEETINGS_MAX_PROXIES_PER_HOLDER", default=None)
MEETINGS_QUORUM_PERCENT = env.int("MEETINGS_QUORUM_PERCENT", default=None)
MEETINGS_MAJORITY = env.str("MEETINGS_MAJORITY", default="simple")
# A ledenraadpleging takes one answer per organisation ("organisation") or per person.
MEETINGS_CONSULTATION_ANSWER_PER = env.str(
    "MEETINGS_CONSULTATION_ANSWER_PER", default="organisation"
)
# VAT on the price of a paid meeting: empty means as the Academie's (ACADEMY_VAT_RATE); 0
# means exempt; a percentage (e.g. 21) means the prices include that VAT.
MEETINGS_VAT_RATE = env.int("MEETINGS_VAT_RATE", default=None)

# Content-Security-Policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The tokens in the newsletter's and the account links never reach a log (a 404 for an
    # expired link names its path): ingrado/accesslog.py.
    "filters": {"redact_tokens": {"()": "ingrado.accesslog.RedactTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Demo accounts (seed_demo) may skip the two-factor requirement only while
# DEBUG is on.
DEMO_ACCOUNTS_SKIP_MFA = DEBUG
