"""Settings come from the environment: SQLite and local files with none, services when named.

Each case imports backend/settings.py in a fresh interpreter with exactly the environment given,
so neither the test run's own variables (a CI DATABASE_URL) nor import caching leak in.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

_REPORT = """
import json
from backend import settings as s
db = s.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST"),
    "port": db.get("PORT"), "user": db.get("USER"), "conn_max_age": db["CONN_MAX_AGE"],
    "pool": db.get("OPTIONS", {}).get("pool"),
    "server_side_binding": db.get("OPTIONS", {}).get("server_side_binding", False),
    "prepare_threshold": db.get("OPTIONS", {}).get("prepare_threshold"),
    "storage": s.STORAGES["default"]["BACKEND"], "bucket": s.AWS_STORAGE_BUCKET_NAME,
    "endpoint": s.AWS_S3_ENDPOINT_URL, "debug": s.DEBUG, "eager": s.CELERY_TASK_ALWAYS_EAGER,
    "cache": s.CACHES["default"]["BACKEND"], "secure_cookies": s.SESSION_COOKIE_SECURE
        if hasattr(s, "SESSION_COOKIE_SECURE") else False,
    "allowed_hosts": s.ALLOWED_HOSTS, "max_depth": s.GRAPHQL_MAX_DEPTH,
    "cors_allowed_origins": s.CORS_ALLOWED_ORIGINS,
}))
"""


def load_settings(**environment: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        **environment,
    }
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed script)
        [sys.executable, "-c", _REPORT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_with(**environment: str) -> dict:
    process = load_settings(**environment)
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout.strip().splitlines()[-1])


def test_no_environment_is_the_sqlite_demo():
    # when nothing is configured
    report = settings_with()
    # then the demo runs on SQLite with local files, eager tasks and an in-process cache
    assert report["engine"] == "django.db.backends.sqlite3"
    assert report["name"] == str(ROOT / "db.sqlite3")
    assert report["conn_max_age"] == 0
    assert report["storage"] == "django.core.files.storage.FileSystemStorage"
    assert report["debug"] is True
    assert report["eager"] is True
    assert report["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert report["max_depth"] == 12
    assert report["cors_allowed_origins"] == []


def test_database_url_selects_postgresql():
    # when a PostgreSQL URL is given
    report = settings_with(DATABASE_URL="postgres://haat:secret@db.internal:5433/haat_prod")
    # then Django connects there, through a bounded pool (no persistent per-thread connections)
    assert report["engine"] == "django.db.backends.postgresql"
    assert report["name"] == "haat_prod"
    assert report["host"] == "db.internal"
    assert report["port"] == 5433
    assert report["user"] == "haat"
    assert report["conn_max_age"] == 0
    assert report["pool"] == {"min_size": 1, "max_size": 8, "timeout": 10}


def test_the_pool_is_sized_or_turned_off():
    url = "postgres://haat@db.internal/haat"
    # when sized
    sized = settings_with(
        DATABASE_URL=url,
        DATABASE_POOL_MAX_SIZE="20",
        DATABASE_POOL_MIN_SIZE="4",
        DATABASE_POOL_TIMEOUT_SECONDS="3",
    )
    # then the pool has that size
    assert sized["pool"] == {"min_size": 4, "max_size": 20, "timeout": 3}
    assert sized["conn_max_age"] == 0
    # when turned off, persistent connections (for WSGI) take over
    off = settings_with(DATABASE_URL=url, DATABASE_POOL_MAX_SIZE="0")
    assert off["pool"] is None
    assert off["conn_max_age"] == 60


def test_postgresql_binds_on_the_server_and_prepares_unless_turned_off():
    url = "postgres://haat@db.internal/haat"
    # when nothing is said, then psycopg binds on the server and prepares a statement run five
    # times on a connection
    default = settings_with(DATABASE_URL=url)
    assert (default["server_side_binding"], default["prepare_threshold"]) == (True, 5)
    # when turned off, or on SQLite, then it binds on the client and prepares nothing
    for report in (
        settings_with(DATABASE_URL=url, DATABASE_SERVER_SIDE_BINDING="0"),
        settings_with(),
    ):
        assert (report["server_side_binding"], report["prepare_threshold"]) == (False, None)


def test_bucket_name_selects_s3_storage():
    # when a bucket (and an S3-compatible endpoint) is named
    report = settings_with(
        AWS_STORAGE_BUCKET_NAME="haat-media", AWS_S3_ENDPOINT_URL="http://minio:9000"
    )
    # then media goes to S3
    assert report["storage"] == "storages.backends.s3.S3Storage"
    assert report["bucket"] == "haat-media"
    assert report["endpoint"] == "http://minio:9000"


def test_production_without_secret_key_refuses_to_start():
    # when DEBUG is off and no SECRET_KEY is set
    process = load_settings(DEBUG="0")
    # then the settings raise instead of running with the public development key
    assert process.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off." in process.stderr


def test_production_with_secret_key_is_hardened():
    # when DEBUG is off and the secret is set
    report = settings_with(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="haat.example.com")
    # then it starts with secure cookies and only the named host
    assert report["debug"] is False
    assert report["secure_cookies"] is True
    assert report["allowed_hosts"] == ["haat.example.com"]


def test_broker_and_cache_urls_select_celery_and_redis():
    # when a broker and a Redis cache are named
    report = settings_with(
        CELERY_BROKER_URL="redis://redis:6379/0", CACHE_URL="redis://redis:6379/1"
    )
    # then tasks go to workers and the cache to Redis
    assert report["eager"] is False
    assert report["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_invalid_number_fails_loudly():
    # when a numeric setting is not a number
    process = load_settings(GRAPHQL_MAX_DEPTH="deep")
    # then startup fails rather than guessing
    assert process.returncode != 0
    assert "ValueError" in process.stderr


_ENV_READ = re.compile(
    r"""(?:os\.environ\.get|env_bool|env_int|env_list)\(\s*["']([A-Z0-9_]+)["']"""
)


@pytest.mark.parametrize(
    "name", sorted(set(_ENV_READ.findall((ROOT / "backend/settings.py").read_text())))
)
def test_every_environment_variable_is_documented(name):
    # given the README's configuration table
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # then each variable the settings read has a row
    assert f"| `{name}` |" in readme, f"README.md's configuration table lacks `{name}`"


def test_cors_allowed_origins_are_comma_separated():
    # when two storefront origins are configured, with spaces
    report = settings_with(CORS_ALLOWED_ORIGINS="https://shop.example.com, http://localhost:3000")
    # then both are allowed
    assert report["cors_allowed_origins"] == ["https://shop.example.com", "http://localhost:3000"]
