"""Settings, read from the environment (twelve-factor). Defaults suit a local demo on SQLite."""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
(BASE_DIR / "var").mkdir(exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# The secret key signs sessions, password-reset links and calendar-feed links: with a public
# fallback anyone could forge them, so without DEBUG the platform refuses to start without its own.
# `make` exports a local key generated once into var/; the tests set theirs in tests/settings.py.
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production needs its own long random key, e.g. "
            "SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))'); "
            "only DEBUG=1 runs without one."
        )
    SECRET_KEY = "django-insecure-development-only-" + "x" * 40
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Local, plain-HTTP runs (make run) set MAILLAGE_INSECURE_HTTP=1; anything else gets secure cookies.
INSECURE_HTTP = env_bool("MAILLAGE_INSECURE_HTTP", False)

INSTALLED_APPS = [
    "maillage.core",
    "maillage.privacy",
    "maillage.territories",
    "maillage.portrait",
    "maillage.network",
    "maillage.governance",
    "maillage.decisions",
    "maillage.meetings",
    "maillage.funding",
    "maillage.planning",
    "maillage.participation",
    "maillage.site",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Wagtail's search index uses PostgreSQL's full-text search there (postgres.E005 without it).
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_tasks_db",
    # The public site: Wagtail, its translations (wagtail-localize) and its contrib apps. Last, so
    # that the platform's and allauth's translations win over Wagtail's for the same words.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

MIDDLEWARE = [
    "maillage.core.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML and other text responses (WhiteNoise, above it, serves static files already
    # compressed). It runs last on the way out, after every header is set. Since Django 4.2 it
    # adds random padding to each compressed response, which mitigates BREACH on pages carrying a
    # CSRF token; streaming responses (the directory's CSV export) are compressed as they stream.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A platform page asked at its French path under /en/ redirects to its English path.
    "maillage.core.middleware.TranslatedPathMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "maillage.core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "maillage.core.middleware.StaffMFARequiredMiddleware",
]

ROOT_URLCONF = "maillage.urls"
WSGI_APPLICATION = "maillage.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "maillage.core.context_processors.platform",
                "maillage.privacy.context_processors.privacy_notice",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'maillage.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED_STATEMENTS", True
):
    # The parameters travel apart from the query, and a query a connection runs a second time is
    # prepared: PostgreSQL plans it once for the connection instead of on every request (the
    # pages' queries recur, and planning is a good part of their time). Behind a connection
    # pooler in transaction mode that does not keep prepared statements (PgBouncer before 1.21),
    # set DATABASE_PREPARED_STATEMENTS=0.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=2
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Parallel writes wait for each other instead of failing with "database is locked": a
    # transaction takes the write lock when it begins (IMMEDIATE), and waits up to 20 s for it.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
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
# My space: after logging in, signing up or confirming an address, unless `next` says where
# (an invitation's page); allauth's sign-up and confirmation redirects default to this one.
LOGIN_REDIRECT_URL = "core:my_space"

# django-allauth: e-mail login, mandatory verification, throttled attempts, TOTP + recovery codes.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# The sign-up also asks first and last name (how people appear in the directory).
ACCOUNT_FORMS = {"signup": "maillage.core.adapters.SignupForm"}
# Confirming in the browser that signed up logs in and goes back where the sign-up started.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Failed logins: five per account (the key is the e-mail typed) wherever they come from, and more
# per client address, so that people sharing an address (an office, a proxy) do not lock each other
# out. The address is the client's behind trusted proxies (MAILLAGE_TRUSTED_PROXIES, below).
ACCOUNT_RATE_LIMITS = {"login_failed": "20/5m/ip,5/5m/key", "login": "30/m/ip"}
# How many proposals and comments one person may post online per period ("10/h": s, m, h, d).
MAILLAGE_PARTICIPATION_RATE = os.environ.get("MAILLAGE_PARTICIPATION_RATE", "10/h")
ACCOUNT_ADAPTER = "maillage.core.adapters.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Maillage"
# Coordination staff and administrators must enrol a second factor; a local demo may waive it.
MAILLAGE_STAFF_MFA_REQUIRED = env_bool("MAILLAGE_STAFF_MFA_REQUIRED", True)

