"""An ekPay simulator for tests and the demo: `python -m payments.gateways.ekpay.simulator`.

It speaks ekPay's protocol under `/ekpaypg/v1` (`merchant-api`, the payment page reached by
`?sToken=...&trnsID=...`, `get-status`), keeps the payments, sends the customer back to the
merchant's `s_uri` / `f_uri` / `c_uri` with `transId=<trnx_id>` and posts the IPN to `ipn_uri`.

Test knobs, beside the base's `inject(...)`:
- `ipn_mode`: "async" (a thread posts the IPN after the button is pressed), "before_redirect"
  (posted before the browser is sent back) or "hold" (only when `deliver_ipn` is called: after
  the browser's return); `ipn_repeats = 2` posts every IPN twice;
- `deliver_ipn(trnx_id)`, `send_ipn(payload)`, `ipn_payload(trnx_id, **changes)`,
  `forged_ipn(trnx_id)`: post the real, a changed or a made-up IPN;
- `confirm_next_payment_as(amount=..., currency=...)`: the next payment is recorded with another
  amount or currency than was asked; `decline_next`: the next "Pay" fails (1021);
- `complete(trnx_id)`: the payment is made without the browser ("already completed").

What ekPay does not publish and the simulator invents (docs/payments/ekpay.md): the refusal
codes 4001-4004, 1024 (not paid yet) and 1025 (no such transaction) of `get-status`, the fee
rates, and `dgtl_sign` (an HMAC under a key of the simulator's: Haat cannot check it).
"""

from __future__ import annotations

import argparse
import base64
import hmac
import html
import itertools
import json
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import httpx

from plugins.framework.simulation import SimRequest, SimResponse, Simulator, serve_forever

from .protocol import CURRENCY, DHAKA, MSG_PAID, format_amount
from .simulated_payments import (
    MSG_NOT_FOUND,
    REFUSED_ADDRESS,
    REFUSED_CREDENTIALS,
    REFUSED_DUPLICATE,
    REFUSED_FIELD,
    SimPayment,
    read_payment,
    return_url,
    status_payload,
)

BASE_PATH = "/ekpaypg/v1"
# Obviously fake credentials: the demo and tests configure the plugin with them.
SIM_MERCHANT_ID = "haat_sim_merchant"
SIM_PASSWORD = "sim-only-pass-key-0000"  # noqa: S105 (a simulator's fake)
SIM_SERVER_IP = "127.0.0.1"


@dataclass
class IpnDelivery:
    trnx_id: str
    msg_code: str
    status_code: int | None  # None: Haat could not be reached
    body: bytes = b""


@dataclass
class _NextConfirmation:
    amount: Decimal | None = None
    currency: str | None = None


