"""Attempt budgets shared by every worker, with lockouts that grow on repeat.

A `Budget` allows a subject (an account identifier, a client address) a number of attempts in a
window; the attempt that spends the last of it locks the subject out for `lockout_seconds`, doubled
on every further lockout within a day. An attempt is counted *before* it is made (`take_attempt`),
so concurrent attempts cannot race past the limit, then kept, given back or cleared by the caller,
who alone knows whether it should count (a wrong password does, a right one does not).

State lives in Django's cache, which is Redis when `CACHE_URL` is set and then shared by every
process; counters change only through `cache.add` and `cache.incr`, both atomic on Redis. Subjects
are hashed into the keys, so the cache holds no phone numbers or addresses. With the per-process
LocMem cache (no `CACHE_URL`), each process counts on its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache

# How long a lockout is remembered for the next one to be longer.
LOCKOUT_MEMORY_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Budget:
    """`max_attempts` per subject in `window_seconds` (counted from the first attempt), then a
    lockout of `lockout_seconds`, doubled on each repeat, at most `max_lockout_seconds`."""

    scope: str
    max_attempts: int
    window_seconds: int
    lockout_seconds: int
    max_lockout_seconds: int

    def lockout_for(self, repeat: int) -> int:
        """The length of the `repeat`-th lockout (1 for the first)."""
        return min(self.lockout_seconds * 2 ** max(repeat - 1, 0), self.max_lockout_seconds)


class LockedOut(Exception):
    """The subject may not try again before `until`."""

    def __init__(self, until: datetime) -> None:
        super().__init__(f"locked out until {until.isoformat()}")
        self.until = until

    @property
    def retry_after_seconds(self) -> int:
        return max(math.ceil(self.until.timestamp() - time.time()), 1)


@dataclass(frozen=True)
class Attempt:
    """One counted attempt: its place (`number`, from 1) in the subject's current window."""

    budget: Budget
    subject_key: str
    number: int


def _subject_key(budget: Budget, subject: str) -> str:
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"haat:ratelimit:{budget.scope}:{digest}"


def _increment(key: str, timeout: int) -> int:
    """Add one to a counter that expires `timeout` seconds after its creation; atomic on Redis."""
    for _ in range(3):
        if cache.add(key, 1, timeout=timeout):
            return 1
        try:
            return int(cache.incr(key))
        except ValueError:
            continue  # the counter expired between the two calls: start it again
    return 1


def _locked_until(subject_key: str) -> datetime | None:
    until = cache.get(f"{subject_key}:locked")
    if until is None or until <= time.time():
        return None
    return datetime.fromtimestamp(until, tz=UTC)


def _lock_out(attempt: Attempt) -> datetime:
    budget, key = attempt.budget, attempt.subject_key
    repeat = _increment(f"{key}:lockouts", LOCKOUT_MEMORY_SECONDS)
    seconds = budget.lockout_for(repeat)
    until = time.time() + seconds
    cache.set(f"{key}:locked", until, timeout=seconds)
    # The next window starts when the lockout ends: the spent counter lives exactly as long as
    # the lockout. (Deleting it here let an attempt racing this one, past the lock check a moment
    # before the lock was set, start a fresh window and slip through.)
    cache.touch(f"{key}:attempts", seconds)
    return datetime.fromtimestamp(until, tz=UTC)


def take_attempt(budget: Budget, subject: str) -> Attempt:
    """Count an attempt before it is made.

    Raises LockedOut while the subject is locked out, and for an attempt beyond the budget, which
    only attempts racing the last allowed one reach (that one starts the lockout when kept)."""
    key = _subject_key(budget, subject)
    if until := _locked_until(key):
        raise LockedOut(until)
    number = _increment(f"{key}:attempts", budget.window_seconds)
    attempt = Attempt(budget=budget, subject_key=key, number=number)
    if number > budget.max_attempts:
        # A concurrent attempt took the last one and decides about the lockout; until it does,
        # refuse for as long as a first lockout would last.
        provisional = datetime.fromtimestamp(time.time() + budget.lockout_seconds, tz=UTC)
        raise LockedOut(_locked_until(key) or provisional)
    return attempt


def keep_attempt(attempt: Attempt) -> datetime | None:
    """The attempt counts; if it spent the budget, the lockout starts (its end is returned)."""
    if attempt.number >= attempt.budget.max_attempts:
        return _lock_out(attempt)
    return None


def give_back_attempt(attempt: Attempt) -> None:
    """The attempt does not count after all (a right password from a busy address)."""
    with contextlib.suppress(ValueError):  # the window ended meanwhile
        cache.decr(f"{attempt.subject_key}:attempts")


def clear_attempts(budget: Budget, subject: str) -> None:
    """Forget the subject's attempts and past lockouts (its owner proved who they are)."""
    key = _subject_key(budget, subject)
    cache.delete_many([f"{key}:attempts", f"{key}:lockouts"])


def client_address(meta: Mapping[str, Any]) -> str | None:
    """The address a request came from, as a throttling subject, or None when unknown.

    `REMOTE_ADDR`, unless `TRUSTED_PROXY_COUNT` proxies of ours stand in front: then the address
    the outermost of them saw, which is the `TRUSTED_PROXY_COUNT`-th entry of X-Forwarded-For
    from the right (each proxy appends the address it received from; entries left of that were
    written by the client and prove nothing). IPv6 addresses stand for their /64 network, which
    one client usually holds whole.
    """
    candidate = str(meta.get("REMOTE_ADDR") or "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [hop.strip() for hop in str(meta.get("HTTP_X_FORWARDED_FOR") or "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            candidate = hops[-proxies]
    try:
        address = ipaddress.ip_address(candidate.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)
