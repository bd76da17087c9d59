"""Newsroom settings: one file, every deploy-time value from the environment.

Development defaults are safe; production (DJANGO_DEBUG off) refuses to start
without a secret key.
"""

import datetime
import hashlib
import json
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    """Read a yes/no environment variable; anything unrecognised is a mistake."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}")


def envscale(name, default):
    """Read a rating scale: JSON, a list of [value, label] pairs, best first (at least two, values
    unique, each a short slug); anything else is a mistake."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        scale = [tuple(pair) for pair in json.loads(value)]
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(f"{name} must be a JSON list of [value, label] pairs; got {value!r}") from error
    values = [pair[0] for pair in scale if len(pair) == 2]
    valid = len(values) == len(scale) >= 2 and len(set(values)) == len(values)
    valid = valid and all(isinstance(v, str) and isinstance(label, str) and label.strip() for v, label in scale)
    if not valid or not all(re.fullmatch(r"[a-z0-9][a-z0-9-]{0,49}", v) for v in values):
        raise ImproperlyConfigured(
            f"{name} must list at least two [value, label] pairs, best first, with distinct values of lowercase "
            f"letters, digits and hyphens (at most 50) and non-empty labels; got {value!r}"
        )
    return scale


def envlist(name, default):
    """Read a comma-separated environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# A development machine's secret key, made once by `make setup` into a git-ignored .env: local
# `manage.py` commands then need no variables. Set variables win; a server without the file (or
# with NEWSROOM_ENV_FILE pointing elsewhere) still refuses to start without DJANGO_SECRET_KEY.
load_dotenv(os.environ.get("NEWSROOM_ENV_FILE") or BASE_DIR / ".env")

DEBUG = envbool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off. "
            "Set it to a long random string, or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 - only ever used with DEBUG on

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # intcomma: 1,000,000 quotes
    "django.contrib.postgres",
    "django_filters",
    # The article body's editor in the admin (articles/editor.py): its static files.
    "django_prose_editor",
    "rest_framework",
    "reversion",
    "reversion_compare",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "newsroom.apps.NewsroomConfig",
    "media",
    "people",
    "articles",
]

MIDDLEWARE = [
    "newsroom.middleware.content_security_policy",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags, and 304s to If-None-Match / If-Modified-Since, for cached and uncached pages alike.
    # After whitenoise, which answers for static files itself.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before the query parameters a page doesn't read are dropped (newsroom/canonical.py): any NUL is refused.
    "newsroom.middleware.reject_nul_characters",
    # Query parameters a page doesn't read are dropped before the page cache keys the request.
    "newsroom.canonical.canonical_query",
    # A scheduled article whose moment has passed is announced (and counted in the readers'
    # tallies) before a page is served or rendered (articles/tallies.py): a cache read a second.
    "articles.middleware.go_live",
    # Before sessions: a hit skips sessions, CSRF and auth; the outer ones add their headers.
    "newsroom.pagecache.page_cache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second step (newsroom/twofactor.py).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the login view's answer.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses logins for a username or address that failed too often, then defers.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# DATABASE_URL picks PostgreSQL in production; without it, an SQLite file here.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Indexes that carry extra columns (`include=`) for PostgreSQL's index-only reads are plain
# indexes on SQLite, which is all the development database needs: no warning on each command.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
# A ceiling on any one query of a web request, in milliseconds (PostgreSQL only): a runaway
# query answers 503 and frees its connection rather than outliving gunicorn's worker timeout.
# gunicorn.conf.py sets 10000 for the app servers; management commands (migrations that build
# indexes over a million rows) have none unless it is set.
# No JIT compilation (PostgreSQL only): the app's queries are index reads of a few thousand rows,
# which PostgreSQL's cost estimate can still rate worth compiling; compiling then took longer than
# running them (/sources/ by an outlet and a topic at a million quotes: 74 ms of JIT for a 50 ms
# query). DATABASE_JIT=on gives it back.
# No parallel workers for one query either (DATABASE_PARALLEL_WORKERS, PostgreSQL's
# max_parallel_workers_per_gather): the app servers' workers already use every core, and starting
# workers cost more than the reads they share (a search for a rare word in a million quotes: 0.2 ms
# of reading, 14 ms in Gather Merge).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    server_options = [
        f"-c jit={'on' if os.environ.get('DATABASE_JIT') == 'on' else 'off'}",
        f"-c max_parallel_workers_per_gather={int(os.environ.get('DATABASE_PARALLEL_WORKERS', '0'))}",
    ]
    if statement_timeout := os.environ.get("DATABASE_STATEMENT_TIMEOUT"):
        server_options.append(f"-c statement_timeout={int(statement_timeout)}")
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = " ".join(server_options)
# Each app server process borrows its connection from a small pool of its own (Django's, over
# psycopg_pool; PostgreSQL only). A worker keeps its connection while it is busy and closes it
# within twice DATABASE_POOL_MAX_IDLE seconds of going idle: connections follow busy workers, so
# after a burst past the server's connection limit the site serves again within a second or two.
# A request that gets no connection within DATABASE_POOL_TIMEOUT seconds answers 503.
# gunicorn.conf.py sets a size of 1 (its workers serve one request at a time); 0 means no pool,
# and a connection kept for DATABASE_CONN_MAX_AGE seconds instead (management commands, tests).
if (pool_size := int(os.environ.get("DATABASE_POOL_MAX_SIZE", "0"))) and DATABASES["default"]["ENGINE"].endswith(
    "postgresql"
):
    pool_timeout = float(os.environ.get("DATABASE_POOL_TIMEOUT", "2"))
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # required with a pool: each request gives its connection back
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 0,
        "max_size": pool_size,
        "max_idle": float(os.environ.get("DATABASE_POOL_MAX_IDLE", "0.25")),
        "timeout": pool_timeout,
        # A refused connection is retried (after a second) for this long, then afresh by the next
        # request, rather than backing off for minutes while the limit is long free again.
        "reconnect_timeout": pool_timeout,
    }

# Shared by every app server when REDIS_URL is set (django-redis: one client per server, kept);
# otherwise each process keeps its own. Errors are raised, not ignored: newsroom.pagecache logs
# them and serves uncached for a while.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "newsroom",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
else:
    # Room for the rendered list items (newsroom/fragments.py) of the pages in use, beside
    # the pages and aggregates; the least recently used third goes when it fills.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
    }

# Anonymous readers' pages are kept at most this long in the cache above (newsroom/pagecache.py);
# 0 turns the page cache off. A change, or an article going live, invalidates what depends on it
# (newsroom/dependencies.py), so the bound only spares what nobody asks for: a
# shorter one re-renders unchanged pages (at 300 s, a warm site recomputed most of its pages
# every five minutes). Redis's allkeys-lru makes room when memory is short (README).
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "86400"))
# Pages with a query string, and remembered values named by what a reader typed (a search, a
# filter value, a page number), are new cache entries a client can ask for without end: at most
# this many of them are stored a minute, across every server; past it they are served uncached.
NEWSROOM_CACHE_VARIANTS = int(os.environ.get("NEWSROOM_CACHE_VARIANTS", "3000"))
# The HTTP cache tier in front of the app servers (deploy/varnish/newsroom.vcl): each address
# here (http://varnish-host:6081/, comma-separated) is sent a PURGE naming the tags after every
# change (newsroom/purge.py). Empty: no tier to purge.
NEWSROOM_PURGE_URLS = envlist("NEWSROOM_PURGE_URLS", [])


def code_release(base):
    """The commit checked out at `base`, read from .git without running git; failing that, a
    hash of the code and templates. A few milliseconds, once per process."""
    git = base / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]  # a detached checkout: the commit itself
        ref = head.removeprefix("ref: ")
        if (git / ref).is_file():
            return (git / ref).read_text().strip()[:12]
        for line in (git / "packed-refs").read_text().splitlines():
            if line.endswith(f" {ref}"):
                return line.split()[0][:12]
    except OSError:
        pass
    digest = hashlib.sha256()
    for folder in ("newsroom", "articles", "people", "templates", "static"):
        for path in sorted((base / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    return f"code-{digest.hexdigest()[:12]}"


# Which code rendered a cached page or remembered value: part of every such key, so that a
# deploy never serves what the previous release rendered, nor unpickles its rows with new code.
NEWSROOM_RELEASE = os.environ.get("NEWSROOM_RELEASE", "").strip() or code_release(BASE_DIR)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# The newsroom's clock: dates readers see, and the day boundaries of ?from=/?to=.
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded pictures (the media library, media/) and their renditions: files on this machine by
# default, under NEWSROOM_MEDIA_ROOT, served at MEDIA_URL (by runserver in development, by the
# TLS proxy in production: README, *Pictures*). With NEWSROOM_S3_BUCKET set, an S3-compatible
# object store instead (django-storages), which every app server shares.
MEDIA_ROOT = Path(os.environ.get("NEWSROOM_MEDIA_ROOT") or BASE_DIR / "media-files")
MEDIA_URL = os.environ.get("NEWSROOM_MEDIA_URL", "/media/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed file names: served by whitenoise with far-future caching.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if bucket := os.environ.get("NEWSROOM_S3_BUCKET", "").strip():
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            # Any S3-compatible store: MinIO, Ceph, R2, Spaces… (unset: AWS itself).
            "endpoint_url": os.environ.get("NEWSROOM_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("NEWSROOM_S3_REGION") or None,
            "access_key": os.environ.get("NEWSROOM_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("NEWSROOM_S3_SECRET_ACCESS_KEY") or None,
            # Pictures are public and their names never reused (named by content): plain,
            # unsigned addresses readers' browsers and caches keep for a year.
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
            "custom_domain": os.environ.get("NEWSROOM_S3_CUSTOM_DOMAIN") or None,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }

# Bounded input: a filter value or form post larger than this is refused.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# -- Security ------------------------------------------------------------------------------------
# Behind a TLS-terminating proxy, set DJANGO_SECURE_PROXY_SSL_HEADER=1 so that Django trusts its
# X-Forwarded-Proto header (only when the proxy overwrites that header on every request).
if envbool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("DJANGO_SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# Our pages need no inline script or style, nor anything from another origin but pictures where
# they are served from another host: NEWSROOM_MEDIA_URL's, the object store's own address
# (NEWSROOM_S3_CUSTOM_DOMAIN, NEWSROOM_S3_ENDPOINT_URL, else AWS's).
if bucket and os.environ.get("NEWSROOM_S3_CUSTOM_DOMAIN"):
    MEDIA_ORIGIN = f"https://{os.environ['NEWSROOM_S3_CUSTOM_DOMAIN']}"
elif bucket:
    MEDIA_ORIGIN = os.environ.get("NEWSROOM_S3_ENDPOINT_URL") or "https://*.amazonaws.com"
elif MEDIA_URL.startswith(("http://", "https://")):
    MEDIA_ORIGIN = "/".join(MEDIA_URL.split("/")[:3])
else:
    MEDIA_ORIGIN = ""
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    + (f"; img-src 'self' {MEDIA_ORIGIN}" if MEDIA_ORIGIN else "")
)

# Admin login throttling: after AXES_FAILURE_LIMIT failures for one username from one address,
# or from one address whatever the usernames, further attempts from that address are refused for
# the cool-off period; a success resets the count. Never by username alone: failures from other
# addresses would lock an editor out wherever they are (README: the trade-off). With one failure
# limit the per-address count includes the pair's; the pair is listed to say what is meant.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client address, by the rule the rate limits use too (newsroom.throttling.client_address):
# REMOTE_ADDR, unless DJANGO_PROXY_COUNT trusted proxies each append to X-Forwarded-For.
AXES_CLIENT_IP_CALLABLE = "newsroom.throttling.client_address"

# Two-factor sign-in for staff (django-otp; newsroom/twofactor.py): superusers and members of
# these groups must pass a second step (an authenticator app's code or a recovery code) before
# the admin or a preview; other staff may enrol, and once enrolled must pass it too.
NEWSROOM_TWO_FACTOR_GROUPS = envlist("NEWSROOM_TWO_FACTOR_GROUPS", ["Editors"])
OTP_TOTP_ISSUER = os.environ.get("NEWSROOM_TWO_FACTOR_ISSUER", "Newsroom")

NEWSROOM_PAGE_SIZE = 20
# Fact-checking (articles/jsonld.py): the newsroom's rating scale for statements it reviews, best
# first, published as schema.org ClaimReview (ratingValue counts from 1, the worst, up to the best),
# and the name of the organisation that rates them, its author.
NEWSROOM_RATING_SCALE = envscale(
    "NEWSROOM_RATING_SCALE",
    [
        ("true", "True"),
        ("mostly-true", "Mostly true"),
        ("half-true", "Half true"),
        ("mostly-false", "Mostly false"),
        ("false", "False"),
    ],
)
NEWSROOM_ORGANIZATION_NAME = os.environ.get("NEWSROOM_ORGANIZATION_NAME", "").strip() or "Newsroom"
# make bench only: a directory of prerendered pages served at /_bench/ceiling/<name>
# (newsroom/bench.py), the ceiling the real pages are measured against. Unset, no such URL.
NEWSROOM_BENCH_CEILING_DIR = os.environ.get("NEWSROOM_BENCH_CEILING_DIR", "")
# Counts and aggregates over the archive are remembered in the cache until content
# changes (newsroom/memo.py), for at most this long (as pages, above); 0 computes them on every
# request.
NEWSROOM_MEMO_SECONDS = int(os.environ.get("NEWSROOM_MEMO_SECONDS", "86400"))

# The read-only API: public, JSON only (the browsable renderer needs inline script), paginated,
# filtered by the same FilterSets as the pages.
REST_FRAMEWORK = {
    # Only to tell signed-in staff from readers (never counted by the throttle below).
    "DEFAULT_AUTHENTICATION_CLASSES": ["newsroom.throttling.AdmittedStaffAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "newsroom.pagination.KeysFirstPagination",
    "PAGE_SIZE": NEWSROOM_PAGE_SIZE,
    # Anonymous clients share one budget per address across the API, search and filtered
    # lists (newsroom/throttling.py); signed-in staff are never counted.
    "DEFAULT_THROTTLE_CLASSES": ["newsroom.throttling.ReaderRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"reader": os.environ.get("NEWSROOM_ANON_RATE", "120/minute")},
    # The client address as the login throttle sees it: X-Forwarded-For only behind trusted proxies.
    "NUM_PROXIES": int(os.environ.get("DJANGO_PROXY_COUNT") or 0),
}

# One JSON line per error on stdout (and, under gunicorn, one per request from its access log).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "newsroom.logs.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # A failed login is logged by axes' own lockout records; one line per failure is noise.
        "axes": {"level": "WARNING"},
        # The connection pool logs every borrowed connection at INFO; what matters is a refused one.
        "psycopg.pool": {"level": "WARNING"},
        # A Host header naming another site (a scanner's) is answered 400, and Django logs it as
        # an ERROR: the mistake is the client's, not the server's, and the access log has the 400.
        "django.security.DisallowedHost": {"level": "CRITICAL"},
    },
}
