"""Django settings, read from the environment.

With no variables set, Haat runs on SQLite with local media: that is the demo. Every variable read
here is listed in the README's configuration table.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


DEBUG = env_bool("DEBUG", True)
_DEV_SECRET = "haat-insecure-development-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET)
if not DEBUG and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:8000")

# A Saleor storefront served from another origin calls the API from the browser: CORS for the
# GraphQL endpoint only, from the listed origins, with the bearer token (no cookies).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/graphql/$"
CORS_ALLOW_HEADERS = ("accept", "authorization", "content-type")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "graphene_django",
    "storages",
    "corsheaders",
    "backend.core",
    "backend.channels",
    "backend.accounts",
    "backend.apps",
    "backend.places",
    "backend.marketplace",
    "backend.catalog",
    "backend.content",
    "backend.inventory",
    "backend.shipping",
    "backend.discounts",
    "backend.checkout",
    "backend.orders",
    "payments.transactions",
    "backend.demo",
    "plugins.framework",
    "plugins.webhook",
    "plugins.notifications",
    "storefront_api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # As django-cors-headers' documentation asks: before any middleware that can answer
    # (CommonMiddleware), so a browser's preflight gets its CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "backend.urls"
WSGI_APPLICATION = "backend.wsgi.application"
ASGI_APPLICATION = "backend.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
    )
}
# PostgreSQL connections come from a bounded pool per process (psycopg_pool, Django's native
# support): under ASGI every request runs in a thread of its own, so a persistent connection
# (CONN_MAX_AGE) would stay behind with each finished thread until PostgreSQL runs out. A process
# holds at most DATABASE_POOL_MAX_SIZE connections; with the pool off (0), DATABASE_CONN_MAX_AGE
# applies instead (right for WSGI and management commands, not for ASGI).
DATABASE_POOL_MAX_SIZE = env_int("DATABASE_POOL_MAX_SIZE", 8)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASE_POOL_MAX_SIZE > 0:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # CONN_HEALTH_CHECKS (on) makes the pool check each connection on checkout.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(env_int("DATABASE_POOL_MIN_SIZE", 1), DATABASE_POOL_MAX_SIZE),
        "max_size": DATABASE_POOL_MAX_SIZE,
        # Waiting longer than this for a free connection fails the request instead of queueing
        # without end.
        "timeout": env_int("DATABASE_POOL_TIMEOUT_SECONDS", 10),
    }
# Server-side binding (psycopg 3): parameters travel apart from the SQL text, and a statement a
# connection has run five times is prepared, so PostgreSQL stops planning it anew on every
# request (Django turns psycopg's preparing off unless `prepare_threshold` is given). On by
# default: the checkout's statements spend about a third less time in the database with it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_SERVER_SIDE_BINDING", True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["backend.accounts.backends.PhoneOrEmailBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("phone", "email", "first_name", "last_name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if env_bool("FAST_PASSWORD_HASHER", False):
    # Tests and benchmarks only: a cheap hash keeps thousands of users fast to create.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "bn"
LANGUAGES = [("bn", "বাংলা"), ("en", "English")]
TIME_ZONE = "Asia/Dhaka"
USE_I18N = True
USE_TZ = True

DEFAULT_CURRENCY = "BDT"
DEFAULT_COUNTRY = "BD"
DEFAULT_CHANNEL_SLUG = os.environ.get("DEFAULT_CHANNEL_SLUG", "bd")

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Media goes to S3 (or any S3-compatible store) when a bucket is named, to local files otherwise.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID", "")
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "")
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME", "ap-south-1")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
AWS_S3_FILE_OVERWRITE = False
AWS_DEFAULT_ACL = None
if AWS_STORAGE_BUCKET_NAME:
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: images are verified with Pillow and limited in size and pixels.
MAX_IMAGE_UPLOAD_SIZE = env_int("MAX_IMAGE_UPLOAD_SIZE", 10 * 1024 * 1024)
MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_IMAGE_UPLOAD_SIZE + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_IMAGE_UPLOAD_SIZE + 1024 * 1024

# GraphQL limits (DESIGN.md: at most 100 per page; depth and cost limited).
GRAPHQL_PAGINATION_LIMIT = 100
GRAPHQL_MAX_DEPTH = env_int("GRAPHQL_MAX_DEPTH", 12)
GRAPHQL_MAX_COST = env_int("GRAPHQL_MAX_COST", 50_000)
GRAPHQL_QUERY_MAX_LENGTH = env_int("GRAPHQL_QUERY_MAX_LENGTH", 100_000)
# The items a plain list of objects (not paginated: a product's collections) counts for in the cost.
GRAPHQL_LIST_COST_SIZE = env_int("GRAPHQL_LIST_COST_SIZE", 5)
GRAPHQL_MAX_BATCH_SIZE = env_int("GRAPHQL_MAX_BATCH_SIZE", 20)
# PostgreSQL cancels any of a GraphQL request's SQL statements running longer (0: no limit).
GRAPHQL_STATEMENT_TIMEOUT_MS = env_int("GRAPHQL_STATEMENT_TIMEOUT_MS", 5000)
MAX_CHECKOUT_LINE_QUANTITY = env_int("MAX_CHECKOUT_LINE_QUANTITY", 50)
# Checkout (README "Checkout"): VAT on shipping (prices are VAT-inclusive; delivery is a service
# at the standard rate), and how long unfinished checkouts are kept (Saleor's defaults).
SHIPPING_VAT_RATE = os.environ.get("SHIPPING_VAT_RATE", "0.15")
CHECKOUT_TTL_ANONYMOUS_DAYS = env_int("CHECKOUT_TTL_ANONYMOUS_DAYS", 30)
CHECKOUT_TTL_USER_DAYS = env_int("CHECKOUT_TTL_USER_DAYS", 90)
CHECKOUT_TTL_EMPTY_HOURS = env_int("CHECKOUT_TTL_EMPTY_HOURS", 6)
GRAPHENE = {"SCHEMA": "storefront_api.schema.schema"}

# Anonymous storefront reads may be served from a response cache, invalidated on catalogue change.
STOREFRONT_CACHE_SECONDS = env_int("STOREFRONT_CACHE_SECONDS", 0)
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith("redis"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# JSON Web Tokens (Saleor's tokenCreate / tokenRefresh / tokenVerify).
JWT_SECRET = os.environ.get("JWT_SECRET", SECRET_KEY)
JWT_ACCESS_TTL_SECONDS = env_int("JWT_ACCESS_TTL_SECONDS", 5 * 60)
JWT_REFRESH_TTL_SECONDS = env_int("JWT_REFRESH_TTL_SECONDS", 30 * 24 * 3600)
# Storefront hosts account messages may link to (Saleor's ALLOWED_CLIENT_HOSTS): accountRegister's
# `redirectUrl` must lead to one, so nobody can make the shop send its customers a foreign link.
ALLOWED_CLIENT_HOSTS = env_list("ALLOWED_CLIENT_HOSTS", "localhost,127.0.0.1,[::1]")

# Throttling (backend/accounts/throttling.py), counted in the cache above: share it (CACHE_URL)
# when more than one process serves, or each counts on its own.
# Proxies of ours in front of Haat that append to X-Forwarded-For; 0: trust no such header.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
SIGN_IN_MAX_FAILURES = env_int("SIGN_IN_MAX_FAILURES", 5)
SIGN_IN_MAX_FAILURES_PER_ADDRESS = env_int("SIGN_IN_MAX_FAILURES_PER_ADDRESS", 50)
SIGN_IN_FAILURE_WINDOW_SECONDS = env_int("SIGN_IN_FAILURE_WINDOW_SECONDS", 15 * 60)
SIGN_IN_LOCKOUT_SECONDS = env_int("SIGN_IN_LOCKOUT_SECONDS", 60)
SIGN_IN_MAX_LOCKOUT_SECONDS = env_int("SIGN_IN_MAX_LOCKOUT_SECONDS", 3600)
ACCOUNT_REGISTER_MAX_PER_ADDRESS = env_int("ACCOUNT_REGISTER_MAX_PER_ADDRESS", 30)
ACCOUNT_REGISTER_WINDOW_SECONDS = env_int("ACCOUNT_REGISTER_WINDOW_SECONDS", 3600)
PASSWORD_RESET_MAX_PER_ACCOUNT = env_int("PASSWORD_RESET_MAX_PER_ACCOUNT", 3)
PASSWORD_RESET_MAX_PER_ADDRESS = env_int("PASSWORD_RESET_MAX_PER_ADDRESS", 20)
PASSWORD_RESET_WINDOW_SECONDS = env_int("PASSWORD_RESET_WINDOW_SECONDS", 3600)

# Celery: eager (tasks run in-process) when no broker is configured.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Tasks are idempotent: acknowledge after running, so a worker that dies mid-task loses nothing.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Plugins (DESIGN.md): dotted paths in order, then packages' `haat.plugins` entry points.
PLUGINS = env_list(
    "PLUGINS",
    "plugins.webhook.plugin.WebhookPlugin,plugins.notifications.plugin.NotificationsPlugin,"
    "payments.gateways.dummy.plugin.DummyGatewayPlugin,"
    "payments.gateways.ekpay.plugin.EkpayGatewayPlugin,"
    "payments.gateways.nagad.plugin.NagadGatewayPlugin,"
    "payments.gateways.sslcommerz.plugin.SslcommerzGatewayPlugin,"
    "payments.gateways.bkash.plugin.BkashGatewayPlugin,"
    "payments.gateways.cash.plugin.CashPlugin,"
    "payments.gateways.agent_banking.plugin.AgentBankingPlugin,"
    "payments.gateways.stripe.plugin.StripeGatewayPlugin",
)
PLUGINS_ENTRY_POINTS = env_bool("PLUGINS_ENTRY_POINTS", True)
# The dummy payment gateway (Saleor's dummy payment app) may be turned on: demo and tests only.
PAYMENTS_ALLOW_DUMMY_GATEWAY = env_bool("PAYMENTS_ALLOW_DUMMY_GATEWAY", False)
# Fernet keys for plugin and webhook secrets at rest; the first encrypts, all decrypt (rotation).
# Unset, a key is derived from SECRET_KEY (so changing SECRET_KEY would lose stored secrets).
PLUGINS_ENCRYPTION_KEYS = env_list("PLUGINS_ENCRYPTION_KEYS")

# Outgoing webhooks: private, loopback and link-local targets are refused outside these networks.
WEBHOOK_ALLOWED_NETWORKS = env_list(
    "WEBHOOK_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128" if DEBUG else ""
)
WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS") or 10)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 5)
# Attempt n waits base * 2**(n-1) seconds (10, 20, 40, 80 by default).
WEBHOOK_RETRY_BACKOFF_SECONDS = float(os.environ.get("WEBHOOK_RETRY_BACKOFF_SECONDS") or 10)

# E-mail for notifications: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Haat <no-reply@haat.test>")

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
