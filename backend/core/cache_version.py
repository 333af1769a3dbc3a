"""Versions in the shared Django cache: integers that change on writes, so anything cached with
an older version is stale. The catalogue version changes on catalogue writes;
`config_cache` keeps one per cached piece of configuration.

Anything cached from catalogue data (the storefront's whole-response cache) stores the version it
was computed at and is stale as soon as the version differs. Bumping happens after commit, so a
rolled-back write never invalidates and readers never re-cache data that is not yet visible.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import connection, transaction

CATALOG_VERSION_KEY = "haat:catalog-version"


def _fresh_version() -> int:
    # Nanoseconds since the epoch: after the key is evicted (LocMem culls, Redis may evict) the new
    # version still differs from every version an old cached entry could carry.
    return time.time_ns()


def current_version(key: str) -> int:
    """The version under `key` now, creating it if the cache has none (one cache round trip
    when it exists)."""
    version = cache.get(key)
    if version is None:
        cache.add(key, _fresh_version(), timeout=None)
        version = cache.get(key)
    return int(version)


def ensure_version(key: str, version: int | None) -> int:
    """`version` as read in a batched `get_many`, or a freshly created one when it was missing."""
    return current_version(key) if version is None else int(version)


def increment_version(key: str) -> None:
    """Change the version under `key`: everything stored at an older version is stale."""
    try:
        cache.incr(key)
    except ValueError:
        # No version yet (or evicted): starting a new one invalidates just as well. If another
        # process added it first, increment theirs.
        if not cache.add(key, _fresh_version(), timeout=None):
            cache.incr(key)


def current_catalog_version() -> int:
    """The catalogue version now (created if the cache has none)."""
    return current_version(CATALOG_VERSION_KEY)


def ensure_catalog_version(version: int | None) -> int:
    """The catalogue version as read in a batched `get_many`, created when it was missing."""
    return ensure_version(CATALOG_VERSION_KEY, version)


def _increment_catalog_version() -> None:
    increment_version(CATALOG_VERSION_KEY)


def _is_already_scheduled() -> bool:
    # Many writes in one transaction (a product with variants, listings, stock; an admin save with
    # inlines) need one bump. A bump registered within the current atomic block (at this level or
    # in a nested block since released) commits or rolls back with this write, so it suffices.
    # One registered further out is left alone: that is what tests capture around a block.
    current = set(connection.savepoint_ids)
    return any(
        callback is _increment_catalog_version and registered_at >= current
        for registered_at, callback, *_ in connection.run_on_commit
    )


def bump_catalog_version() -> None:
    """Invalidate everything cached from the catalogue, once the current transaction commits
    (at once outside a transaction). Side effect: one cache write after commit."""
    if connection.in_atomic_block and _is_already_scheduled():
        return
    # robust: a cache outage after commit must not turn a saved write into an error.
    transaction.on_commit(_increment_catalog_version, robust=True)