LANGUAGE_CODE = "fr-ca"
# Each language is named in itself in the switch, so the names need no translation.
LANGUAGES = [("fr-ca", "Français"), ("en", "English")]
# Strings outside an app (settings, project URLs) go to the core catalogue.
# Then Québec French for the account library's pages (« courriel », not « e-mail »): these paths
# come before every app's own catalogue.
LOCALE_PATHS = [
    BASE_DIR / "maillage" / "core" / "locale",
    BASE_DIR / "maillage" / "core" / "locale_accounts",
]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Production serves collected static files under hashed names (cached for good by browsers),
# each with its gzip and Brotli copies made at collectstatic. Local runs (DEBUG, or plain HTTP
# with `make run`) read the apps' files as they are, without collectstatic.
MANIFEST_STATIC = not DEBUG and env_bool("MAILLAGE_MANIFEST_STATIC", not INSECURE_HTTP)
# Files people share in the platform (a workstream's documents) are private: they go through
# Django's storage API under the alias "private", never through a local path, and only views that
# check the permission send them (nothing serves them from a URL of their own, unlike MEDIA_ROOT,
# the public site's images). By default a folder of this machine; several app servers need
# storage they share, e.g. S3-compatible storage through django-storages:
# MAILLAGE_PRIVATE_STORAGE=storages.backends.s3.S3Storage, its options as JSON in
# MAILLAGE_PRIVATE_STORAGE_OPTIONS.
PRIVATE_ROOT = Path(os.environ.get("MAILLAGE_PRIVATE_ROOT", BASE_DIR / "var" / "private"))
PRIVATE_STORAGE = os.environ.get("MAILLAGE_PRIVATE_STORAGE", "").strip()
try:
    PRIVATE_STORAGE_OPTIONS = json.loads(os.environ.get("MAILLAGE_PRIVATE_STORAGE_OPTIONS") or "{}")
except json.JSONDecodeError as error:
    raise ImproperlyConfigured(
        f"MAILLAGE_PRIVATE_STORAGE_OPTIONS is not valid JSON: {error}."
    ) from error
