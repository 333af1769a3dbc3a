"""bKash's id_token, shared by every process through the Django cache.

bKash grants a token for an hour and asks merchants to refresh it around minute 50 and to call
the refresh API at most twice an hour (more blocks the merchant for an hour). So the token is
kept in one place per app key (every web process and worker reads the same entry), it is
renewed by one process at a time (a cache lock), a refresh that would be the third within an
hour becomes a new grant instead, and a token bKash rejects is replaced once by a new grant.

A process that does not hold the lock never refreshes (the limited call): it keeps using the
current token while it is valid, or grants its own when there is none (grants are not limited).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache as default_cache

from plugins.framework.interface import PaymentGatewayError

logger = logging.getLogger(__name__)

# Renew this long before the token expires (bKash: refresh at minute 50-55 of 60).
REFRESH_MARGIN_SECONDS = 600.0
# bKash blocks a merchant that calls the refresh API more often than this in an hour.
MAX_REFRESHES_PER_HOUR = 2
HOUR = 3600.0
# How long the renewing process may hold the lock: longer than a grant and a refresh that both
# time out at bKash's 30 s.
LOCK_SECONDS = 90
# The refresh token outlives the id_token (for how long bKash does not say): keep the entry a
# while after expiry so a late call can still refresh rather than grant.
KEEP_AFTER_EXPIRY_SECONDS = 3600


@dataclass(frozen=True)
class GrantedToken:
    """bKash's answer to a grant or a refresh."""

    id_token: str
    refresh_token: str
    expires_in: int

    def __repr__(self) -> str:  # tokens are credentials: never in a log line
        return f"GrantedToken(expires_in={self.expires_in})"


class TokenRefused(Exception):
    """bKash refused a refresh (an expired or unknown refresh token): grant instead."""


def store_key(*parts: str) -> str:
    """The cache key of one app's token: a digest, so no credential appears in the key."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"haat:bkash:token:{digest}"


class TokenStore:
    """The id_token of one bKash app (base URL, username, app key), shared through the cache.

    `grant()` and `refresh(refresh_token)` are the client's raw calls; `clock` gives the time
    (seconds since the epoch)."""

    def __init__(
        self,
        key: str,
        *,
        grant: Callable[[], GrantedToken],
        refresh: Callable[[str], GrantedToken],
        clock: Callable[[], float] = time.time,
        cache: Any = None,
    ) -> None:
        self.key = key
        self._grant = grant
        self._refresh = refresh
        self._clock = clock
        self._cache = cache or default_cache

    # --- what the client asks ------------------------------------------------------------------

    def token(self) -> str:
        """A valid id_token: the shared one, renewed when it is due."""
        entry = self._entry()
        now = self._clock()
        if entry is not None and now < entry["expires_at"] - REFRESH_MARGIN_SECONDS:
            return entry["id_token"]
        if not self._lock():
            if entry is not None and now < entry["expires_at"]:
                return entry["id_token"]
            return self._store(self._grant(), refreshed=False)
        try:
            entry = self._entry()  # another process may have renewed it meanwhile
            if entry is not None and now < entry["expires_at"] - REFRESH_MARGIN_SECONDS:
                return entry["id_token"]
            return self._renew(entry, now)
        finally:
            self._unlock()

    def replace(self, rejected: str) -> str:
        """bKash rejected `rejected` (HTTP 401): a new grant, unless another process already
        replaced it."""
        locked = self._lock()
        try:
            entry = self._entry()
            if (
                entry is not None
                and entry["id_token"] != rejected
                and self._clock() < entry["expires_at"]
            ):
                return entry["id_token"]
            logger.info("bKash rejected the shared token: granting a new one")
            return self._store(self._grant(), refreshed=False)
        finally:
            if locked:
                self._unlock()

    def refreshes_in_last_hour(self) -> int:
        return len(self._recent_refreshes(self._clock()))

    # --- inside ------------------------------------------------------------------------------

    def _renew(self, entry: dict[str, Any] | None, now: float) -> str:
        if entry is not None and entry.get("refresh_token"):
            recent = self._recent_refreshes(now)
            if len(recent) < MAX_REFRESHES_PER_HOUR:
                # Counted before the call: an attempt that times out may still have counted.
                self._cache.set(self._refreshes_key, [*recent, now], timeout=int(HOUR) + 60)
                try:
                    return self._store(self._refresh(entry["refresh_token"]), refreshed=True)
                except TokenRefused:
                    logger.info("bKash refused the token refresh: granting a new token")
                except PaymentGatewayError:
                    if now < entry["expires_at"]:
                        return entry["id_token"]  # still valid: try again on a later call
                    raise
            else:
                logger.info("bKash refresh limit reached this hour: granting a new token")
        return self._store(self._grant(), refreshed=False)

    def _store(self, granted: GrantedToken, *, refreshed: bool) -> str:
        now = self._clock()
        entry = {
            "id_token": granted.id_token,
            "refresh_token": granted.refresh_token,
            "expires_at": now + granted.expires_in,
        }
        self._cache.set(
            self.key, entry, timeout=max(granted.expires_in, 0) + KEEP_AFTER_EXPIRY_SECONDS
        )
        logger.info(
            "bKash token %s, valid for %s s",
            "refreshed" if refreshed else "granted",
            granted.expires_in,
        )
        return granted.id_token

    def _entry(self) -> dict[str, Any] | None:
        entry = self._cache.get(self.key)
        return entry if isinstance(entry, dict) and entry.get("id_token") else None

    def _recent_refreshes(self, now: float) -> list[float]:
        stamps = self._cache.get(self._refreshes_key) or []
        return [stamp for stamp in stamps if now - stamp < HOUR]

    @property
    def _refreshes_key(self) -> str:
        return f"{self.key}:refreshes"

    @property
    def _lock_key(self) -> str:
        return f"{self.key}:lock"

    def _lock(self) -> bool:
        return bool(self._cache.add(self._lock_key, "1", timeout=LOCK_SECONDS))

    def _unlock(self) -> None:
        self._cache.delete(self._lock_key)