class EkpaySimulator(Simulator):
    name = "ekpay-simulator"

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        merchant_id: str = SIM_MERCHANT_ID,
        password: str = SIM_PASSWORD,
        whitelisted_ips: tuple[str, ...] = (SIM_SERVER_IP,),
    ) -> None:
        super().__init__(host=host, port=port)
        self.merchant_id = merchant_id
        self.password = password
        self.whitelisted_ips = whitelisted_ips
        self.payments: dict[str, SimPayment] = {}
        self.ipn_mode = "async"
        self.ipn_repeats = 1
        self.decline_next = False
        self.ipn_deliveries: list[IpnDelivery] = []
        self._next = _NextConfirmation()
        self._signing_key = secrets.token_bytes(32)
        self._serial = itertools.count(1)
        self._delivered = threading.Condition(self.lock)

    @property
    def api_base(self) -> str:
        """What the plugin's `base_url` is set to."""
        return f"{self.base_url}{BASE_PATH}"

    def reset(self) -> None:
        """Forget payments, knobs, recorded requests and pending faults: a fresh simulator for
        the next test without the half-second a server takes to stop."""
        self.release()  # requests held by a "timeout" fault end
        with self.lock:
            self.payments.clear()
            self.ipn_deliveries.clear()
            self.requests.clear()
            self._faults.clear()
            self.ipn_mode, self.ipn_repeats, self.decline_next = "async", 1, False
            self._next = _NextConfirmation()
        self._released.clear()

    # --- knobs ---------------------------------------------------------------------------------

    def confirm_next_payment_as(
        self, *, amount: Decimal | None = None, currency: str | None = None
    ) -> None:
        with self.lock:
            self._next = _NextConfirmation(amount, currency)

    def complete(self, trnx_id: str, outcome: str = "paid") -> SimPayment:
        """Settle the payment as if the customer had paid elsewhere; no IPN, no browser."""
        with self.lock:
            payment = self.payments[trnx_id]
            self._settle(payment, outcome)
            return payment

    def ipn_payload(self, trnx_id: str, **changes: Any) -> dict[str, Any]:
        """The IPN ekPay sends for the payment as it stands, signed; `changes` override
        top-level keys or, as `trnx_info__trnx_amt="1.00"`, keys of a section."""
        with self.lock:
            payload = status_payload(self.payments[trnx_id], self._signing_key)
        for name, value in changes.items():
            section, _, key = name.partition("__")
            if key:
                payload[section][key] = value
            else:
                payload[section] = value
        return payload

    def forged_ipn(self, trnx_id: str, msg_code: str = MSG_PAID) -> dict[str, Any]:
        """An IPN claiming an outcome ekPay never recorded, with a made-up signature."""
        payload = self.ipn_payload(trnx_id, msg_code=msg_code, msg_det="Transaction successful")
        payload["basic_Info"]["dgtl_sign"] = base64.b64encode(secrets.token_bytes(32)).decode()
        with self.lock:
            payment = self.payments[trnx_id]
            payload["trnx_info"]["trnx_amt"] = format_amount(payment.amount)
        return payload

    def deliver_ipn(self, trnx_id: str, *, times: int = 1) -> list[int | None]:
        """Post the payment's real IPN now, `times` times; the HTTP statuses Haat answered."""
        return [self.send_ipn(self.ipn_payload(trnx_id)) for _ in range(times)]

    def send_ipn(self, payload: dict[str, Any], url: str | None = None) -> int | None:
        """Post an IPN (real or not) to the payment's `ipn_uri` (or `url`)."""
        reference = str(payload.get("trnx_info", {}).get("mer_trnx_id", ""))
        with self.lock:
            payment = self.payments.get(reference)
            target = url or (str(payment.ipn.get("ipn_uri", "")) if payment else "")
        try:
            response = httpx.post(target, json=payload, timeout=10.0)
            status, body = response.status_code, response.content
        except httpx.HTTPError:
            status, body = None, b""
        with self._delivered:
            self.ipn_deliveries.append(
                IpnDelivery(reference, str(payload.get("msg_code")), status, body)
            )
            self._delivered.notify_all()
        return status

    def wait_for_ipns(self, count: int, timeout: float = 10.0) -> list[IpnDelivery]:
        """Wait until `count` IPNs have been answered (or failed to reach Haat)."""
        with self._delivered:
            if not self._delivered.wait_for(
                lambda: len(self.ipn_deliveries) >= count, timeout=timeout
            ):
                raise TimeoutError(f"{self.name}: {count} IPNs not delivered within {timeout} s")
            return list(self.ipn_deliveries)

    def requests_to(self, endpoint: str) -> list[SimRequest]:
        return [r for r in self.requests if r.path.rstrip("/") == f"{BASE_PATH}/{endpoint}"]

    # --- protocol ------------------------------------------------------------------------------

    def handle(self, request: SimRequest) -> SimResponse:
        path = request.path.rstrip("/")
        if request.method == "POST" and path == f"{BASE_PATH}/merchant-api":
            return self._merchant_api(request)
        if request.method == "POST" and path == f"{BASE_PATH}/get-status":
            return self._get_status(request)
        if request.method == "GET" and path == BASE_PATH:
            return self._payment_page(request)
        if request.method == "POST" and path == f"{BASE_PATH}/pay":
            return self._press_button(request)
        return SimResponse.json({"msg_det": "Not found"}, status=404)

    def _merchant_api(self, request: SimRequest) -> SimResponse:
        try:
            body = request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return SimResponse.json({"msg_det": "Invalid request body"}, status=400)
        merchant = body.get("mer_info") or {}
        if not (
            merchant.get("mer_reg_id") == self.merchant_id
            and hmac.compare_digest(str(merchant.get("mer_pas_key", "")), self.password)
        ):
            return _refused(REFUSED_CREDENTIALS, "Invalid merchant credentials")
        if body.get("mac_addr") not in self.whitelisted_ips:
            return _refused(REFUSED_ADDRESS, "Merchant server address is not whitelisted")
        serial = next(self._serial)
        problem, payment = read_payment(
            body, merchant_id=self.merchant_id, ekpay_trnx_id=f"EKP{700000000000 + serial}"
        )
        if payment is None:
            return _refused(REFUSED_FIELD, problem)
        with self.lock:
            if payment.trnx_id in self.payments:
                return _refused(REFUSED_DUPLICATE, "Duplicate transaction id")
            self.payments[payment.trnx_id] = payment
        return SimResponse.json({"secure_token": payment.secure_token, "msg_det": "Successful"})

    def _get_status(self, request: SimRequest) -> SimResponse:
        try:
            body = request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return SimResponse.json({"msg_det": "Invalid request body"}, status=400)
        with self.lock:
            payment = self.payments.get(str(body.get("trnx_id", "")))
            # `username` is optional (public integrations differ) but must be right if sent.
            username = body.get("username")
            if (
                payment is None
                or (username is not None and username != payment.merchant_id)
                or body.get("trans_date") != payment.requested_at.date().isoformat()
            ):
                return SimResponse.json(
                    {"msg_code": MSG_NOT_FOUND, "msg_det": "No transaction found"}
                )
            return SimResponse.json(status_payload(payment, self._signing_key))

    def _payment_page(self, request: SimRequest) -> SimResponse:
        with self.lock:
            payment = self.payments.get(request.query.get("trnsID", ""))
            if payment is None or payment.secure_token != request.query.get("sToken"):
                return SimResponse.html("<h1>Invalid or expired payment session</h1>", 404)
            hidden = "".join(
                f'<input type="hidden" name="{name}" value="{html.escape(value)}">'
                for name, value in (("sToken", payment.secure_token), ("trnsID", payment.trnx_id))
            )
            amount = format_amount(payment.amount)
            state = payment.status
        buttons = "".join(
            f'<form method="post" action="{BASE_PATH}/pay">{hidden}'
            f'<button type="submit" name="action" value="{action}">{label}</button></form>'
            for action, label in (("pay", "Pay"), ("cancel", "Cancel"))
        )
        return SimResponse.html(
            f"<!doctype html><title>ekPay (simulator)</title><h1>ekPay</h1>"
            f"<p>Pay <strong>{amount} {CURRENCY}</strong> to {html.escape(self.merchant_id)} "
            f"(transaction {html.escape(payment.trnx_id)}, {state}).</p>{buttons}"
        )

    def _press_button(self, request: SimRequest) -> SimResponse:
        form = request.form()
        with self.lock:
            payment = self.payments.get(form.get("trnsID", ""))
            if payment is None or payment.secure_token != form.get("sToken"):
                return SimResponse.html("<h1>Invalid or expired payment session</h1>", 404)
            if payment.status != "initiated":  # pressed again: back where it went
                return SimResponse.redirect(return_url(payment))
            if form.get("action") == "cancel":
                outcome = "cancelled"
            else:
                outcome = "failed" if self.decline_next else "paid"
                self.decline_next = False
            self._settle(payment, outcome)
            mode, repeats, trnx_id = self.ipn_mode, self.ipn_repeats, payment.trnx_id
        if mode == "before_redirect":
            self.deliver_ipn(trnx_id, times=repeats)
        elif mode == "async":
            threading.Thread(
                target=self.deliver_ipn, args=(trnx_id,), kwargs={"times": repeats}, daemon=True
            ).start()
        return SimResponse.redirect(return_url(payment))

    def _settle(self, payment: SimPayment, outcome: str) -> None:
        payment.status = outcome
        payment.paid_at = datetime.now(DHAKA)
        if outcome == "paid":
            payment.paid_amount = (
                self._next.amount if self._next.amount is not None else payment.amount
            )
            payment.paid_currency = self._next.currency or CURRENCY
            self._next = _NextConfirmation()


def _refused(code: str, detail: str) -> SimResponse:
    return SimResponse.json({"secure_token": None, "msg_code": code, "msg_det": detail})


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the ekPay simulator.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8431)
    arguments = parser.parse_args()
    simulator = EkpaySimulator(host=arguments.host, port=arguments.port)
    print(
        json.dumps(
            {
                "base_url": f"http://{arguments.host}:{arguments.port}{BASE_PATH}",
                "merchant_id": simulator.merchant_id,
                "server_ip": SIM_SERVER_IP,
            }
        ),
        flush=True,
    )
    serve_forever(simulator)


if __name__ == "__main__":
    main()
