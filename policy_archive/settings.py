"""Policy Archive settings: one module, configured by the environment.

DATABASE_URL         default: a SQLite file in the project; postgres://… uses psycopg
DJANGO_SECRET_KEY    required when DEBUG is off
DJANGO_DEBUG         1/true/yes to turn debugging on (off by default)
DJANGO_ALLOWED_HOSTS comma-separated; localhost names by default
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string, or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "articles",
]

# The whole chain, in order. The replica middleware (first) is there only with a replica;
# the page cache sits after authentication, which tells it whether the reader is anonymous;
# refusals are logged before axes answers a locked-out login.
MIDDLEWARE = [
    *(["policy_archive.routers.ReplicaMiddleware"] if os.environ.get("DATABASE_REPLICA_URL") else []),
    "django.middleware.security.SecurityMiddleware",
    "policy_archive.timeouts.StatementTimeoutMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, locale, CSRF and authentication: a cached page skips their work.
    "articles.site.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "articles.editors.security.RefusalLogMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last: runs a write request's view in a transaction, tried again after a deadlock.
    "articles.editors.retrying.RetryConflictsMiddleware",
]

ROOT_URLCONF = "policy_archive.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # The public site's tags live with the site, not in a templatetags/ folder.
            "libraries": {"statements": "articles.site.statement_tags", "editors": "articles.editors.admin_tags"},
        },
    },
]

WSGI_APPLICATION = "policy_archive.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so two loaders queue instead of deadlocking
    # on a lock upgrade; the timeout is how long the second one waits.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 30}
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if env_flag("DJANGO_PLAIN_STATIC")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# A strict policy: scripts and styles only from this site's static files, no inline code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- Production security (hardening) -------------------------------------------------
# On whenever DEBUG is off; each switch can be turned off by the environment for a local
# plain-http run on loopback (`make serve` does so). Behind a TLS-terminating proxy set
# DJANGO_BEHIND_PROXY=1 so that X-Forwarded-Proto tells Django the request was https.
_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", _SECURE)
SESSION_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", _SECURE)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 31536000 if _SECURE else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", _SECURE)
SECURE_HSTS_PRELOAD = env_flag("DJANGO_SECURE_HSTS_PRELOAD", _SECURE)
if env_flag("DJANGO_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Health checks come over plain http from the proxy or orchestrator, never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one username from
# one address, that pair is locked out for AXES_COOLOFF_MINUTES. Axes' backend comes first
# so a locked-out pair is refused before the password is even checked.
INSTALLED_APPS += ["policy_archive.apps.LoginLockoutsConfig"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = env_flag("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "articles.clients.client_address"
# And per address alone, whatever the usernames tried: ARCHIVE_LOGIN_ADDRESS_LIMIT failures
# within the cool-off time lock the address out (articles/editors/security.py).
AXES_HANDLER = "articles.editors.security.AddressLimitedHandler"
ARCHIVE_LOGIN_ADDRESS_LIMIT = int(os.environ.get("ARCHIVE_LOGIN_ADDRESS_LIMIT", "20"))
ARCHIVE_BEHIND_PROXY = env_flag("DJANGO_BEHIND_PROXY")
# The proxy's own addresses: X-Forwarded-For is read only on requests that come from them.
ARCHIVE_PROXY_ADDRESSES = frozenset(env_list("DJANGO_PROXY_ADDRESSES", "127.0.0.1,::1"))

# The read-only API (articles.site.api): JSON only, so a cached page is the same whatever
# the client accepts; no sessions or logins, so every client is throttled by its address
# (the last X-Forwarded-For entry behind the proxy, as for logins).
ARCHIVE_API_ANON_RATE = os.environ.get("ARCHIVE_API_ANON_RATE", "120/minute")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["articles.site.api.plumbing.FilterSetBackend"],
    "DEFAULT_PAGINATION_CLASS": "articles.site.api.plumbing.CappedPagination",
    "DEFAULT_THROTTLE_CLASSES": ["articles.site.api.plumbing.AnonymousThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "NUM_PROXIES": 1 if ARCHIVE_BEHIND_PROXY else None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Policy Archive API",
    "DESCRIPTION": "Read-only: articles, statements, speakers and directives of the archive, "
    "with the public site's filters; each article's statements as W3C Web Annotations.",
    "VERSION": "2",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {
        "StatementKindEnum": "articles.models.Quote.Kind",
        "SpeakerKindEnum": "articles.models.Speaker.Kind",
        "DirectiveKindEnum": "articles.models.Directive.Kind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    # Security events (logins included) at INFO, whatever the root level: see articles/editors/security.py.
    "loggers": {"policy_archive.security": {"level": os.environ.get("DJANGO_SECURITY_LOG_LEVEL", "INFO")}},
}

# --- Performance and scaling ----------------------------------------------------------
# REDIS_URL: the shared cache (pages, their generation) for every app server; without it
# each process keeps its own local-memory cache. Public pages are cached for anonymous
# readers for ARCHIVE_PAGE_CACHE_SECONDS (0 turns it off); a save moves the versions a page
# is checked against (articles/site/page_cache.py, articles/changes.py). A version moved in one process's
# local memory is not seen by the others, so without Redis whole pages are not cached unless
# asked for (a single process, such as the development server, may set it safely).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "policy_archive.cache.RedisCache",  # one client per pool, not per call
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "policy-archive",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ARCHIVE_PAGE_CACHE_SECONDS = int(
    os.environ.get("ARCHIVE_PAGE_CACHE_SECONDS", "300" if os.environ.get("REDIS_URL") else "0")
)
# The filter forms' name suggestions are cached under the same generation for this long
# (0 turns it off). Without Redis another process may offer names up to this old: a hint
# for typing, never what a filter matches.
ARCHIVE_SUGGESTIONS_SECONDS = int(
    os.environ.get("ARCHIVE_SUGGESTIONS_SECONDS", "300" if os.environ.get("REDIS_URL") else "60")
)
# Sessions live in the database (cached in Redis when there is one), never on an app
# server's disk, so any server behind the balancer can answer any request.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if os.environ.get("REDIS_URL")
    else "django.contrib.sessions.backends.db"
)
# DATABASE_REPLICA_URL: a streaming replica of the primary; the public site's reads go
# there (policy_archive/routers.py). In tests it mirrors the primary's test database.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["policy_archive.routers.ReplicaRouter"]
# A web server's process (policy_archive/wsgi.py and asgi.py set ARCHIVE_PROCESS=web) cancels
# any query running longer than this, below gunicorn's 30 s worker timeout, so that no query
# outlives the request that sent it. Commands (the loader, import, export) are not limited.
ARCHIVE_WEB_STATEMENT_TIMEOUT_MS = int(os.environ.get("ARCHIVE_WEB_STATEMENT_TIMEOUT_MS", "20000"))
# Each page runs short queries: JIT compilation and parallel workers cost more than they
# save there (tens of ms on a 2-core machine), so both are off for this app's sessions.
# DATABASE_SESSION_OPTIONS replaces these libpq options (empty: the server's defaults).
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _session = os.environ.get("DATABASE_SESSION_OPTIONS", "-c jit=off -c max_parallel_workers_per_gather=0")
        if os.environ.get("ARCHIVE_PROCESS") == "web" and ARCHIVE_WEB_STATEMENT_TIMEOUT_MS:
            _session = f"{_session} -c statement_timeout={ARCHIVE_WEB_STATEMENT_TIMEOUT_MS}".strip()
        if _session:
            _database.setdefault("OPTIONS", {})["options"] = _session
# DATABASE_POOL=1: psycopg's connection pool in each process (PostgreSQL only), sized by
# DATABASE_POOL_MIN/MAX; Django wants CONN_MAX_AGE=0 with a pool.
if env_flag("DATABASE_POOL"):
    for _database in DATABASES.values():
        if _database["ENGINE"] == "django.db.backends.postgresql":
            _database.setdefault("OPTIONS", {})["pool"] = {
                "min_size": int(os.environ.get("DATABASE_POOL_MIN", "2")),
                "max_size": int(os.environ.get("DATABASE_POOL_MAX", "10")),
                "timeout": 10,
            }
            _database["CONN_MAX_AGE"] = 0
# --- end of performance and scaling ----------------------------------------------------

# Policy Archive: limits on what the loader accepts and what one anonymous request gets
# (README, "Limits"). A source file past any of them is refused with one line.
ARCHIVE_MAX_SOURCE_BYTES = int(os.environ.get("ARCHIVE_MAX_SOURCE_BYTES", 10 * 1024 * 1024))
ARCHIVE_MAX_PARAGRAPHS = int(os.environ.get("ARCHIVE_MAX_PARAGRAPHS", "2000"))
ARCHIVE_MAX_PARAGRAPH_CHARS = int(os.environ.get("ARCHIVE_MAX_PARAGRAPH_CHARS", "20000"))
# Rows of /statements.csv at most, newest first; narrower filters give the older ones.
ARCHIVE_CSV_MAX_ROWS = int(os.environ.get("ARCHIVE_CSV_MAX_ROWS", "10000"))
# Addresses per sitemap file (the protocol's maximum is 50,000).
ARCHIVE_SITEMAP_URLS = min(int(os.environ.get("ARCHIVE_SITEMAP_URLS", "50000")), 50000)

# --- Ingest: pages, feeds and the task queue -------------------------------------------
# Addresses a feed may send the fetcher to: private and loopback ones only when this is on
# (tests serve their pages on loopback), so a feed cannot reach internal services.
ARCHIVE_FETCH_PRIVATE = env_flag("ARCHIVE_FETCH_PRIVATE")
ARCHIVE_FEED_MINUTES = int(os.environ.get("ARCHIVE_FEED_MINUTES", "30"))
# When Celery beat sends the daily alert digests, in TIME_ZONE.
ARCHIVE_ALERT_HOUR = int(os.environ.get("ARCHIVE_ALERT_HOUR", "7"))
ARCHIVE_ALERT_MINUTE = int(os.environ.get("ARCHIVE_ALERT_MINUTE", "0"))
# Queue workers ask one outlet's host for a page at most once every this many seconds
# (0: no limit), counted in the cache: across all workers when REDIS_URL is set.
ARCHIVE_FETCH_HOST_SECONDS = int(os.environ.get("ARCHIVE_FETCH_HOST_SECONDS", "1"))
# Celery (policy_archive/celery.py). With no broker every task runs at once in the process
# that asks for it, so `make run` needs nothing new.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# The queue tasks are sent to and workers read: two archives (or two test runs) may share
# one broker under different names.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_EAGER_PROPAGATES = True
# At-least-once: a task is acknowledged when done, so a worker that dies mid-task leaves it
# to another; the tasks are idempotent (the database's unique constraints decide).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "poll-active-feeds": {
        "task": "articles.ingest.tasks.poll_active_feeds",
        "schedule": ARCHIVE_FEED_MINUTES * 60.0,
    },
    "send-alert-digests": {
        "task": "articles.alerts.tasks.send_alerts",
        "schedule": crontab(hour=ARCHIVE_ALERT_HOUR, minute=ARCHIVE_ALERT_MINUTE),
    },
}
CELERY_TIMEZONE = TIME_ZONE

# --- Mail and alerts ------------------------------------------------------------------
# Readers' alerts (articles.alerts) go out through this SMTP server; links in mails are
# absolute, made from ARCHIVE_SITE_URL (the address readers reach the site at).
ARCHIVE_SITE_URL = os.environ.get("ARCHIVE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Django's MAILERS, configured by the usual EMAIL_* variables.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_flag("EMAIL_USE_TLS"),
            "use_ssl": env_flag("EMAIL_USE_SSL"),
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", "30")),
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Policy Archive <alerts@localhost>")
# Confirmation mails: at most this many per address and per client address within
# ARCHIVE_ALERT_THROTTLE_HOURS, counted in the database (every app server sees the same rows).
ARCHIVE_ALERT_MAILS_PER_ADDRESS = int(os.environ.get("ARCHIVE_ALERT_MAILS_PER_ADDRESS", "3"))
ARCHIVE_ALERT_MAILS_PER_CLIENT = int(os.environ.get("ARCHIVE_ALERT_MAILS_PER_CLIENT", "20"))
ARCHIVE_ALERT_THROTTLE_HOURS = int(os.environ.get("ARCHIVE_ALERT_THROTTLE_HOURS", "24"))
# How long a confirmation link works; the statements one digest carries per subscription
# at most (the rest come the next day).
ARCHIVE_ALERT_CONFIRM_DAYS = int(os.environ.get("ARCHIVE_ALERT_CONFIRM_DAYS", "7"))
ARCHIVE_ALERT_MAX_STATEMENTS = int(os.environ.get("ARCHIVE_ALERT_MAX_STATEMENTS", "50"))