if not isinstance(PRIVATE_STORAGE_OPTIONS, dict):
    raise ImproperlyConfigured("MAILLAGE_PRIVATE_STORAGE_OPTIONS must be a JSON object.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": (
        {"BACKEND": PRIVATE_STORAGE, "OPTIONS": PRIVATE_STORAGE_OPTIONS}
        if PRIVATE_STORAGE
        else {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(PRIVATE_ROOT)},
        }
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if MANIFEST_STATIC
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Local runs serve static files straight from the apps; production serves collected files.
WHITENOISE_USE_FINDERS = DEBUG or INSECURE_HTTP
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880
# Largest CSV or GeoJSON accepted through the web interface.
MAILLAGE_MAX_UPLOAD_BYTES = int(os.environ.get("MAILLAGE_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024)))
# Largest document shared in a workstream's workspace.
MAILLAGE_DOCUMENT_MAX_BYTES = int(
    os.environ.get("MAILLAGE_DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024))
)
# Most rows one import takes: a larger file is refused at its field (it is checked and applied
# by tasks, the application in one transaction).
MAILLAGE_IMPORT_MAX_ROWS = int(os.environ.get("MAILLAGE_IMPORT_MAX_ROWS", "20000"))

# E-mail: console locally, SMTP when EMAIL_HOST is set (Django 6.1 mailers).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST,
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
        if EMAIL_HOST
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
del EMAIL_HOST
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Maillage <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: django.tasks; the database backend in production, run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Security headers. The CSP is strict and nonce-based; nothing loads from another origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not INSECURE_HTTP
CSRF_COOKIE_SECURE = not INSECURE_HTTP
LANGUAGE_COOKIE_SECURE = not INSECURE_HTTP
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG and not INSECURE_HTTP)
# Load balancers often probe the health check over plain HTTP, from inside.
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "0" if INSECURE_HTTP else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not INSECURE_HTTP)

# Reverse proxies. BEHIND_PROXY=1 trusts the proxy's X-Forwarded-Proto. MAILLAGE_TRUSTED_PROXIES
# counts the proxies in front of the platform that append to X-Forwarded-For (one unless set when
# BEHIND_PROXY=1, else none): core.middleware.ClientAddressMiddleware makes the address the
# outermost of them saw REMOTE_ADDR, which Django and allauth (login throttling per address)
# read. Without a trusted proxy the header is ignored: any client can write it.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
try:
    MAILLAGE_TRUSTED_PROXIES = int(os.environ.get("MAILLAGE_TRUSTED_PROXIES") or int(BEHIND_PROXY))
except ValueError:
    MAILLAGE_TRUSTED_PROXIES = -1
if MAILLAGE_TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("MAILLAGE_TRUSTED_PROXIES must be a whole number, 0 or more.")
# allauth reads REMOTE_ADDR, already the client's; counting the proxies a second time, it would
# fail on a request that came through fewer of them.
ALLAUTH_TRUSTED_PROXY_COUNT = 0

# Identity of the collective running this instance; another region sets its own.
MAILLAGE_COLLECTIVE_NAME = os.environ.get(
    "MAILLAGE_COLLECTIVE_NAME",
    "Collectif pour l'inclusion et le développement social dans la Capitale-Nationale",
)
MAILLAGE_COLLECTIVE_SHORT_NAME = os.environ.get(
    "MAILLAGE_COLLECTIVE_SHORT_NAME", "Collectif IDS-CN"
)
MAILLAGE_REGION_CODE = os.environ.get("MAILLAGE_REGION_CODE", "03")
# The address people reach the platform at: links in e-mails sent by background tasks.
MAILLAGE_BASE_URL = os.environ.get("MAILLAGE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# E-mails are signed with the collective's name, not the server's host name.
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{MAILLAGE_COLLECTIVE_SHORT_NAME}] "
# The governance calendar reminds people this many days ahead; invitations last this long.
MAILLAGE_REMINDER_DAYS = int(os.environ.get("MAILLAGE_REMINDER_DAYS", "14"))
MAILLAGE_INVITATION_DAYS = int(os.environ.get("MAILLAGE_INVITATION_DAYS", "14"))
# A demo instance says so on every page (and may waive staff MFA).
MAILLAGE_DEMO = env_bool("MAILLAGE_DEMO", False)

# Answers by e-mail: an e-mail that awaits a person's answer is sent with the Reply-To
# `reponse+<signed token>@domain` built on this address (empty: no reply address, people answer
# on the platform). The mail server delivers those addresses to `manage.py receive_email`, or
# into the mailbox that `manage.py receive_email --imap` polls. A reply address lasts this many
# days unless the app gives its own deadline.
MAILLAGE_REPLY_ADDRESS = os.environ.get("MAILLAGE_REPLY_ADDRESS", "").strip()
if MAILLAGE_REPLY_ADDRESS and (
    MAILLAGE_REPLY_ADDRESS.count("@") != 1 or "+" in MAILLAGE_REPLY_ADDRESS.split("@")[0]
):
    raise ImproperlyConfigured(
        "MAILLAGE_REPLY_ADDRESS must be one e-mail address without a '+' (reponse@example.org)."
    )
MAILLAGE_REPLY_DAYS = int(os.environ.get("MAILLAGE_REPLY_DAYS", "30"))
# The voices still awaited in an asynchronous consent round are reminded this many hours before
# its deadline (once per round, by `manage.py close_decisions`).
MAILLAGE_DECISION_REMINDER_HOURS = int(os.environ.get("MAILLAGE_DECISION_REMINDER_HOURS", "24"))
# How often, in seconds, the page of a live round asks for its news.
MAILLAGE_LIVE_POLL_SECONDS = int(os.environ.get("MAILLAGE_LIVE_POLL_SECONDS", "3"))
# The mailbox polled by `receive_email --imap`. MAILLAGE_IMAP_SECURITY: "ssl" (TLS from the
# start, port 993 by default), "starttls" (port 143) or "none" (a server on this machine only).
# Handled messages are marked read, and moved to MAILLAGE_IMAP_DONE_FOLDER when it is set.
MAILLAGE_IMAP = {
    "host": os.environ.get("MAILLAGE_IMAP_HOST", ""),
    "port": int(os.environ.get("MAILLAGE_IMAP_PORT", "0")),
    "user": os.environ.get("MAILLAGE_IMAP_USER", ""),
    "password": os.environ.get("MAILLAGE_IMAP_PASSWORD", ""),
    "folder": os.environ.get("MAILLAGE_IMAP_FOLDER", "INBOX"),
    "security": os.environ.get("MAILLAGE_IMAP_SECURITY", "ssl").strip().lower(),
    "done_folder": os.environ.get("MAILLAGE_IMAP_DONE_FOLDER", ""),
}

# The public site (Wagtail). Pages exist in French and English (Wagtail locales, translated with
# wagtail-localize); the editors' interface is at /edition/, for coordination staff and
# administrators, and logs in through the platform's own login (MFA, throttling).
WAGTAIL_SITE_NAME = MAILLAGE_COLLECTIVE_SHORT_NAME
WAGTAILADMIN_BASE_URL = MAILLAGE_BASE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILADMIN_LOGIN_URL = "account_login"
# Private pages, if any, send visitors to the platform's login, never to a form of Wagtail's own.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# PostgreSQL indexes pages with the platform's own configuration (French stemming, accents
# stripped: core.search, created by core's migration 0003); SQLite's FTS5 ignores accents itself.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "maillage_french"}
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Wagtail logs every page action at INFO; the audit trail of the site is Wagtail's own log.
    # WeasyPrint (the minutes) and fontTools log each step of a PDF at INFO.
    "loggers": {
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
