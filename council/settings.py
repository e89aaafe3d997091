"""Settings for Samverkansportalen, driven by the environment.

Every variable is listed in README.md and .env.example. SQLite is the default; set
DATABASE_URL (or POSTGRES_DB and friends) for PostgreSQL.
"""

import datetime
import os
import urllib.parse
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        part.strip()
        for part in os.environ.get(name, default).split(",")
        if part.strip()
    ]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "simple_history",
    "axes",
    "csp",
    "django_htmx",
    "council",
    "council.passkeys",
    "meetings",
    "plans",
    "networks",
    "council.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "council.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "council.portal.public_cache.PublicPageCacheMiddleware",
    # Inside the page cache, so a stored copy carries the header too.
    "council.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.htmx: the editor answers htmx's requests with the page to swap in.
    "django_htmx.middleware.HtmxMiddleware",
    "council.middleware.SessionIdleTimeoutMiddleware",
    "council.middleware.NoStoreForUsersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "council.middleware.PdfUnavailableMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "council.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "council.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "council.wsgi.application"


def database_config() -> dict:
    """SQLite by default; PostgreSQL from DATABASE_URL or the POSTGRES_* variables."""
    url = os.environ.get("DATABASE_URL", "")
    if not url and os.environ.get("POSTGRES_DB"):
        user = os.environ.get("POSTGRES_USER", "postgres")
        password = os.environ.get("POSTGRES_PASSWORD", "")
        host = os.environ.get("POSTGRES_HOST", "127.0.0.1")
        port = os.environ.get("POSTGRES_PORT", "5432")
        auth = f"{user}:{password}" if password else user
        url = f"postgres://{auth}@{host}:{port}/{os.environ['POSTGRES_DB']}"
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    config = dj_database_url.parse(
        url,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
    return config


DATABASES = {"default": database_config()}

AUTH_USER_MODEL = "council.User"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "council:home"
LOGOUT_REDIRECT_URL = "council:home"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska"))]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
# Swedish for third-party strings that ship without it (django-simple-history).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Uploaded documents are never served from a public path: views check permissions.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

# History rows keep a reason of any length, attributed to the user.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = False

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Samverkansportalen <noreply@localhost>"
)

# Production hardening; each can be relaxed through the environment for local HTTP.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# The signing CA's certificate and CRL are fetched by validators over plain HTTP
# (RFC 5280 practice; they are signed, and https would need them to check itself).
SECURE_REDIRECT_EXEMPT = [r"^pki/"]
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY") else None
)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The portal's public identity, shown in the header and footer.
SITE_NAME = os.environ.get("SITE_NAME", "Samverkansportalen")
COUNCIL_SLUG = os.environ.get("COUNCIL_SLUG", "ssr")
# The portal's version, as its archival packages name the software that made them.
PORTAL_VERSION = "0.1.0"

# Deliveries to the e-archive (E-ARK SIP, FGS Paketstruktur 2.0): who the
# archival creator (arkivbildare) and the preservation agency (the archive
# that takes the delivery) are, with their identification codes (for example
# "ORG:2321000164"), and the id of the submission agreement (leveransöverens-
# kommelse). Without a creator the body's name stands as one.
EARKIV_ARCHIVAL_CREATOR = os.environ.get("EARKIV_ARCHIVAL_CREATOR", "")
EARKIV_ARCHIVAL_CREATOR_ID = os.environ.get("EARKIV_ARCHIVAL_CREATOR_ID", "")
EARKIV_PRESERVATION_AGENCY = os.environ.get(
    "EARKIV_PRESERVATION_AGENCY", "Region Örebro län, e-arkiv"
)
EARKIV_PRESERVATION_AGENCY_ID = os.environ.get("EARKIV_PRESERVATION_AGENCY_ID", "")
EARKIV_SUBMISSION_AGREEMENT = os.environ.get("EARKIV_SUBMISSION_AGREEMENT", "")

