"""The simulator's token endpoints: bKash's grant and refresh (credentials in the `username`
and `password` headers, the app key and secret in the body), id_tokens that expire, refresh
tokens, and the merchant blocked after a third refresh within an hour."""

from __future__ import annotations

import secrets
import threading
import time
from typing import Any

from plugins.framework.simulation import SimRequest, SimResponse

from .simulator_state import status

MAX_REFRESHES_PER_HOUR = 2


class TokenDesk:
    def __init__(
        self, lock: threading.RLock, credentials: dict[str, str], *, lifetime: int = 3600
    ) -> None:
        self.lock = lock
        self.credentials = dict(credentials)
        self.lifetime = lifetime  # expires_in of the tokens it grants
        self.tokens: dict[str, float] = {}  # id_token -> when it expires
        self.refresh_tokens: set[str] = set()
        self.refresh_calls: list[float] = []

    def _credentials_ok(self, request: SimRequest, body: dict[str, Any]) -> bool:
        return (
            request.headers.get("username") == self.credentials["username"]
            and request.headers.get("password") == self.credentials["password"]
            and body.get("app_key") == self.credentials["app_key"]
            and body.get("app_secret") == self.credentials["app_secret"]
        )

    def _issue(self) -> SimResponse:
        id_token = "sim-id-" + secrets.token_urlsafe(24)
        refresh_token = "sim-refresh-" + secrets.token_urlsafe(24)
        with self.lock:
            self.tokens[id_token] = time.time() + self.lifetime
            self.refresh_tokens.add(refresh_token)
        return SimResponse.json(
            {
                "statusCode": "0000",
                "statusMessage": "Successful",
                "id_token": id_token,
                "token_type": "Bearer",
                "expires_in": self.lifetime,
                "refresh_token": refresh_token,
            }
        )

    def grant(self, request: SimRequest, body: dict[str, Any]) -> SimResponse:
        if not self._credentials_ok(request, body):
            return status("2001", "Invalid App Key")
        return self._issue()

    def refresh(self, request: SimRequest, body: dict[str, Any]) -> SimResponse:
        if not self._credentials_ok(request, body):
            return status("2001", "Invalid App Key")
        now = time.time()
        with self.lock:
            self.refresh_calls.append(now)
            recent = [stamp for stamp in self.refresh_calls if now - stamp < 3600]
            if len(recent) > MAX_REFRESHES_PER_HOUR:
                return SimResponse.json({"message": "Too many token refreshes"}, status=403)
            if body.get("refresh_token") not in self.refresh_tokens:
                return status("2079", "Invalid app token")
        return self._issue()

    def accepts(self, request: SimRequest) -> bool:
        """A live id_token (raw or after `Bearer `) and the right app key."""
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        with self.lock:
            expires_at = self.tokens.get(token)
        return (
            expires_at is not None
            and time.time() < expires_at
            and request.headers.get("x-app-key") == self.credentials["app_key"]
        )
