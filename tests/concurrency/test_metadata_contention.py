"""Two writers of one checkout's metadata, on two real connections: the second waits for the
first's lock and merges into what it committed, so neither key is lost."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from backend.checkout.models import Checkout
from backend.core.metadata import update_metadata
from tests.factories import CheckoutFactory

WAIT_SECONDS = 30

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _wait_until_a_backend_waits_for_a_lock(pids: set[int]) -> None:
    """Poll pg_stat_activity until one of `pids` is blocked on a lock (the event awaited)."""
    deadline = time.monotonic() + WAIT_SECONDS
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE pid = ANY(%s) AND wait_event_type = 'Lock'",
                [list(pids)],
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.01)
    raise AssertionError("the second writer never waited for the first one's lock")


def test_concurrent_writers_of_different_keys_keep_both():
    # given a checkout, and a first writer that holds its transaction open after writing
    checkout = CheckoutFactory(metadata={"kept": "yes"})
    first_wrote = threading.Event()
    release_first = threading.Event()
    second_pid: set[int] = set()
    second_pid_known = threading.Event()
    failures: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                update_metadata(Checkout.objects.get(pk=checkout.pk), {"app": "1"}, private=False)
                first_wrote.set()
                assert release_first.wait(WAIT_SECONDS)
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    def second() -> None:
        try:
            # read before the first writer commits: a read-modify-write would lose "app"
            stale = Checkout.objects.get(pk=checkout.pk)
            assert first_wrote.wait(WAIT_SECONDS)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                second_pid.add(cursor.fetchone()[0])
            second_pid_known.set()
            update_metadata(stale, {"storefront": "2"}, private=False)
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    # when both write at once, the second blocked on the first's lock until it commits
    for thread in threads:
        thread.start()
    assert first_wrote.wait(WAIT_SECONDS)
    assert second_pid_known.wait(WAIT_SECONDS)
    _wait_until_a_backend_waits_for_a_lock(second_pid)
    release_first.set()
    for thread in threads:
        thread.join(WAIT_SECONDS)
    # then both keys are stored
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []
    checkout.refresh_from_db()
    assert checkout.metadata == {"kept": "yes", "app": "1", "storefront": "2"}