# Signing (PAdES). A PKCS#12 CA from settings; without one a test CA is made on
# first use in SIGNING_DEV_CA_DIR, outside the repository.
SIGNING_CA_PKCS12 = os.environ.get("SIGNING_CA_PKCS12", "")
SIGNING_CA_PASSPHRASE = os.environ.get("SIGNING_CA_PASSPHRASE", "")
SIGNING_DEV_CA_DIR = Path(
    os.environ.get(
        "SIGNING_DEV_CA_DIR",
        Path.home() / ".local" / "share" / "samverkansportalen" / "test-ca",
    )
)
# A signer's certificate lives until the CA ends (0), or this many seconds. Its
# key is discarded the moment it has signed, so a long life adds no risk, and
# validators that ignore timestamps (pdfsig, many viewers) judge a certificate at
# today's date: a short life would make every signature "expired" within minutes.
SIGNER_CERTIFICATE_SECONDS = int(os.environ.get("SIGNER_CERTIFICATE_SECONDS", "0"))
# Signer certificates start this much before now, for verifiers with a slow clock.
SIGNER_CLOCK_SKEW_SECONDS = int(os.environ.get("SIGNER_CLOCK_SKEW_SECONDS", "60"))
# Timestamps (RFC 3161) on every signature: from the TSA at SIGNING_TSA_URL
# (whose root certificates, PEM, are in SIGNING_TSA_ROOTS_PEM), otherwise from the
# portal's own timestamping authority, a key and certificate issued by the CA and
# kept like it (SIGNING_TSA_PKCS12; without one, made beside the test CA).
SIGNING_TSA_URL = os.environ.get("SIGNING_TSA_URL", "")
SIGNING_TSA_ROOTS_PEM = os.environ.get("SIGNING_TSA_ROOTS_PEM", "")
SIGNING_TSA_PKCS12 = os.environ.get("SIGNING_TSA_PKCS12", "")
SIGNING_TSA_PASSPHRASE = os.environ.get("SIGNING_TSA_PASSPHRASE", "")
SIGNING_TSA_CERTIFICATE_DAYS = int(
    os.environ.get("SIGNING_TSA_CERTIFICATE_DAYS", str(365 * 10))
)
# A final document gets a new document timestamp when its newest one's
# certificate ends within this many days (manage.py renew_timestamps, daily).
SIGNING_TIMESTAMP_RENEWAL_DAYS = int(
    os.environ.get("SIGNING_TIMESTAMP_RENEWAL_DAYS", "730")
)
# How signatures are made: the portal itself (the default), or another
# implementation of council.signing.backend.SigningBackend (dotted path).
DOCUMENT_SIGNING_BACKEND = os.environ.get(
    "DOCUMENT_SIGNING_BACKEND", "council.signing.backend.PortalSigningBackend"
)
# Each revocation list (CRL) at /pki/ca.crl is valid this many days.
SIGNING_CRL_VALID_DAYS = int(os.environ.get("SIGNING_CRL_VALID_DAYS", "7"))
# Largest PDF accepted for checking at /verifiera/.
VERIFY_MAX_BYTES = int(os.environ.get("VERIFY_MAX_BYTES", str(30 * 1024 * 1024)))

# Where feedback on accessibility is sent (the secretariat). []
FEEDBACK_EMAIL = os.environ.get("FEEDBACK_EMAIL", "")

# The password of the demo users that the demo command creates.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "samverkan-demo-2026")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # The PDF renderer narrates every step at INFO; only its warnings matter, and
    # council/pdf.py reads them: a stylesheet or font it could not load stops the
    # document.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Meetings: uploads and links in e-mails and calendars.
