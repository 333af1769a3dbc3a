"""Configuration that every request reads and almost nothing writes (the plugins' stored
configuration, the webhook subscribers, the shop's settings), kept in the shared Django cache.

A `ConfigCache` is one named entry: `get()` returns the cached value, or loads it from the database
and caches it; any write to the tables it `depends_on` makes it stale. Saves, deletes and m2m
changes of those models invalidate through signals (cache bookkeeping, not domain logic, so the
house rule against signals does not apply: they catch the admin and shell paths too). Writes that
send no signal (`QuerySet.update`, `bulk_create`) call `invalidate_cached_config(Model)` themselves.

Staying exact across processes:
- The value is stored with the entry's version, read before loading; an invalidation changes the
  version. A process that loaded the old rows while a write committed stores them under the old
  version, where nobody reads them.
- An invalidation changes the version at once and again after commit. The second change voids
  what another process loaded (and could only load from before the commit) in between; the first
  voids everything cached before the write even if the second is lost to a cache outage.
- A transaction that wrote the tables keeps its own view (its uncommitted rows) beside its commit
  callback and never stores it in the shared cache: no other process sees rows before they
  commit, nor rows a rollback undoes. Its next read reloads, so a write is seen at once.
- Entries expire after CONFIG_CACHE_SECONDS: the safety net for writes nothing announces (raw SQL,
  a restored dump) and for a version change lost to a cache outage just after commit.

A cache that is down fails reads as every other cache user in Haat does (the address matcher,
the throttles): share one Redis (CACHE_URL) between the processes, or each keeps its own copy and
sees only its own writes' invalidations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar, cast

from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import signals

from .cache_version import ensure_version, increment_version

# How long an entry may live without a version change: bounds the staleness of writes that no
# code path announces. Short enough to forgive, long enough that a request hardly ever reloads.
CONFIG_CACHE_SECONDS = 300
# Part of every key: a release that changes what an entry holds raises it, so processes of the
# old and new release sharing one Redis never read each other's shapes.
KEY_PREFIX = "haat:config:v1:"

ValueT = TypeVar("ValueT")

_NOT_LOADED: Any = object()
_entries: list[ConfigCache[Any]] = []
_entries_by_model: dict[str, list[ConfigCache[Any]]] = {}


class _PendingWrite:
    """Registered with `transaction.on_commit` when a transaction first writes an entry's tables:
    after commit it changes the entry's version; until then it holds the value as this
    transaction sees it."""

    __slots__ = ("entry", "value")

    def __init__(self, entry: ConfigCache[Any]) -> None:
        self.entry = entry
        self.value: Any = _NOT_LOADED

    def __call__(self) -> None:
        increment_version(self.entry.version_key)


class ConfigCache(Generic[ValueT]):
    """One named, versioned entry of the shared cache; see the module docstring.

    `load` reads the value from the database; it must be picklable and is shared by every reader,
    so readers treat it as read-only. `depends_on` names the models ("app_label.ModelName", an
    m2m's auto-created through model included) whose writes make it stale."""

    def __init__(
        self,
        name: str,
        *,
        load: Callable[[], ValueT],
        depends_on: Iterable[str],
        timeout: int = CONFIG_CACHE_SECONDS,
    ) -> None:
        self.name = name
        self.key = f"{KEY_PREFIX}{name}"
        self.version_key = f"{self.key}:version"
        self.depends_on = tuple(depends_on)
        self.timeout = timeout
        self._load = load
        _entries.append(self)
        for label in self.depends_on:
            _entries_by_model.setdefault(label.lower(), []).append(self)
            _connect_signals(label)

    def get(self) -> ValueT:
        """The value: one cache round trip when cached, else one load from the database."""
        version: int | None = None
        pending = self._pending_write()
        if pending is None:
            found = cache.get_many([self.version_key, self.key])
            version = ensure_version(self.version_key, found.get(self.version_key))
            stored = found.get(self.key)
            if stored is not None and stored[0] == version:
                return cast(ValueT, stored[1])
        elif pending.value is not _NOT_LOADED:
            return cast(ValueT, pending.value)
        value = self._load()
        # Loading may itself write (a row created on first use): then the value is this
        # transaction's until it commits.
        pending = self._pending_write()
        if pending is not None:
            pending.value = value
        elif version is not None:
            cache.set(self.key, (version, value), self.timeout)
        return value

    def invalidate(self) -> None:
        """The entry's tables changed: every cached copy is stale for this transaction now and for
        everyone once it commits. Side effects: a cache write now and one after commit (one of
        each per transaction: later writes in it only drop its own view)."""
        if not connection.in_atomic_block:
            increment_version(self.version_key)
            return
        current = set(connection.savepoint_ids)
        latest_registered_at = None
        for registered_at, callback, *_ in reversed(connection.run_on_commit):
            if isinstance(callback, _PendingWrite) and callback.entry is self:
                callback.value = _NOT_LOADED
                if latest_registered_at is None:
                    latest_registered_at = registered_at
        # One registered in this atomic block (or a nested one since released) commits or rolls
        # back with this write, so it serves for it too.
        if latest_registered_at is not None and latest_registered_at >= current:
            return
        increment_version(self.version_key)
        # robust: a cache outage after commit must not turn a saved write into an error (the
        # entry's timeout bounds what is served meanwhile).
        transaction.on_commit(_PendingWrite(self), robust=True)

    def _pending_write(self) -> _PendingWrite | None:
        """This transaction's latest uncommitted write to the entry's tables, if any."""
        if not connection.in_atomic_block:
            return None
        for _registered_at, callback, *_ in reversed(connection.run_on_commit):
            if isinstance(callback, _PendingWrite) and callback.entry is self:
                return callback
        return None


def invalidate_cached_config(*changed: type[models.Model]) -> None:
    """Rows of these models changed without a save or delete signal (`QuerySet.update`,
    `bulk_create`): every entry built from them is stale."""
    for model in changed:
        for entry in _entries_by_model.get(model._meta.label_lower, ()):
            entry.invalidate()


def invalidate_all_cached_config(**_kwargs: Any) -> None:
    """Every entry is stale (after migrations, which write through historical models and so
    send no signal the entries listen to)."""
    for entry in _entries:
        entry.invalidate()


def config_cache_entries() -> tuple[ConfigCache[Any], ...]:
    """Every entry defined so far (for checks and tests)."""
    return tuple(_entries)


def _invalidate_on_save_or_delete(sender: type[models.Model], **_kwargs: Any) -> None:
    invalidate_cached_config(sender)


def _invalidate_on_m2m_change(sender: type[models.Model], action: str, **_kwargs: Any) -> None:
    if action.startswith("post_"):
        invalidate_cached_config(sender)


def _connect_signals(label: str) -> None:
    # A string sender resolves once the model is registered; one receiver per model serves
    # every entry that depends on it.
    uid = f"backend.core.config_cache:{label.lower()}"
    signals.post_save.connect(
        _invalidate_on_save_or_delete, sender=label, dispatch_uid=f"{uid}:save"
    )
    signals.post_delete.connect(
        _invalidate_on_save_or_delete, sender=label, dispatch_uid=f"{uid}:delete"
    )
    signals.m2m_changed.connect(_invalidate_on_m2m_change, sender=label, dispatch_uid=f"{uid}:m2m")
