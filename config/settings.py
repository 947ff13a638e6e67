"""The one settings module: works right after cloning, everything else from the environment.

SQLite is the embedded default; ``DATABASE_URL`` selects PostgreSQL (or another SQLite file).
Secrets come from the environment or from ``NAME_FILE`` (a path whose content is the value).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """Read a setting from ``NAME`` or from the file named by ``NAME_FILE``."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", default=True)
# The demo key only ever exists in development; production refuses to start with it.
DEMO_SECRET_KEY = "folkbib-development-only-not-secret"
SECRET_KEY = env("SECRET_KEY", DEMO_SECRET_KEY)
PRODUCTION = env_bool("FOLKBIB_PRODUCTION", default=False)
ALLOWED_HOSTS = [h for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

VAR_DIR = Path(env("FOLKBIB_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "folkbib.core",
    "folkbib.audit",
    "folkbib.consortium",
    "folkbib.patrons",
    "folkbib.catalog",
    "folkbib.circulation",
    "folkbib.community",
    "folkbib.demo",
    "folkbib.portal",
    "folkbib.staff",
    "folkbib.talking",
    "folkbib.protocols.sip2",
    "folkbib.protocols.sru",
    "folkbib.protocols.oai",
    "folkbib.api",
    "folkbib.bench",
    "folkbib.operations",
]

MIDDLEWARE = [
    # The visitor's address from a trusted proxy's X-Forwarded-For, before anyone reads it.
    "folkbib.core.proxy.TrustedProxyMiddleware",
    # First, so its request id and timing cover everything below (docs/operations.md).
    "folkbib.operations.middleware.ObservabilityMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "folkbib.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Moves an unchanged session's expiry on at most once a minute (not on every page).
    "folkbib.core.sessions.IdleSessionMiddleware",
    "folkbib.core.db_routers.ReplicaReadsMiddleware",
    "folkbib.core.middleware.RegionLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"

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
            ],
        },
    },
]

# (The page frame's parts are kept in folkbib.core.fragments, not in a cache backend.)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'folkbib.sqlite3'}",
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue on the busy timeout instead of failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            # Per connection, and a server keeps one per thread (below): at 64 MiB a
            # busy worker (4 threads) held 109-288 MB of its own memory at 1M records,
            # at 8 MiB 86-116 MB, with no measurable CPU per page. A bulk import sets more.
            f"PRAGMA cache_size=-{int(env('SQLITE_CACHE_MIB', '8')) * 1024};"
            "PRAGMA temp_store=MEMORY;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    # Kept for the life of the thread that opened it (a gunicorn thread, a SIP2 worker):
    # opening one parses the schema and runs the PRAGMAs above, ~2 ms of CPU, and its
    # page cache would start empty on every request. In autocommit an idle SQLite
    # connection holds no lock and no read snapshot, so it blocks neither the writer nor
    # WAL checkpoints. Django still drops one left outside autocommit after a request.
    # The price is memory: each keeps its page cache (up to cache_size, SQLITE_CACHE_MIB)
    # while its thread lives. DATABASE_CONN_MAX_AGE, when set, decides here too.
    DATABASES["default"]["CONN_MAX_AGE"] = (
        int(env("DATABASE_CONN_MAX_AGE")) if env("DATABASE_CONN_MAX_AGE") else None
    )
    DATABASES["default"]["TEST"] = (
        {"NAME": env("FOLKBIB_TEST_SQLITE", "")} if env("FOLKBIB_TEST_SQLITE") else {}
    )