# Largest attachment accepted, in bytes (25 MB by default).
ATTACHMENT_MAX_BYTES = int(
    os.environ.get("ATTACHMENT_MAX_BYTES", str(25 * 1024 * 1024))
)
# The portal's public address: links in kallelser and calendar feeds, and the host
# part of each meeting's calendar UID (keep it stable).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Passkeys (WebAuthn): the relying party is the portal's host name, and the browser
# must be at WEBAUTHN_ORIGIN (scheme, host and port). Both follow SITE_URL unless
# set; a passkey registered for one host name works only there.
WEBAUTHN_RP_ID = os.environ.get(
    "WEBAUTHN_RP_ID", urllib.parse.urlsplit(SITE_URL).hostname or "localhost"
)
WEBAUTHN_ORIGIN = os.environ.get("WEBAUTHN_ORIGIN", SITE_URL)
WEBAUTHN_RP_NAME = os.environ.get("WEBAUTHN_RP_NAME", "Samverkansportalen")

# Anonymous copies of the public pages (council/portal/public_cache.py): kept in
# each worker's memory at most this many seconds (0 turns them off), dropped at
# once when anything public changes. Off under DEBUG, where templates change too.
PUBLIC_CACHE_SECONDS = int(
    os.environ.get("PUBLIC_CACHE_SECONDS", "0" if DEBUG else "60")
)
# Pages kept per worker, the least recently used dropped first.
PUBLIC_CACHE_MAX_ENTRIES = int(os.environ.get("PUBLIC_CACHE_MAX_ENTRIES", "500"))
# Where the workers share the pages' generation. A file cache serves the workers
# of one host; with several hosts, point the "public" alias at a shared backend.
PUBLIC_CACHE_ALIAS = "public"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    PUBLIC_CACHE_ALIAS: {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        # The file cache unpickles what it finds: a directory of the project's own,
        # not a guessable name in a temporary directory other users can write to.
        "LOCATION": os.environ.get(
            "PUBLIC_CACHE_DIR", str(BASE_DIR / "var" / "public-cache")
        ),
    },
}


# --- Access: login lockout, the feedback form's limit, CSP, sessions ----------------
# django-axes counts failed passwords per user name, at /logga-in/, the admin's login
# and the password step-ups (sending for justering, justering). After
# LOGIN_FAILURE_LIMIT failures the account is locked for LOGIN_LOCKOUT_MINUTES from
# the last failure; the right password does not pass before that. Failures while
# locked are not counted, so the time shown to the user holds. An administrator
# unlocks in the admin (Axes → Misslyckade inloggningsförsök: delete the user's
# rows) or with `manage.py axes_reset_username <name>`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = ["username"]
# Axes warns that without the address an attacker could rotate browsers to dodge
# the count. Not here: the failures of every row of a user name are added up,
# whatever the address or browser. A lock by address would shut out a whole
# municipal office behind one NAT address after a few mistyped passwords.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "council.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# The address shown in the admin's list, found as the feedback form's limit finds it.
AXES_CLIENT_IP_CALLABLE = "council.throttle.client_ip"
# Only failures are kept; a row per successful login is not needed.
AXES_DISABLE_ACCESS_LOG = True
# Axes narrates every attempt at INFO; failures and lockouts are its warnings.
LOGGING["loggers"]["axes"] = {"level": "WARNING"}

# The accessibility feedback form: at most this many posts per client address in
# FEEDBACK_RATE_WINDOW_SECONDS, counted in the default cache.
FEEDBACK_RATE_LIMIT = int(os.environ.get("FEEDBACK_RATE_LIMIT", "5"))
FEEDBACK_RATE_WINDOW_SECONDS = int(
    os.environ.get("FEEDBACK_RATE_WINDOW_SECONDS", "600")
)
# Behind a proxy the client's address is the last one the proxy added to
# X-Forwarded-For; otherwise REMOTE_ADDR.
CLIENT_IP_FROM_FORWARDED_FOR = env_bool("DJANGO_BEHIND_PROXY")

# Content-Security-Policy (django-csp): scripts and styles only as the portal's own
# static files, no inline script or style, no plugins, no framing, forms post only
# here. PDFs are left without it (council.middleware): Chromium's viewer breaks
# under a policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# A session unused for SESSION_IDLE_SECONDS is logged out (council.middleware);
# the last activity is written at most once a minute. The absolute lifetime stays
# Django's SESSION_COOKIE_AGE (14 days).
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", str(2 * 60 * 60)))
