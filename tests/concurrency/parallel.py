"""Racing on PostgreSQL: one thread per party, each on a database connection of its own, all
released at once by a barrier.

Django keeps one connection per thread and takes it from the process's psycopg pool (8
connections by default, DATABASE_POOL_MAX_SIZE); `pool_of` widens the pool for a race so that
every thread really holds its own connection at the same moment instead of queueing for one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar, cast

from django.db import connection

WAIT_SECONDS = 60

Result = TypeVar("Result")


@contextmanager
def pool_of(size: int) -> Iterator[None]:
    """Room for `size` connections at once in this process's pool; the pool is rebuilt at its
    configured size afterwards. Nothing to widen without a pool (SQLite, the pool off)."""
    options = connection.settings_dict.get("OPTIONS", {}).get("pool")
    if not isinstance(options, dict):
        yield
        return
    saved = options["max_size"]
    connection.close()
    connection.close_pool()
    options["max_size"] = size
    try:
        yield
    finally:
        connection.close()
        connection.close_pool()
        options["max_size"] = saved


def run_together(work: Sequence[Callable[[], Result]]) -> list[Result]:
    """Run every callable in a thread of its own, each with its connection open before the
    barrier releases them together; their results in the same order. Any exception (a deadlock
    is an OperationalError) fails the test, as does a thread still running after WAIT_SECONDS."""
    count = len(work)
    barrier = threading.Barrier(count, timeout=WAIT_SECONDS)
    results: list[Result | None] = [None] * count
    failures: list[BaseException] = []

    def run(index: int) -> None:
        try:
            connection.ensure_connection()
            barrier.wait()
            results[index] = work[index]()
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    # The main thread keeps its own connection; two to spare.
    with pool_of(count + 2):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(WAIT_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a party is stuck"
    assert not failures, f"{len(failures)} of {count} failed; the first: {failures[0]!r}"
    return cast(list[Result], results)
