"""The simulator's webhook endpoints: Stripe's events, signed for each endpoint with its secret
(`Stripe-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.body">`) and POSTed to it, with knobs to
send one again, forged, unsigned, tampered or stale."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True)
class Delivery:
    event_id: str
    event_type: str
    url: str
    status: int  # 0: the endpoint could not be reached
    body: str


def sign(body: bytes, secret: str, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


class WebhookEndpoints:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.endpoints: dict[str, tuple[str, str]] = {}  # name -> (url, secret)
        self.events: dict[str, dict[str, Any]] = {}  # every event sent, by id
        self.deliveries: list[Delivery] = []
        self._delivered = threading.Condition()
        self._http = httpx.Client(timeout=30.0)

    def register(self, name: str, url: str, secret: str) -> None:
        with self.lock:
            self.endpoints[name] = (url, secret)

    def clear(self) -> None:
        with self.lock:
            self.endpoints.clear()
            self.events.clear()
        with self._delivered:
            self.deliveries.clear()

    def emit(self, event_type: str, data_object: dict[str, Any]) -> dict[str, Any]:
        """A new event, delivered to every endpoint."""
        event = {
            "id": "evt_" + secrets.token_hex(12),
            "object": "event",
            "type": event_type,
            "created": int(time.time()),
            "livemode": False,
            "data": {"object": data_object},
        }
        self.publish(event)
        return event

    def publish(self, event: dict[str, Any]) -> None:
        """Kept, and delivered from a thread (Stripe sends after answering the API call)."""
        with self.lock:
            self.events[event["id"]] = event
        threading.Thread(target=self.deliver, args=(event,), daemon=True).start()

    def redeliver(self, event_id: str) -> list[Delivery]:
        """The same event again, freshly signed (Stripe retries and sometimes duplicates)."""
        return self.deliver(self.events[event_id])

    def deliver(
        self,
        event: dict[str, Any],
        *,
        secret: str | None = None,
        timestamp: int | None = None,
        signed: bool = True,
        tamper: Any = None,
    ) -> list[Delivery]:
        """POST `event` to every endpoint, signed with its secret (or `secret`: a forgery), at
        `timestamp` (a stale one), unsigned, or changed after signing by `tamper(body) -> body`."""
        with self.lock:
            endpoints = list(self.endpoints.values())
        results = []
        for url, endpoint_secret in endpoints:
            body = json.dumps(event, indent=2).encode()
            headers = {"Content-Type": "application/json; charset=utf-8"}
            if signed:
                moment = int(time.time()) if timestamp is None else timestamp
                headers["Stripe-Signature"] = sign(body, secret or endpoint_secret, moment)
            if tamper is not None:
                body = tamper(body)
            try:
                response = self._http.post(url, content=body, headers=headers)
                status, text = response.status_code, response.text
            except httpx.HTTPError as error:
                status, text = 0, type(error).__name__
            delivery = Delivery(event["id"], event["type"], url, status, text)
            with self._delivered:
                self.deliveries.append(delivery)
                self._delivered.notify_all()
            results.append(delivery)
        return results

    def wait_for_delivery(self, predicate: Any, timeout: float = 15.0) -> Delivery:
        """The first delivery matching `predicate`, waiting for it (no sleeping)."""
        found: list[Delivery] = []

        def matched() -> bool:
            found[:] = [delivery for delivery in self.deliveries if predicate(delivery)]
            return bool(found)

        with self._delivered:
            if not self._delivered.wait_for(matched, timeout=timeout):
                raise TimeoutError(f"no matching webhook delivery within {timeout} s")
        return found[0]
