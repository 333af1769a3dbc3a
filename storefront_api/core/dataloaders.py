"""Request-scoped DataLoaders for synchronous execution.

Every relation resolver goes through a loader named `<Result>By<Key>Loader` (STYLE.md 6): loads
made while a level of the query resolves are collected and fetched in one query when the executor
drains its deferred callbacks (see `execution.HaatExecutionContext`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from graphql_sync_dataloaders import SyncFuture

from backend.core.db import precompiled_rows

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def _schedule(context: Any, callback: Callable[[], None]) -> None:
    pending = getattr(context, "deferred_callbacks", None)
    if pending is None:
        # Outside an execution (a mutation body, a test): nothing batches, run at once.
        callback()
    else:
        pending.append(callback)


class DataLoader(Generic[K, V]):
    """One instance per request and class; results are cached per key for the request."""

    context_key: str = ""

    def __new__(cls, context: Any):
        loaders = getattr(context, "dataloaders", None)
        if loaders is None:
            loaders = {}
            context.dataloaders = loaders
        key = cls.context_key or cls.__name__
        loader = loaders.get(key)
        if loader is None:
            loader = super().__new__(cls)
            loader.context = context
            loader._cache = {}
            loader._queue = []
            loaders[key] = loader
        return loader

    def __init__(self, context: Any) -> None:  # state is set once in __new__
        pass

    def batch_load(self, keys: list[K]) -> list[V]:
        raise NotImplementedError

    def load(self, key: K) -> SyncFuture:
        future = self._cache.get(key)
        if future is not None:
            return future
        future = SyncFuture()
        self._cache[key] = future
        if not self._queue:
            self._queue.append((key, future))
            _schedule(self.context, self.dispatch)
        else:
            self._queue.append((key, future))
        return future

    def load_many(self, keys: Iterable[K]) -> SyncFuture:
        return gather([self.load(key) for key in keys])

    def prime(self, key: K, value: V) -> None:
        if key not in self._cache:
            future = SyncFuture()
            future.set_result(value)
            self._cache[key] = future

    def dispatch(self) -> None:
        queue, self._queue = self._queue, []
        if not queue:
            return
        keys = [key for key, _ in queue]
        try:
            values = self.batch_load(keys)
            if len(values) != len(keys):
                raise ValueError(f"{type(self).__name__} returned {len(values)} for {len(keys)}")
        except Exception as error:
            for key, future in queue:
                self._cache.pop(key, None)
                if not future.done():
                    future.set_exception(error)
            return
        for (_, future), value in zip(queue, values, strict=True):
            if not future.done():
                future.set_result(value)


def resolved(value: Any) -> SyncFuture:
    future = SyncFuture()
    future.set_result(value)
    return future


def then(future: SyncFuture, callback: Callable[[Any], Any]) -> SyncFuture:
    """A future of `callback(result)`; if the callback returns a future, its result."""
    chained = SyncFuture()

    def settle(value: Any) -> None:
        if isinstance(value, SyncFuture):
            if value.done():
                _copy(value, chained)
            else:
                value.add_done_callback(lambda: _copy(value, chained))
        else:
            chained.set_result(value)

    def on_done() -> None:
        try:
            settle(callback(future.result()))
        except Exception as error:
            chained.set_exception(error)

    if future.done():
        on_done()
    else:
        future.add_done_callback(on_done)
    return chained


def _copy(source: SyncFuture, target: SyncFuture) -> None:
    try:
        target.set_result(source.result())
    except Exception as error:
        target.set_exception(error)


def gather(futures: list[SyncFuture]) -> SyncFuture:
    """One future of a list of results, in order."""
    result = SyncFuture()
    if not futures:
        result.set_result([])
        return result
    remaining = [len(futures)]

    def on_one_done() -> None:
        remaining[0] -= 1
        if remaining[0] == 0:
            try:
                result.set_result([future.result() for future in futures])
            except Exception as error:
                result.set_exception(error)

    for future in futures:
        if future.done():
            on_one_done()
        else:
            future.add_done_callback(on_one_done)
    return result


def by_key(rows: Iterable[Any], key: Callable[[Any], Hashable]) -> dict:
    return {key(row): row for row in rows}


def group_by(rows: Iterable[Any], key: Callable[[Any], Hashable]) -> dict[Hashable, list]:
    grouped: dict[Hashable, list] = {}
    for row in rows:
        grouped.setdefault(key(row), []).append(row)
    return grouped


class ModelByIdLoader(DataLoader[int, Any]):
    """Rows of `queryset()` in key order, None for a missing id (one precompiled query)."""

    model: type[Model]

    def queryset(self) -> QuerySet:
        return self.model.objects.all()

    def batch_load(self, keys: list[int]) -> list:
        rows = by_key(
            precompiled_rows(
                (type(self).__name__,), lambda ids: self.queryset().filter(pk__any_of=ids), keys
            ),
            lambda row: row.pk,
        )
        return [rows.get(key) for key in keys]


class TranslationByIdAndLanguageLoader(DataLoader[tuple[int, str], Any]):
    """Keys are (object id, two-letter language); the stored translation or None."""

    model: type[Model]
    owner_field: str

    def batch_load(self, keys: list[tuple[int, str]]) -> list:
        languages = tuple(sorted({language for _, language in keys}))
        rows = precompiled_rows(
            (type(self).__name__, languages),
            lambda ids: self.model.objects.filter(
                **{f"{self.owner_field}_id__any_of": ids, "language_code__in": languages}
            ),
            {object_id for object_id, _ in keys},
        )
        translations = by_key(
            rows, lambda row: (getattr(row, f"{self.owner_field}_id"), row.language_code)
        )
        return [translations.get(key) for key in keys]
