"""Attempt budgets: counted before the attempt, locked when spent, shared through Redis."""

from __future__ import annotations

import multiprocessing
import uuid

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from backend.core import ratelimit

BUDGET = ratelimit.Budget(
    scope="test", max_attempts=3, window_seconds=60, lockout_seconds=10, max_lockout_seconds=25
)
REDIS_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/11",
    }
}


def spend(subject: str) -> str:
    """One attempt that counts: "tried", or "locked" when it was refused."""
    try:
        ratelimit.keep_attempt(ratelimit.take_attempt(BUDGET, subject))
    except ratelimit.LockedOut:
        return "locked"
    return "tried"


def test_the_attempt_that_spends_the_budget_locks_the_subject():
    # when a subject makes five attempts on a budget of three
    outcomes = [spend("karim") for _ in range(5)]
    # then three were tried and the rest refused; another subject is untouched
    assert outcomes == ["tried", "tried", "tried", "locked", "locked"]
    assert spend("rahim") == "tried"


def test_the_refusal_says_until_when():
    # given a spent budget
    for _ in range(3):
        spend("karim")
    # when the next attempt is refused
    with pytest.raises(ratelimit.LockedOut) as caught:
        ratelimit.take_attempt(BUDGET, "karim")
    # then it names the end of a ten-second lockout
    assert caught.value.retry_after_seconds == 10


@pytest.mark.parametrize(("repeat", "seconds"), [(1, 10), (2, 20), (3, 25), (9, 25)])
def test_lockouts_double_up_to_the_longest(repeat, seconds):
    assert BUDGET.lockout_for(repeat) == seconds


def test_an_attempt_given_back_does_not_count():
    # given three attempts of which two are given back
    for _ in range(2):
        ratelimit.give_back_attempt(ratelimit.take_attempt(BUDGET, "karim"))
    spend("karim")
    # when two more count
    outcomes = [spend("karim") for _ in range(3)]
    # then only the fourth counted one is refused
    assert outcomes == ["tried", "tried", "locked"]


def test_cleared_attempts_start_again():
    # given two counted attempts, then a clear
    spend("karim")
    spend("karim")
    ratelimit.clear_attempts(BUDGET, "karim")
    # when three more are made
    outcomes = [spend("karim") for _ in range(3)]
    # then none is refused
    assert outcomes == ["tried", "tried", "tried"]


def _spend_many(subject: str, count: int, results) -> None:
    # A forked child inherits the parent's Redis connection; two processes talking over one
    # socket read each other's replies. Each child opens its own.
    del caches["default"]
    for _ in range(count):
        results.put(spend(subject))


@override_settings(CACHES=REDIS_CACHE)
def test_processes_share_one_budget_through_redis():
    # given a Redis cache (database 11, emptied) and a fresh subject
    cache.clear()
    subject = f"karim-{uuid.uuid4()}"
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    # when two processes make ten attempts each at the same time
    workers = [context.Process(target=_spend_many, args=(subject, 10, results)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    outcomes = sorted(results.get(timeout=5) for _ in range(20))
    # then exactly the budget's three were tried between them, and this process is locked too
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert outcomes == ["locked"] * 17 + ["tried"] * 3
    assert spend(subject) == "locked"
    cache.clear()


@pytest.mark.parametrize(
    ("meta", "proxies", "expected"),
    [
        ({"REMOTE_ADDR": "203.0.113.7"}, 0, "203.0.113.7"),
        # An untrusted header is ignored: the client wrote it.
        ({"REMOTE_ADDR": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}, 0, "203.0.113.7"),
        # One proxy: the entry it appended, not the one the client sent before it.
        (
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.7"},
            1,
            "203.0.113.7",
        ),
        ({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}, 1, "203.0.113.7"),
        # Two proxies (a CDN, then a load balancer): the address the CDN saw.
        (
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.1.1.1, 203.0.113.7, 10.0.0.9"},
            2,
            "203.0.113.7",
        ),
        # A header shorter than the proxy chain: the connection's address.
        ({"REMOTE_ADDR": "10.0.0.2"}, 1, "10.0.0.2"),
        ({"REMOTE_ADDR": "2001:db8:1:2:3:4:5:6"}, 0, "2001:db8:1:2::/64"),
        ({"REMOTE_ADDR": "::ffff:203.0.113.7"}, 0, "203.0.113.7"),
        ({"REMOTE_ADDR": "not-an-address"}, 0, None),
        ({}, 0, None),
    ],
)
def test_client_address(meta, proxies, expected):
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert ratelimit.client_address(meta) == expected
