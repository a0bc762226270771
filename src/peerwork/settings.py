"""Settings for peerwork, read from the environment in this one module.

With no environment variable set everything runs locally: an SQLite file and a
generated secret key under var/. PEERWORK_ENV=production refuses to start
without SECRET_KEY, ALLOWED_HOSTS and a PostgreSQL DATABASE_URL.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("PEERWORK_VAR_DIR", PROJECT_DIR / "var"))

ENV = os.environ.get("PEERWORK_ENV", "local")
PRODUCTION = ENV == "production"
if ENV not in {"local", "production"}:
    raise ImproperlyConfigured("PEERWORK_ENV must be 'local' or 'production'.")


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when PEERWORK_ENV=production.")
    return value


def _local_secret_key() -> str:
    """A secret key generated once per checkout and kept under var/."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


if PRODUCTION:
    SECRET_KEY = _required("SECRET_KEY")
    ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
    DATABASE_URL = _required("DATABASE_URL")
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production.")
    DEBUG = False
else:
    SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver", "[::1]"]
    DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'peerwork.sqlite3'}"
    DEBUG = os.environ.get("PEERWORK_DEBUG", "") == "1"

# Connections are kept for a minute and checked before reuse, so a restarted database
# costs each process one failed check, not a failed request.
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock from the start of each transaction, instead of two
    # readers both failing when each tries to write (SQLite's "database is locked").
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "govuk_frontend_django",
    "django_guid",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "auditlog",
    "peerwork.core",
    "peerwork.accounts",
    "peerwork.councils",
    "peerwork.offers",
    "peerwork.peers",
    "peerwork.engagements",
    "peerwork.reports",
    "peerwork.matching",
    "peerwork.impact",
    "peerwork.programmes",
    "peerwork.home",
    "peerwork.audit",
]
if not PRODUCTION:
    # `peerwork demo` creates accounts with published passwords. The demo app has no
    # models or migrations, so leaving it out of production changes no schema.
    INSTALLED_APPS.append("peerwork.demo")

