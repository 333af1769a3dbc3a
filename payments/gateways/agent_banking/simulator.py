"""A bank's agent-banking merchant API on loopback, with the agent's screen.

It speaks the API `client.py` calls (docs/payments/agent-banking.md): deposit requests, their
status, the search by merchant reference, and signed notifications to each deposit's
`notifyUrl`. The agent's screen (`/agent/deposits/<reference>`) has "Record deposit" (with
the amount the customer handed over) and "Reject" buttons, as the outlet's teller would press
them; a recorded or rejected deposit is notified from a thread, so the page does not wait.

Test knobs: `record_deposit` / `reject_deposit` (the agent's buttons; `notify=False` makes a
deposit "already completed" before Haat hears of it, `amount=` records another amount than was
asked), `deliver(reference, mode=...)` to send a notification signed, unsigned, forged (another
secret), tampered (changed after signing) or stale (an old timestamp), `deliver(..., overrides=)`
for a correctly signed one claiming other values, `replay(delivery)` for the same bytes again,
`answer_late(path)` to process a request but answer only after the client gave up, and the
base's `inject(...)`.

Run it alone: `python -m payments.gateways.agent_banking.simulator --port 8711`.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import html
import itertools
import json
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import httpx

from backend.core.text import to_bangla_digits
from plugins.framework.simulation import SimRequest, SimResponse, Simulator, serve_forever

DHAKA = ZoneInfo("Asia/Dhaka")
BANK_NAME = "Simulated Agent Bank PLC"
DEMO_ACCOUNT = "0011223344556"
DEMO_ACCOUNT_NAME = "Haat Marketplace Ltd"
# Fake credentials of the simulator (and of the demo configuration): not secrets.
DEMO_API_KEY = "sim-agentbank-api-key-0001"
DEMO_NOTIFICATION_SECRET = "sim-agentbank-notify-secret-0001"  # noqa: S105
LIMIT = Decimal("25000.00")
DELIVERY_MODES = ("signed", "unsigned", "forged", "tampered", "stale")


@dataclass
class SimDeposit:
    reference: str
    merchant_reference: str
    merchant_account: str
    account_name: str
    amount: Decimal
    currency: str
    notify_url: str
    customer: dict[str, Any]
    created_at: str
    status: str = "PENDING"
    deposited_amount: Decimal | None = None
    agent_transaction_id: str = ""
    outlet: str = ""
    completed_at: str = ""
    last_event: tuple[str, str] | None = None  # (event id, type) of the latest notification

    def as_json(self) -> dict[str, Any]:
        amount = f"{self.amount:.2f}"
        return {
            "depositReference": self.reference,
            "merchantReference": self.merchant_reference,
            "merchantAccount": self.merchant_account,
            "accountName": self.account_name,
            "bankName": BANK_NAME,
            "amount": amount,
            "currency": self.currency,
            "status": self.status,
            "depositedAmount": (
                None if self.deposited_amount is None else f"{self.deposited_amount:.2f}"
            ),
            "agentTransactionId": self.agent_transaction_id or None,
            "outlet": self.outlet or None,
            "createdAt": self.created_at,
            "completedAt": self.completed_at or None,
            "instructions": {
                "en": (
                    f"Deposit Tk {amount} in cash at any {BANK_NAME} agent banking outlet into "
                    f"account {self.merchant_account} ({self.account_name}). Quote deposit "
                    f"reference {self.reference} and keep the agent's receipt."
                ),
                "bn": (
                    f"{BANK_NAME}-এর যেকোনো এজেন্ট ব্যাংকিং আউটলেটে হিসাব নম্বর "
                    f"{self.merchant_account} ({self.account_name})-এ নগদ "
                    f"{to_bangla_digits(amount)} টাকা জমা দিন। জমার রেফারেন্স {self.reference} "
                    "বলুন এবং এজেন্টের রসিদ রেখে দিন।"
                ),
            },
        }


@dataclass
class Delivery:
    """One notification sent to Haat and what Haat answered (None: no answer)."""

    deposit_reference: str
    event_id: str
    mode: str
    url: str
    headers: dict[str, str]
    body: bytes
    status_code: int | None = None
    response_text: str = ""


def _error(code: str, message: str, status: int) -> SimResponse:
    return SimResponse.json({"error": {"code": code, "message": message}}, status=status)


def _now() -> str:
    return datetime.now(DHAKA).isoformat(timespec="seconds")


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The bank's signature header over `body`."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


class AgentBankSimulator(Simulator):
    name = "agent-bank-simulator"

    def __init__(
        self,
        *,
        api_key: str = DEMO_API_KEY,
        notification_secret: str = DEMO_NOTIFICATION_SECRET,
        accounts: dict[str, str] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        super().__init__(host=host, port=port)
        self.api_key = api_key
        self.notification_secret = notification_secret
        self.accounts = dict(accounts or {DEMO_ACCOUNT: DEMO_ACCOUNT_NAME})
        self.deposits: dict[str, SimDeposit] = {}
        self.deliveries: list[Delivery] = []
        self._delivered = threading.Condition()
        self._sequence = itertools.count(1)
        self._late_paths: list[str] = []
        self._late_release = threading.Event()

    # --- knobs ---------------------------------------------------------------------------------

    def answer_late(self, path: str) -> None:
        """The next request to `path` is carried out, but answered only after `stop()` or
        `release()`: the client times out without knowing that the bank acted."""
        with self.lock:
            self._late_paths.append(path)

    def release(self) -> None:
        super().release()
        self._late_release.set()

    def deposit_for(self, merchant_reference: str) -> SimDeposit | None:
        with self.lock:
            return next(
                (d for d in self.deposits.values() if d.merchant_reference == merchant_reference),
                None,
            )

    def record_deposit(
        self,
        reference: str,
        *,
        amount: Decimal | None = None,
        outlet: str = "Kashinathpur UDC agent outlet",
        notify: bool = True,
    ) -> SimDeposit:
        """The agent took the cash (`amount`, by default what was asked) and pressed "Record"."""
        with self.lock:
            deposit = self.deposits[reference]
            if deposit.status != "PENDING":
                raise ValueError(f"Deposit {reference} is already {deposit.status}.")
            deposit.status = "COMPLETED"
            deposit.deposited_amount = deposit.amount if amount is None else Decimal(amount)
            deposit.agent_transaction_id = f"AGT{next(self._sequence):08d}"
            deposit.outlet = outlet
            deposit.completed_at = _now()
            deposit.last_event = (f"evt_{uuid.uuid4().hex}", "deposit.completed")
        if notify:
            self._deliver_in_background(reference)
        return deposit

    def reject_deposit(self, reference: str, *, notify: bool = True) -> SimDeposit:
        """The agent pressed "Reject" (no cash, or the customer left)."""
        with self.lock:
            deposit = self.deposits[reference]
            if deposit.status != "PENDING":
                raise ValueError(f"Deposit {reference} is already {deposit.status}.")
            deposit.status = "REJECTED"
            deposit.completed_at = _now()
            deposit.last_event = (f"evt_{uuid.uuid4().hex}", "deposit.rejected")
        if notify:
            self._deliver_in_background(reference)
        return deposit

    def deliver(
        self,
        reference: str,
        *,
        mode: str = "signed",
        overrides: dict[str, Any] | None = None,
        timestamp: int | None = None,
    ) -> Delivery:
        """Send the deposit's latest notification to its notifyUrl now, as `mode` says."""
        if mode not in DELIVERY_MODES:
            raise ValueError(f"Unknown delivery mode {mode!r}: one of {DELIVERY_MODES}.")
        with self.lock:
            deposit = self.deposits[reference]
            if deposit.last_event is None:
                deposit.last_event = (f"evt_{uuid.uuid4().hex}", "deposit.updated")
            event_id, event_type = deposit.last_event
            payload: dict[str, Any] = {
                "eventId": event_id,
                "type": event_type,
                "createdAt": _now(),
                "deposit": {**deposit.as_json(), **(overrides or {})},
            }
            url = deposit.notify_url
        payload["deposit"].pop("instructions", None)
        body = json.dumps(payload).encode()
        signed_at = int(time.time()) if timestamp is None else timestamp
        if mode == "stale":
            signed_at -= 3600
        secret = "not-the-shared-secret" if mode == "forged" else self.notification_secret
        headers = {"Content-Type": "application/json", "X-AgentBank-Event-Id": event_id}
        if mode != "unsigned":
            headers["X-AgentBank-Signature"] = sign(secret, signed_at, body)
        if mode == "tampered":
            payload["deposit"]["depositedAmount"] = "1.00"
            body = json.dumps(payload).encode()
        delivery = Delivery(reference, event_id, mode, url, headers, body)
        return self._send(delivery)

    def replay(self, delivery: Delivery) -> Delivery:
        """The same bytes and headers sent again (a captured notification replayed)."""
        again = Delivery(
            delivery.deposit_reference,
            delivery.event_id,
            "replay",
            delivery.url,
            dict(delivery.headers),
            delivery.body,
        )
        return self._send(again)

    def wait_for_delivery(self, predicate: Any, timeout: float = 10.0) -> Delivery:
        """The first delivery (answered or not) matching `predicate`, waiting for it."""
        with self._delivered:
            found: list[Delivery] = []

            def matched() -> bool:
                found[:] = [d for d in self.deliveries if predicate(d)]
                return bool(found)

            if not self._delivered.wait_for(matched, timeout=timeout):
                raise TimeoutError(f"{self.name}: no matching delivery within {timeout} s")
            return found[0]

    def _deliver_in_background(self, reference: str) -> None:
        threading.Thread(target=self.deliver, args=(reference,), daemon=True).start()

    def _send(self, delivery: Delivery) -> Delivery:
        try:
            response = httpx.post(
                delivery.url, content=delivery.body, headers=delivery.headers, timeout=30.0
            )
            delivery.status_code = response.status_code
            delivery.response_text = response.text
        except httpx.HTTPError as error:
            delivery.response_text = f"{type(error).__name__}: {error}"
        with self._delivered:
            self.deliveries.append(delivery)
            self._delivered.notify_all()
        return delivery

    # --- HTTP ----------------------------------------------------------------------------------

    def handle(self, request: SimRequest) -> SimResponse:
        path = request.path.rstrip("/")
        if path.startswith("/agent"):
            return self._agent_screen(request, path)
        if not path.startswith("/v1/deposits"):
            return _error("NOT_FOUND", "No such endpoint.", 404)
        if request.headers.get("authorization", "") != f"Bearer {self.api_key}":
            return _error("UNAUTHORIZED", "A valid API key is required.", 401)
        late = self._take_late(path)
        if path == "/v1/deposits" and request.method == "POST":
            response = self._create(request)
        elif path == "/v1/deposits" and request.method == "GET":
            response = self._search(request)
        elif request.method == "GET":
            response = self._status(path.removeprefix("/v1/deposits/"))
        else:
            response = _error("METHOD_NOT_ALLOWED", "Not allowed here.", 405)
        if late:
            self._late_release.wait()
            return SimResponse(504, b"")  # never read: the client gave up before
        return response

    def _take_late(self, path: str) -> bool:
        with self.lock:
            for index, late_path in enumerate(self._late_paths):
                if late_path in path:
                    del self._late_paths[index]
                    return True
        return False

    def _create(self, request: SimRequest) -> SimResponse:
        try:
            data = request.json()
            account = str(data["merchantAccount"])
            merchant_reference = str(data["merchantReference"])
            amount = Decimal(str(data["amount"]))
            currency = str(data["currency"])
            notify_url = str(data.get("notifyUrl") or "")
        except (ValueError, KeyError, TypeError, InvalidOperation):
            return _error(
                "INVALID_REQUEST",
                "merchantAccount, merchantReference, amount and currency are required.",
                400,
            )
        if not amount.is_finite() or amount <= 0 or amount.as_tuple().exponent < -2:  # type: ignore[operator]
            return _error("INVALID_AMOUNT", "The amount is positive with at most 2 decimals.", 400)
        if not merchant_reference or len(merchant_reference) > 64:
            return _error("INVALID_REQUEST", "merchantReference takes 1 to 64 characters.", 400)
        if currency != "BDT":
            return _error("UNSUPPORTED_CURRENCY", "Agent outlets take taka only.", 422)
        if account not in self.accounts:
            return _error("UNKNOWN_ACCOUNT", "No such merchant account.", 422)
        if amount > LIMIT:
            return _error(
                "LIMIT_EXCEEDED", f"A cash deposit at an agent outlet is at most Tk {LIMIT}.", 422
            )
        with self.lock:
            existing = self.deposit_for(merchant_reference)
            if existing is not None:
                if (existing.amount, existing.merchant_account) != (amount, account):
                    return _error(
                        "DUPLICATE_REFERENCE",
                        "This merchantReference has a deposit of another amount or account.",
                        409,
                    )
                return SimResponse.json(existing.as_json(), status=200)
            # A bank's references never repeat, also across the simulator's restarts.
            reference = (
                f"AGD{datetime.now(DHAKA):%y%m%d}{uuid.uuid4().hex[:6].upper()}"
                f"{next(self._sequence):04d}"
            )
            deposit = SimDeposit(
                reference=reference,
                merchant_reference=merchant_reference,
                merchant_account=account,
                account_name=self.accounts[account],
                amount=amount,
                currency=currency,
                notify_url=notify_url,
                customer=dict(data.get("customer") or {}),
                created_at=_now(),
            )
            self.deposits[reference] = deposit
            return SimResponse.json(deposit.as_json(), status=201)

    def _status(self, reference: str) -> SimResponse:
        with self.lock:
            deposit = self.deposits.get(reference)
            if deposit is None:
                return _error("NOT_FOUND", f"No deposit {reference}.", 404)
            return SimResponse.json(deposit.as_json())

    def _search(self, request: SimRequest) -> SimResponse:
        merchant_reference = request.query.get("merchantReference", "")
        if not merchant_reference:
            return _error("INVALID_REQUEST", "merchantReference is required.", 400)
        found = self.deposit_for(merchant_reference)
        return SimResponse.json({"deposits": [found.as_json()] if found else []})

    # --- the agent's screen --------------------------------------------------------------------

    def _agent_screen(self, request: SimRequest, path: str) -> SimResponse:
        parts = path.split("/")  # "", "agent", "deposits", reference, action
        if len(parts) < 4 or parts[2] != "deposits":
            return SimResponse.html("<p>Open /agent/deposits/&lt;reference&gt;.</p>", status=404)
        reference = parts[3]
        with self.lock:
            deposit = self.deposits.get(reference)
        if deposit is None:
            return SimResponse.html(f"<p>No deposit {html.escape(reference)}.</p>", status=404)
        action = parts[4] if len(parts) > 4 else ""
        if request.method == "POST" and action in ("record", "reject"):
            try:
                if action == "record":
                    form = request.form()
                    self.record_deposit(
                        reference,
                        amount=Decimal(form.get("amount") or deposit.amount),
                        outlet=form.get("outlet") or "Agent outlet",
                    )
                else:
                    self.reject_deposit(reference)
            except (ValueError, InvalidOperation) as error:
                return SimResponse.html(f"<p>{html.escape(str(error))}</p>", status=409)
            return SimResponse.redirect(f"/agent/deposits/{quote(reference)}")
        return SimResponse.html(self._agent_page(deposit))

    def _agent_page(self, deposit: SimDeposit) -> str:
        reference = html.escape(deposit.reference)
        status = html.escape(deposit.status)
        forms = ""
        if deposit.status == "PENDING":
            forms = (
                f'<form method="post" action="/agent/deposits/{reference}/record">'
                f'<label>Cash received (Tk) <input name="amount" value="{deposit.amount:.2f}">'
                '</label><input type="hidden" name="outlet" value="Kashinathpur UDC agent outlet">'
                '<button type="submit">Record deposit</button></form>'
                f'<form method="post" action="/agent/deposits/{reference}/reject">'
                '<button type="submit">Reject</button></form>'
            )
        return (
            "<!doctype html><html><head><meta charset='utf-8'><title>Agent banking</title>"
            f"</head><body><h1>{html.escape(BANK_NAME)}: agent outlet</h1>"
            f"<p>Deposit <strong>{reference}</strong> into {html.escape(deposit.account_name)} "
            f"({html.escape(deposit.merchant_account)}): Tk {deposit.amount:.2f}</p>"
            f"<p>Status: <strong id='status'>{status}</strong></p>{forms}</body></html>"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8711)
    parser.add_argument("--host", default="127.0.0.1")
    arguments = parser.parse_args()
    serve_forever(AgentBankSimulator(host=arguments.host, port=arguments.port))


if __name__ == "__main__":
    main()
