"""Stripe simulator: a thin proxy in front of localstripe (see `sandbox.py`).

localstripe keeps PaymentIntents, charges and refunds; this proxy adds what it lacks and Haat
relies on, the way Stripe does it:
- Idempotency-Key on POST: the first answer (status and body) is kept under the key and
  replayed, with `Idempotent-Replayed: true`, for the same parameters; other parameters under the
  same key are Stripe's `idempotency_error` (400); a key still in flight is a 409.
- The merchant's secret key is checked (401 otherwise); `amount_received` and
  `amount_capturable` are added to PaymentIntents; a partial capture's release of the rest is
  not shown as a refund (localstripe books it as one); refunds beyond what is left, captures of
  what is not capturable and cancels of settled payments are refused with Stripe's codes.
- Webhooks: `POST /_config/webhooks/<name>` (`url`, `secret`) registers a merchant endpoint, as
  on localstripe. localstripe's own events reach the proxy's relay and are signed again for each
  endpoint (`Stripe-Signature: t=..,v1=..`); the events localstripe never sends
  (`payment_intent.amount_capturable_updated`, `payment_intent.canceled`, `charge.refunded`)
  are made here.
- The customer's payment page, `GET /pay/<payment_intent>` (see `simulator_page.py`).

Test knobs: `webhooks.redeliver`, `webhooks.deliver` (forged, unsigned, tampered, stale),
`webhooks.wait_for_delivery` (see `simulator_events.py`), `set_payment_intent`
(another amount, currency or reference), `complete` (paid without the page), `hang_after`
(Stripe executes, the answer never comes), `payment_intents()`, and the base's `inject`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import hmac
import json
import signal
import sys
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import httpx
import stripe

from plugins.framework.simulation import SimRequest, SimResponse, Simulator, serve_forever

from . import simulator_page
from .sandbox import LOCALSTRIPE_KEY, LocalStripeServer
from .simulator_events import WebhookEndpoints
from .simulator_rules import intent_action_refusal, refund_refusal, stripe_error

# The simulator's fake credentials (the demo configuration uses them).
SECRET_KEY = "sk_test_haat_simulator"  # noqa: S105
PUBLISHABLE_KEY = "pk_test_haat_simulator"
WEBHOOK_SECRET = "whsec_haat_simulator"  # noqa: S105
RELAY_NAME = "haat-simulator"
RELAY_SECRET = "whsec_localstripe_relay"  # noqa: S105  (loopback, localstripe to the proxy)
# localstripe refuses what it does not validate: these outcomes are not kept under a key.
UNSAVED_STATUSES = frozenset({400, 401, 404, 409})
BUSY_SECONDS = 5.0


@dataclass(frozen=True)
class _Saved:
    fingerprint: str
    response: SimResponse


class StripeSimulator(Simulator):
    name = "stripe"

    def __init__(self, *, localstripe_url: str, secret_key: str = SECRET_KEY, **kwargs: Any):
        super().__init__(**kwargs)
        self.localstripe_url = localstripe_url.rstrip("/")
        self.secret_key = secret_key
        self.webhooks = WebhookEndpoints()
        self._saved: dict[str, _Saved] = {}
        self._in_flight: set[str] = set()
        self._captured: dict[str, int] = {}  # payment intent -> paisa captured
        self._released_refunds: set[str] = set()
        # PaymentIntents made through this simulator since its last reset: localstripe's late
        # events about older ones (another test's) are not relayed.
        self._known: set[str] = set()
        self._money_lock = threading.Lock()  # refunds and captures: check, then act
        self._hangs: list[list[Any]] = []  # [path, remaining]
        self._http = httpx.Client(timeout=30.0)  # to localstripe and to the endpoints

    def start(self) -> StripeSimulator:
        super().start()
        self._localstripe(
            "POST",
            f"/_config/webhooks/{RELAY_NAME}",
            {"url": f"{self.base_url}/_relay", "secret": RELAY_SECRET},
        )
        return self

    # --- routing -----------------------------------------------------------------------------

    def handle(self, request: SimRequest) -> SimResponse:
        path = request.path
        if path.startswith("/_config/webhooks/") and request.method == "POST":
            return self._register_endpoint(path.rsplit("/", 1)[-1], request)
        if path == "/_config/data" and request.method == "DELETE":
            return self._flush()
        if path == "/_relay" and request.method == "POST":
            return self._relay(request)
        if path.startswith("/pay/"):
            return simulator_page.serve(self, request, path.removeprefix("/pay/"))
        if path.startswith("/v1/"):
            if not self._authorized(request.headers.get("authorization", "")):
                return stripe_error(401, "Invalid API Key provided: sk_test_****")
            return self._idempotent(request)
        return stripe_error(404, f"Unrecognized request URL ({request.method}: {path}).")

    def _authorized(self, header: str) -> bool:
        scheme, _, value = header.partition(" ")
        if scheme == "Basic":
            import base64

            try:
                value = base64.b64decode(value).decode().split(":")[0]
            except ValueError:
                return False
        elif scheme != "Bearer":
            return False
        return hmac.compare_digest(value.encode(), self.secret_key.encode())

    # --- idempotency -------------------------------------------------------------------------

    def _idempotent(self, request: SimRequest) -> SimResponse:
        key = request.headers.get("idempotency-key")
        if request.method != "POST" or not key:
            return self._api(request)
        if len(key) > 255:
            return stripe_error(400, "Idempotency keys are at most 255 characters long.")
        fingerprint = hashlib.sha256(
            json.dumps(
                [request.method, request.path, sorted(parse_qsl(request.body.decode()))]
            ).encode()
        ).hexdigest()
        with self.lock:
            saved = self._saved.get(key)
            if saved is None and key in self._in_flight:
                return stripe_error(
                    409,
                    "There is currently another in-progress request using this "
                    f"Idempotent Key: {key}.",
                    kind="idempotency_error",
                )
            if saved is None:
                self._in_flight.add(key)
        if saved is not None:
            if saved.fingerprint != fingerprint:
                return stripe_error(
                    400,
                    "Keys for idempotent requests can only be used with the same parameters "
                    f"they were first used with. Try using a key other than '{key}' if you "
                    "meant to execute a different request.",
                    kind="idempotency_error",
                )
            replay = saved.response
            return SimResponse(
                replay.status, replay.body, {**replay.headers, "Idempotent-Replayed": "true"}
            )
        try:
            response = self._api(request)
        finally:
            with self.lock:
                self._in_flight.discard(key)
        if response.status not in UNSAVED_STATUSES:
            with self.lock:
                self._saved[key] = _Saved(fingerprint, response)
        self._hang_if_asked(request.path)
        return response

    def hang_after(self, path: str, *, times: int = 1) -> None:
        """The next `times` POSTs to `path` are carried out and kept, but never answered (until
        `release()`): the client times out not knowing that Stripe did it."""
        with self.lock:
            self._hangs.append([path, times])

    def _hang_if_asked(self, path: str) -> None:
        with self.lock:
            hang = next((h for h in self._hangs if h[1] > 0 and h[0] in path), None)
            if hang is not None:
                hang[1] -= 1
        if hang is not None:
            self._released.wait()  # the answer then goes to a client that has given up

    def _serve(self, handler: Any) -> None:
        try:
            super()._serve(handler)
        except (ConnectionError, TimeoutError):
            handler.close_connection = True

    # --- the API -----------------------------------------------------------------------------

    def _localstripe(self, method: str, path: str, data: Any = None, **kwargs: Any):
        """A JSON call to localstripe (it reads JSON bodies as well as forms)."""
        response = self._http.request(
            method,
            f"{self.localstripe_url}{path}",
            json=data,
            headers={"Authorization": f"Bearer {LOCALSTRIPE_KEY}"},
            **kwargs,
        )
        return response.status_code, (response.json() if response.content else None)

    def _api(self, request: SimRequest) -> SimResponse:
        form = dict(parse_qsl(request.body.decode())) if request.method == "POST" else {}
        parts = request.path.strip("/").split("/")  # v1, resource, id, action
        # Money moves one call at a time, as Stripe locks a payment: check, then act.
        with self._money_lock if request.method == "POST" else contextlib.nullcontext():
            refusal = self._refusal(request.method, parts, form)
            if refusal is not None:
                return refusal
            response = self._http.request(
                request.method,
                f"{self.localstripe_url}{request.path}",
                params=request.query,
                content=request.body,
                headers={
                    "Authorization": f"Bearer {LOCALSTRIPE_KEY}",
                    "Content-Type": request.headers.get(
                        "content-type", "application/x-www-form-urlencoded"
                    ),
                },
            )
            try:
                body = response.json()
            except ValueError:
                return stripe_error(500, "localstripe answered something that is not JSON.")
            if response.status_code == 200:
                self._after(request.method, parts, form, body)
        return SimResponse.json(self._shown(body), response.status_code)

    def _refusal(self, method: str, parts: list[str], form: dict[str, str]) -> SimResponse | None:
        """Stripe's refusals that localstripe does not make."""
        if method != "POST":
            return None
        if parts[1:] == ["refunds"] and form.get("payment_intent"):
            intent = self.payment_intent(form["payment_intent"])
            if intent is not None:
                paid = intent["status"] == "succeeded"  # localstripe lists no refunds otherwise
                return refund_refusal(intent, self._refunded(intent["id"]) if paid else 0, form)
        if len(parts) == 4 and parts[1] == "payment_intents":
            intent = self.payment_intent(parts[2])
            if intent is not None:
                return intent_action_refusal(intent, parts[3], form)
        return None

    def _refunded(self, payment_intent_id: str) -> int:
        _, listing = self._localstripe(
            "GET", "/v1/refunds", params={"payment_intent": payment_intent_id, "limit": 100}
        )
        return sum(
            refund["amount"]
            for refund in (listing or {}).get("data", [])
            if refund["id"] not in self._released_refunds and refund["status"] != "failed"
        )

    def _after(self, method: str, parts: list[str], form: dict[str, str], body: Any) -> None:
        """What Stripe does after a call that localstripe does not: events, the released rest
        of a partial capture."""
        if method != "POST":
            return
        if parts[1:] == ["payment_intents"]:
            with self.lock:
                self._known.add(body["id"])
        if len(parts) == 4 and parts[1] == "payment_intents":
            intent_id, action = parts[2], parts[3]
            if action == "capture":
                self._captured[intent_id] = int(form.get("amount_to_capture") or body["amount"])
                _, listing = self._localstripe(
                    "GET", "/v1/refunds", params={"payment_intent": intent_id}
                )
                self._released_refunds.update(r["id"] for r in (listing or {}).get("data", []))
            elif action == "cancel":
                self.webhooks.emit("payment_intent.canceled", self._shown(body))
            elif action == "confirm" and body.get("status") == "requires_capture":
                self.webhooks.emit("payment_intent.amount_capturable_updated", self._shown(body))
        if parts[1:] == ["refunds"]:
            _, charge = self._localstripe("GET", f"/v1/charges/{body['charge']}")
            if charge is not None:
                charge["payment_intent"] = charge.get("payment_intent") or body["payment_intent"]
                self.webhooks.emit("charge.refunded", charge)

    def _shown(self, body: Any) -> Any:
        """localstripe's answer with Stripe's PaymentIntent amounts and without the refunds
        that are really a partial capture's release."""
        if not isinstance(body, dict):
            return body
        if body.get("object") == "list":
            body["data"] = [
                self._shown(item)
                for item in body.get("data", [])
                if item.get("id") not in self._released_refunds
            ]
        if body.get("object") == "payment_intent":
            status = body.get("status")
            captured = self._captured.get(body["id"], body["amount"])
            body["amount_received"] = captured if status == "succeeded" else 0
            body["amount_capturable"] = body["amount"] if status == "requires_capture" else 0
        return body

    def payment_intent(self, payment_intent_id: str) -> dict[str, Any] | None:
        status, body = self._localstripe("GET", f"/v1/payment_intents/{payment_intent_id}")
        return self._shown(body) if status == 200 else None

    def payment_intents(self) -> list[dict[str, Any]]:
        """Every PaymentIntent localstripe holds (to count them in tests)."""
        _, listing = self._localstripe("GET", "/v1/payment_intents", params={"limit": 100})
        return [self._shown(item) for item in (listing or {}).get("data", [])]

    def confirm(self, payment_intent_id: str, card: str = "pm_card_visa") -> tuple[int, Any]:
        """What the customer's Pay does: the card attached, then the PaymentIntent confirmed."""
        with self._money_lock:
            self._localstripe(
                "POST", f"/v1/payment_intents/{payment_intent_id}", {"payment_method": card}
            )
            status, body = self._localstripe(
                "POST", f"/v1/payment_intents/{payment_intent_id}/confirm"
            )
            if status == 200:
                self._after(
                    "POST", ["v1", "payment_intents", payment_intent_id, "confirm"], {}, body
                )
        return status, body

    def cancel(self, payment_intent_id: str) -> tuple[int, Any]:
        with self._money_lock:
            status, body = self._localstripe(
                "POST", f"/v1/payment_intents/{payment_intent_id}/cancel"
            )
            if status == 200:
                self._after(
                    "POST", ["v1", "payment_intents", payment_intent_id, "cancel"], {}, body
                )
        return status, body

    # --- knobs -------------------------------------------------------------------------------

    def complete(self, payment_intent_id: str) -> dict[str, Any]:
        """Paid without the page (the customer paid in another tab): "already completed"."""
        status, body = self.confirm(payment_intent_id)
        assert status == 200, body
        return body

    def set_payment_intent(self, payment_intent_id: str, **fields: Any) -> None:
        """Change what Stripe holds (another amount, currency or metadata) behind Haat's back."""
        status, body = self._localstripe("POST", f"/v1/payment_intents/{payment_intent_id}", fields)
        assert status == 200, body

    def _flush(self) -> SimResponse:
        self._localstripe("DELETE", "/_config/data")
        with self.lock:
            self._saved.clear()
            self._captured.clear()
            self._released_refunds.clear()
            self._known.clear()
        return SimResponse()

    def reset(self) -> None:
        """As new, between tests: hung requests let go, then faults, keys, endpoints, events,
        the request log and localstripe's data gone."""
        self.release()
        self._flush()
        with self.lock:
            self._faults.clear()
            self._hangs.clear()
            self._in_flight.clear()
        self.webhooks.clear()
        with self._arrived:
            self.requests.clear()
        self._released.clear()

    # --- webhooks ----------------------------------------------------------------------------

    def _register_endpoint(self, name: str, request: SimRequest) -> SimResponse:
        is_json = request.headers.get("content-type", "").startswith("application/json")
        data = request.json() if is_json else request.form()
        if not str(data.get("url", "")).startswith("http") or not data.get("secret"):
            return stripe_error(400, "A webhook needs a url and a secret.")
        self.webhooks.register(name, data["url"], data["secret"])
        return SimResponse()

    def _relay(self, request: SimRequest) -> SimResponse:
        try:
            stripe.WebhookSignature.verify_header(
                request.body.decode(), request.headers.get("stripe-signature", ""), RELAY_SECRET
            )
        except stripe.SignatureVerificationError:
            return SimResponse.json({"error": "bad relay signature"}, 400)
        event = json.loads(request.body)
        data_object = event["data"]["object"]
        intent = data_object.get("payment_intent") or data_object.get("id")
        with self.lock:
            known = intent in self._known
        if known:
            self.webhooks.publish(event)
        return SimResponse()


def main() -> None:
    parser = argparse.ArgumentParser(description="Stripe simulator (localstripe behind a proxy)")
    parser.add_argument("--port", type=int, default=8420)
    parser.add_argument("--localstripe-url", help="a running localstripe; else one is started")
    parser.add_argument("--webhook-url", help="Haat's webhook route, to deliver events to")
    parser.add_argument("--webhook-secret", default=WEBHOOK_SECRET)
    arguments = parser.parse_args()
    # Stopped with SIGTERM too, localstripe is stopped with it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = None
    if not arguments.localstripe_url:
        server = LocalStripeServer().start()
    simulator = StripeSimulator(
        localstripe_url=arguments.localstripe_url or server.base_url,  # type: ignore[union-attr]
        port=arguments.port,
    )
    if arguments.webhook_url:
        simulator.webhooks.register("haat", arguments.webhook_url, arguments.webhook_secret)
    try:
        serve_forever(simulator)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