MIDDLEWARE = [
    # A request id for every log line of a request (from X-Request-ID, or a new one).
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # The signed-in person is the actor of every audit log entry their request writes.
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The Content-Security-Policy, Permissions-Policy and no-store for personal responses;
    # a body too big for any upload refused before it is read.
    "csp.middleware.CSPMiddleware",
    "peerwork.core.middleware.ResponseHeadersMiddleware",
    "peerwork.core.middleware.RequestBodyLimitMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After sign-in, before anything else: who must set up two-factor sign-in first.
    "peerwork.accounts.middleware.TwoFactorRequiredMiddleware",
    # Last, as django-axes asks: it turns a lock-out found during sign-in into a response.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Static files from the web process itself, compressed and with far-future caching
    # of their hashed names, so no other server is needed in front of it.
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

# The audit log (django-auditlog). Every model is logged unless it is left out here:
# a new model is audited without anyone remembering to. Left out: Django's and the task
# queue's machinery, worker beats, e-mails (their text repeats the records they are
# about), the kept figures (a cache), and survey responses and answers (an entry would
# name the person who wrote an answer, which only the logged survey trace may do).
AUDITLOG_INCLUDE_ALL_MODELS = True
AUDITLOG_EXCLUDE_TRACKING_MODELS = (
    "auth",
    "contenttypes",
    "sessions",
    "django_tasks_database",
    "accounts.User_groups",
    "accounts.User_user_permissions",
    "core.WorkerBeat",
    "core.OutgoingEmail",
    "impact.KeptFigures",
    "impact.FiguresGeneration",
    "impact.SurveyInvitation",
    "impact.SurveyResponse",
    "impact.Answer",
    # django-axes keeps its own log of sign-in attempts (if installed).
    "axes",
)
# Secrets are logged as changed, never with their values ("key": a two-factor device's
# secret, and so also a survey question's key); a sign-in is not a change, nor is a
# two-factor device noting its last code.
AUDITLOG_MASK_TRACKING_FIELDS = ("password", "token", "key", "secret")
AUDITLOG_MASK_CALLABLE = "peerwork.core.audit.mask"
AUDITLOG_EXCLUDE_TRACKING_FIELDS = (
    "last_login",
    "version",
    "last_t",
    "last_used_at",
    "throttling_failure_count",
    "throttling_failure_timestamp",
)
# X-Forwarded-For is whatever the client sends: an address in the log would only seem true.
AUDITLOG_DISABLE_REMOTE_ADDR = True

ROOT_URLCONF = "peerwork.urls"
WSGI_APPLICATION = "peerwork.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "peerwork.home.context_processors.service",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Refuses an address or IP that is locked out before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "peerwork.accounts.backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "home:home"

# Sign-in (README: Security). django-axes counts failed sign-ins by email address and by
# IP address, in the database, and refuses either once it has failed
# PEERWORK_LOCKOUT_ATTEMPTS times in PEERWORK_LOCKOUT_MINUTES; a password reset or an
# administrator lifts the lock on an address. The page says the same thing whether the
# address has an account, the password is wrong or the lock is on.
PEERWORK_LOCKOUT_ATTEMPTS = int(os.environ.get("PEERWORK_LOCKOUT_ATTEMPTS", "5"))
PEERWORK_LOCKOUT_MINUTES = int(os.environ.get("PEERWORK_LOCKOUT_MINUTES", "15"))
# How many proxies (the load balancer) stand between the client and peerwork, each
# adding the address it was reached from to X-Forwarded-For: the client is the address
# that many from the right. 0 trusts no header (the address connecting is the client).
PEERWORK_TRUSTED_PROXIES = int(
    os.environ.get("PEERWORK_TRUSTED_PROXIES", "1" if PRODUCTION else "0")
)
AXES_FAILURE_LIMIT = PEERWORK_LOCKOUT_ATTEMPTS
AXES_COOLOFF_TIME = timedelta(minutes=PEERWORK_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "peerwork.accounts.lockout.username_of"
AXES_CLIENT_IP_CALLABLE = "peerwork.accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "peerwork.accounts.lockout.lockout_response"
# A successful sign-in clears its own address's failures only (accounts.lockout), never
# its IP's: one account's owner must not wipe the count of guesses at everyone else's.
AXES_RESET_ON_SUCCESS = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Two-factor sign-in (django-otp): a code from an authenticator app, or a recovery code.
# Those holding these roles must set it up before they reach anything else; everyone
# may. Comma-separated role values; production asks administrators and programme staff.
PEERWORK_TWO_FACTOR_REQUIRED_FOR = frozenset(
    role.strip()
    for role in os.environ.get(
        "PEERWORK_TWO_FACTOR_REQUIRED_FOR",
        "administrator,programme_staff" if PRODUCTION else "",
    ).split(",")
    if role.strip()
)
OTP_TOTP_ISSUER = "peerwork"

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en", _("English")), ("cy", _("Welsh"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PROJECT_DIR / "build" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploads larger than this are refused (engagement documents). A request body larger
# than the largest upload and a megabyte is refused with 413 before it is read
# (peerwork.core.middleware); a form's fields other than files may hold 2.5 MB, and a
# file above 2.5 MB is written to a temporary file while its form checks it.
PEERWORK_DOCUMENT_MAX_MB = int(os.environ.get("PEERWORK_DOCUMENT_MAX_MB", "20"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The nations whose councils the association serves: the annual report's shares of
# councils are out of their principal councils. Comma-separated.
PEERWORK_NATIONS = [
    nation.strip()
    for nation in os.environ.get("PEERWORK_NATIONS", "England,Wales").split(",")
    if nation.strip()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Email goes through Django's mail API: the console locally, SMTP in production.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "peerwork <peerwork@localhost>")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"
    # A mail server that stops answering holds a worker this long, then the try fails.
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
elif PRODUCTION:
    raise ImproperlyConfigured("EMAIL_HOST must be set when PEERWORK_ENV=production.")
elif os.environ.get("PEERWORK_EMAIL_DIR"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["PEERWORK_EMAIL_DIR"]
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

PEERWORK_ORGANISATION_NAME = os.environ.get(
    "PEERWORK_ORGANISATION_NAME", "Local Government Association"
)
# The organiser of the sessions in calendar files: DEFAULT_FROM_EMAIL's address unless set.
PEERWORK_CALENDAR_ORGANIZER_EMAIL = os.environ.get("PEERWORK_CALENDAR_ORGANIZER_EMAIL") or (
    DEFAULT_FROM_EMAIL.rpartition("<")[2].removesuffix(">").strip()
)
# Where peerwork is served, for links in emails opened without signing in (surveys).
PEERWORK_BASE_URL = os.environ.get("PEERWORK_BASE_URL") or (
    f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://127.0.0.1:8000"
)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Scripts, styles, images and fonts only from peerwork itself, never inline: no page
# has a script or style attribute of its own (the one script that must run before the
# page is drawn is a file too). img-src allows data: for the QR code that sets up
# two-factor sign-in.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Load balancers ask for the health check over plain HTTP, inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Background work (emails, team assembly, PDFs, surveys) is queued in the database and
# done by `peerwork worker` processes; see peerwork.core.tasks and ADR 0010.
# PEERWORK_TASKS=immediate does each task at once in the process that asks (tests).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("PEERWORK_TASKS") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default", "assembly"],
    }
}
# A worker records that it is alive this often (seconds); a batch run whose worker has
# not been heard of for PEERWORK_TASK_STALE_SECONDS is taken up again or marked failed.
PEERWORK_WORKER_BEAT_SECONDS = int(os.environ.get("PEERWORK_WORKER_BEAT_SECONDS", "10"))
PEERWORK_TASK_STALE_SECONDS = int(os.environ.get("PEERWORK_TASK_STALE_SECONDS", "90"))

# Logs: one JSON object a line in production (LOG_FORMAT=text for plain lines), each
# with the request id that django-guid gives every request (and sends back as
# X-Request-ID).
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": False,
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": True,
    "INTEGRATIONS": [],
    "UUID_LENGTH": 32,
}
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "django_guid.log_filters.CorrelationId"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s",
            "rename_fields": {
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
                "correlation_id": "request_id",
            },
        },
        "text": {"format": "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # The worker says which task it starts and how each ends.
        "django_tasks": {"level": os.environ.get("TASK_LOG_LEVEL", "INFO")},
        "django_tasks_db": {"level": os.environ.get("TASK_LOG_LEVEL", "INFO")},
        "peerwork": {"level": os.environ.get("PEERWORK_LOG_LEVEL", "INFO")},
    },
}

# Errors go to Sentry (or anything speaking its protocol) when SENTRY_DSN is set.
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=ENV,
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# Conflicts of interest for peers (see peerwork.peers.selectors.conflicts_for_peers).
PEERWORK_CONFLICT_LOOKBACK_YEARS = int(os.environ.get("PEERWORK_CONFLICT_LOOKBACK_YEARS", "5"))
PEERWORK_CONFLICT_SAME_AREA = os.environ.get("PEERWORK_CONFLICT_SAME_AREA", "0") == "1"
# How long before an accreditation expires the directory flags it.
PEERWORK_ACCREDITATION_WARNING_DAYS = int(
    os.environ.get("PEERWORK_ACCREDITATION_WARNING_DAYS", "90")
)

# Retention periods the privacy notice states (see peerwork.home.privacy.retention and
# `peerwork retention`): the notice reads its numbers from here.
PEERWORK_RETENTION_ENGAGEMENT_YEARS = int(
    os.environ.get("PEERWORK_RETENTION_ENGAGEMENT_YEARS", "7")
)
PEERWORK_RETENTION_UNUSED_ACCOUNT_YEARS = int(
    os.environ.get("PEERWORK_RETENTION_UNUSED_ACCOUNT_YEARS", "2")
)
PEERWORK_RETENTION_REFUSED_APPLICATION_MONTHS = int(
    os.environ.get("PEERWORK_RETENTION_REFUSED_APPLICATION_MONTHS", "12")
)
PEERWORK_RETENTION_SURVEY_LINK_MONTHS = int(
    os.environ.get("PEERWORK_RETENTION_SURVEY_LINK_MONTHS", "12")
)
PEERWORK_RETENTION_EMAIL_TEXT_DAYS = int(os.environ.get("PEERWORK_RETENTION_EMAIL_TEXT_DAYS", "90"))