# A PostgreSQL hot standby for reads that tolerate lag (search, record pages, SRU):
# folkbib.core.db_routers says which; writes and everything else use the primary.
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env("DATABASE_REPLICA_URL"), conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60"))
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["folkbib.core.db_routers.ReplicaRouter"]
# The views whose catalogue reads may lag (URL names). OAI-PMH ("oai:oai") is left out
# by default: its responseDate is this clock's, so a harvester that asks "from" it next
# time would miss records the standby had not yet replayed (docs/deploy.md).
REPLICA_READ_VIEWS = frozenset(
    name.strip()
    for name in env("FOLKBIB_REPLICA_READ_VIEWS", "portal:search,portal:record,sru:sru").split(",")
    if name.strip()
)
# After a write a browser reads the primary this long: longer than the replica's lag.
REPLICA_PIN_SECONDS = int(env("FOLKBIB_REPLICA_PIN_SECONDS", "10"))
# Addresses or networks of the proxies in front (nginx, the load balancer), comma-separated:
# their X-Forwarded-For names the visitor (folkbib.core.proxy). Empty: no proxy trusted.
TRUSTED_PROXIES = env("FOLKBIB_TRUSTED_PROXIES")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The rules matrix's scope is unique with NULLs equal (PostgreSQL); SQLite cannot say
# that, and circulation.services.matrix.define_rule keeps the scope unique there.
SILENCED_SYSTEM_CHECKS = ["models.W047"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "sv"
# Swedish first (the default), English complete; Arabic is the right-to-left proof that
# the structure takes more languages: its catalogue covers the site's frame and the
# start page, the rest falls back to Swedish until translators finish it.
LANGUAGES = [("sv", _("Svenska")), ("en", _("English")), ("ar", _("Arabiska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Europe/Stockholm")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# WhiteNoise serves static files from the app server: in production the collected,
# hashed and compressed copies (`folkbib serve` runs collectstatic); elsewhere straight
# from the source directories, so an old collected copy is never served by mistake.
WHITENOISE_USE_FINDERS = not PRODUCTION
if PRODUCTION:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

SESSION_COOKIE_HTTPONLY = True
# A library computer is shared: a session ends after 30 idle minutes and with the browser.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", "1800"))
# The idle timeout moves on with each page, written at most once a minute
# (folkbib.core.sessions) instead of a session write per page.
SESSION_ENGINE = "folkbib.core.sessions"
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
# The language switch is a GET (folkbib.core.language): a cross-site request must not set it.
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Search: "tantivy" (embedded default) or "postgres" (multi-node deployments).
SEARCH_BACKEND = env("FOLKBIB_SEARCH_BACKEND", "tantivy")
SEARCH_INDEX_DIR = Path(env("FOLKBIB_SEARCH_INDEX_DIR", str(VAR_DIR / "search-index")))
# "sync": the index is updated before the committing request returns (tests, small sites);
# "background": a per-process thread does it just after (a tantivy commit fsyncs files).
SEARCH_DRAIN = env("FOLKBIB_SEARCH_DRAIN", "sync")

# Holdings tag/subfield map for MARC import (Koha's 952 by default).
MARC_HOLDINGS = {
    "tag": env("FOLKBIB_HOLDINGS_TAG", "952"),
    "barcode": "p",
    "owning_branch": "a",
    "current_branch": "b",
    "shelf_mark": "o",
    "price": "v",
    "notes": "z",
    "material_type": "y",
}

# OAI-PMH (/oai): record identifiers are oai:<repository identifier>:<record id>, so the
# identifier (a domain name the region controls) must never change once harvested.
OAI_REPOSITORY_IDENTIFIER = env("FOLKBIB_OAI_REPOSITORY_IDENTIFIER", "folkbib.example.org")
OAI_REPOSITORY_NAME = env("FOLKBIB_OAI_REPOSITORY_NAME", "folkbib")
OAI_ADMIN_EMAIL = env("FOLKBIB_OAI_ADMIN_EMAIL", "bibliotek@folkbib.example.org")
OAI_PAGE_SIZE = int(env("FOLKBIB_OAI_PAGE_SIZE", "100"))
OAI_TOKEN_HOURS = int(env("FOLKBIB_OAI_TOKEN_HOURS", "24"))

# Circulation: whose rules govern a loan, "owner" (the item's owning municipality) or
# "checkout" (the municipality of the branch where it is borrowed).
CIRCULATION_RULES_FROM = env("FOLKBIB_CIRCULATION_RULES_FROM", "owner")
if CIRCULATION_RULES_FROM not in {"owner", "checkout"}:
    raise ValueError("FOLKBIB_CIRCULATION_RULES_FROM must be 'owner' or 'checkout'")

# Notices: e-mail through Django's EMAIL_* settings; SMS through a dotted sender class.
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "bibliotek@localhost")
SMS_SENDER = env("FOLKBIB_SMS_SENDER", "folkbib.circulation.notices.senders.LoggingSmsSender")
# When notices are made: a reminder N days before the due date; overdue reminders at
# these days overdue (one to three levels, in order); the card N days before it expires.
NOTICE_DUE_SOON_DAYS = int(env("FOLKBIB_NOTICE_DUE_SOON_DAYS", "3"))
NOTICE_OVERDUE_DAYS = tuple(
    int(d) for d in env("FOLKBIB_NOTICE_OVERDUE_DAYS", "1,14,28").split(",") if d.strip()
)
if not (
    1 <= len(NOTICE_OVERDUE_DAYS) <= 3
    and NOTICE_OVERDUE_DAYS[0] >= 1
    and list(NOTICE_OVERDUE_DAYS) == sorted(set(NOTICE_OVERDUE_DAYS))
):
    raise ValueError("FOLKBIB_NOTICE_OVERDUE_DAYS must be 1-3 increasing days, e.g. 1,14,28")
NOTICE_CARD_EXPIRING_DAYS = int(env("FOLKBIB_NOTICE_CARD_EXPIRING_DAYS", "30"))
# A notice that fails to send is tried again on later runs, this many attempts in all.
NOTICE_MAX_ATTEMPTS = int(env("FOLKBIB_NOTICE_MAX_ATTEMPTS", "3"))

# AudioIndex: "espeak" (espeak-ng, the default) or "fake" (tests); synthesised audio is
# cached on disk by content, shared by every process on the machine.
SPEECH_ENGINE = env("FOLKBIB_SPEECH_ENGINE", "espeak")
SPEECH_CACHE_DIR = Path(env("FOLKBIB_SPEECH_CACHE_DIR", str(VAR_DIR / "speech-cache")))

# Logs go to stderr (journald or the container runtime keeps them): one JSON object per
# line with the request id in production, plain lines elsewhere (LOG_FORMAT=json|text).
LOG_FORMAT = env("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ValueError("LOG_FORMAT must be 'json' or 'text'")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "folkbib.operations.requestids.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "folkbib.operations.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # The access log: one line per request (folkbib.operations.middleware).
        "folkbib.requests": {"level": env("ACCESS_LOG_LEVEL", "INFO")},
    },
}

# /metrics (Prometheus): open unless a token is set; then scrapes send
# "Authorization: Bearer <token>". Block it at the proxy or set one on a public host.
METRICS_TOKEN = env("FOLKBIB_METRICS_TOKEN")
