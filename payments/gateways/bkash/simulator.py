"""A bKash Tokenized Checkout (v1.2.0-beta) on loopback, for tests and the demo.

It speaks the protocol as PAYMENTS.md describes it: token grant and refresh (credentials in
headers and body), `authorization` (raw or `Bearer `) and `x-app-key` on every other call,
create / execute / payment/status / capture / void with bKash's status codes, refund v2 and its
status on the host root (also under /v1.2.0-beta/), a payment page with "Pay" and "Cancel", the
browser's return to `callbackURL?paymentID=..&status=..&signature=..`, and notifications as
AWS SNS messages signed with its own certificate (served at /sns/...pem).

Knobs for tests: `approve`, `complete_now` (the payment completes without Haat's execute:
execute then answers "already completed"), `confirm_amount` / `confirm_currency` (report
something else than was asked), `refuse(endpoint, code)`, `expire_tokens`,
`deliver_notification(payment_id, variant=...)` (valid, unsigned, bad_signature, tampered,
foreign_cert), `redeliver`, `send_subscription_confirmation`, and the base's `inject`.
"""

from __future__ import annotations

import argparse
import html
import secrets
import threading
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from plugins.framework.simulation import SimRequest, SimResponse, Simulator, serve_forever

from .simulator_notifications import SnsOutbox
from .simulator_refunds import RefundDesk
from .simulator_state import SimPayment, bkash_time, status
from .simulator_tokens import TokenDesk

CHECKOUT_PREFIX = "/v1.2.0-beta/tokenized/checkout"
PAGE_PATH = "/checkout/pay"
DEMO_CREDENTIALS = {
    "username": "sim-merchant",
    "password": "sim-password-not-a-secret",
    "app_key": "sim-app-key",
    "app_secret": "sim-app-secret-not-a-secret",
}


def checkout_base_url(origin: str) -> str:
    return origin.rstrip("/") + CHECKOUT_PREFIX


class BkashSimulator(Simulator):
    name = "bkash-simulator"

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        ipn_url: str | None = None,
        auto_notify: bool = True,
        token_lifetime: int = 3600,
        signature_version: str = "1",
        topic_arn: str = "arn:aws:sns:ap-southeast-1:000000000000:bkash-simulator",
    ) -> None:
        super().__init__(host=host, port=port)
        self.ipn_url = ipn_url
        self.auto_notify = auto_notify
        self.outbox = SnsOutbox(self, signature_version=signature_version, topic_arn=topic_arn)
        self.payments: dict[str, SimPayment] = {}
        self.token_desk = TokenDesk(self.lock, DEMO_CREDENTIALS, lifetime=token_lifetime)
        self.refusals: dict[str, tuple[str, str]] = {}
        self.lost_answers: dict[str, int] = {}
        self._answers_released = threading.Event()
        self.refund_desk = RefundDesk(self)

    def stop(self) -> None:
        self._answers_released.set()
        self.outbox.join()  # deliveries under way end before the server does
        super().stop()
        self._answers_released.clear()

    # --- knobs ---------------------------------------------------------------------------------

    def approve(self, payment_id: str) -> None:
        """The customer entered their PIN on bKash's page (without the browser)."""
        with self.lock:
            self.payments[payment_id].approved = True

    def complete_now(self, payment_id: str) -> None:
        """The payment completes at bKash behind Haat's back (its execute's answer was lost)."""
        with self.lock:
            payment = self.payments[payment_id]
            payment.approved = True
            self._complete(payment)

    def confirm_amount(self, payment_id: str, amount: str) -> None:
        with self.lock:
            self.payments[payment_id].reported_amount = Decimal(amount)

    def confirm_currency(self, payment_id: str, currency: str) -> None:
        with self.lock:
            self.payments[payment_id].reported_currency = currency

    def refuse(self, endpoint: str, code: str, message: str = "Refused by the simulator") -> None:
        """The next call of `endpoint` (create, execute, payment/status, ...) answers `code`."""
        with self.lock:
            self.refusals[endpoint] = (code, message)

    def lose_answer(self, endpoint: str, times: int = 1) -> None:
        """The next `times` calls of `endpoint` are carried out, but their answers never arrive
        (held until `stop()`): the client times out not knowing that it happened."""
        with self.lock:
            self.lost_answers[endpoint] = self.lost_answers.get(endpoint, 0) + times

    def expire_tokens(self) -> None:
        """Every id_token stops working (bKash answers 401 until a new grant)."""
        with self.lock:
            self.token_desk.tokens.clear()

    def calls(self, endpoint: str) -> list[SimRequest]:
        """The recorded requests to an API endpoint (`token/grant`, `execute`, ...)."""
        return [r for r in self.requests if r.path == f"{CHECKOUT_PREFIX}/{endpoint}"]

    # --- HTTP ----------------------------------------------------------------------------------

    def handle(self, request: SimRequest) -> SimResponse:
        response = self._route(request)
        endpoint = request.path.rsplit("/checkout/", 1)[-1]
        if request.path.endswith("/refund/payment/transaction"):
            endpoint = "refund"
        with self.lock:
            lose = self.lost_answers.get(endpoint, 0) > 0
            if lose:
                self.lost_answers[endpoint] -= 1
        if lose:
            self._answers_released.wait()
        return response

    def _route(self, request: SimRequest) -> SimResponse:
        path = request.path
        if path == PAGE_PATH:
            return self._page(request) if request.method == "GET" else self._choose(request)
        if path.startswith("/sns/"):
            return self.outbox.serve(request) or SimResponse(404, b"")
        if path.endswith("/v2/tokenized-checkout/refund/payment/transaction"):
            return self._authorized(request, self.refund_desk.refund)
        if path.endswith("/v2/tokenized-checkout/refund/payment/status"):
            return self._authorized(request, self.refund_desk.status)
        if not path.startswith(CHECKOUT_PREFIX + "/") or request.method != "POST":
            return SimResponse.json({"message": "Not Found"}, status=404)
        endpoint = path[len(CHECKOUT_PREFIX) + 1 :]
        if endpoint in ("token/grant", "token/refresh"):
            body = self._body(request)
            if body is None:
                return SimResponse.json({"message": "Invalid request body"}, status=400)
            if endpoint == "token/grant":
                return self.token_desk.grant(request, body)
            return self.token_desk.refresh(request, body)
        handlers = {
            "create": self._create,
            "execute": self._execute,
            "payment/status": self._query,
            "payment/confirm/capture": self._capture,
            "payment/confirm/void": self._void,
        }
        handler = handlers.get(endpoint)
        if handler is None:
            return SimResponse.json({"message": "Not Found"}, status=404)
        if not self.token_desk.accepts(request):
            return SimResponse.json({"message": "Unauthorized"}, status=401)
        with self.lock:
            refusal = self.refusals.pop(endpoint, None)
        if refusal is not None:
            return status(*refusal)
        return self._authorized(request, handler)

    def _body(self, request: SimRequest) -> dict[str, Any] | None:
        try:
            body = request.json()
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def _authorized(self, request: SimRequest, handler) -> SimResponse:
        if not self.token_desk.accepts(request):
            return SimResponse.json({"message": "Unauthorized"}, status=401)
        body = self._body(request)
        if body is None:
            return SimResponse.json({"message": "Invalid request body"}, status=400)
        return handler(body)

    # --- payments ------------------------------------------------------------------------------

    def _create(self, body: dict[str, Any]) -> SimResponse:
        required = ("mode", "payerReference", "callbackURL", "amount", "currency", "intent")
        if any(not body.get(name) for name in (*required, "merchantInvoiceNumber")):
            if not body.get("merchantInvoiceNumber") and all(body.get(n) for n in required):
                return status("2031", "Invalid merchant invoice number")
            return status("2065", "Mandatory field missing")
        if body["mode"] != "0011":
            return status("2063", "Mode is not valid")
        if body["intent"] not in ("sale", "authorization"):
            return status("2008", "Invalid intent")
        if body["currency"] != "BDT":
            return status("2007", "Invalid currency")
        try:
            amount = Decimal(str(body["amount"]))
        except InvalidOperation:
            return status("2006", "Invalid amount")
        if not amount.is_finite() or amount <= 0 or amount.as_tuple().exponent < -2:  # type: ignore[operator]
            return status("2006", "Invalid amount")
        if not str(body["callbackURL"]).startswith(("http://", "https://")):
            return status("2049", "Invalid Merchant Callback URL")
        payment_id = "TR0011" + secrets.token_hex(8).upper()
        payment = SimPayment(
            payment_id=payment_id,
            amount=amount,
            currency="BDT",
            intent=body["intent"],
            invoice=str(body["merchantInvoiceNumber"]),
            callback_url=str(body["callbackURL"]),
            payer_reference=str(body["payerReference"]),
        )
        with self.lock:
            self.payments[payment_id] = payment
        callback = payment.callback_url
        return SimResponse.json(
            {
                "paymentID": payment_id,
                "bkashURL": f"{self.base_url}{PAGE_PATH}?paymentId={payment_id}",
                "callbackURL": callback,
                "successCallbackURL": self._return_url(payment, "success"),
                "failureCallbackURL": self._return_url(payment, "failure"),
                "cancelledCallbackURL": self._return_url(payment, "cancel"),
                "amount": body["amount"],
                "intent": payment.intent,
                "currency": "BDT",
                "paymentCreateTime": bkash_time(),
                "transactionStatus": "Initiated",
                "merchantInvoiceNumber": payment.invoice,
                "statusCode": "0000",
                "statusMessage": "Successful",
            }
        )

    def _payment(self, body: dict[str, Any]) -> SimPayment | None:
        with self.lock:
            return self.payments.get(str(body.get("paymentID") or ""))

    def _complete(self, payment: SimPayment) -> None:
        """Under the lock: the money moves (or is held, for an authorization)."""
        payment.status = "Completed" if payment.intent == "sale" else "Authorized"
        payment.trx_id = "SIM" + secrets.token_hex(5).upper()
        payment.executed_at = bkash_time()
        if payment.intent == "sale" and self.auto_notify and self.ipn_url:
            self.outbox.in_background(lambda: self.deliver_notification(payment.payment_id))

    def _execute(self, body: dict[str, Any]) -> SimResponse:
        payment = self._payment(body)
        if payment is None:
            return status("2002", "Invalid Payment ID")
        with self.lock:
            if payment.status in ("Completed", "Authorized"):
                return status("2062", "The payment has already been completed")
            if payment.status != "Initiated" or not payment.approved:
                return status("2056", "Invalid Payment State")
            self._complete(payment)
            return SimResponse.json({**payment.record(), "merchantInvoiceNumber": payment.invoice})

    def _query(self, body: dict[str, Any]) -> SimResponse:
        payment = self._payment(body)
        if payment is None:
            return status("2002", "Invalid Payment ID")
        with self.lock:
            refunded = sum((Decimal(r["refundAmount"]) for r in payment.refunds), Decimal(0))
            record = payment.record()
            # One source says query names the invoice `merchantInvoice`: answer that way.
            record["merchantInvoice"] = payment.invoice
            record["verificationStatus"] = "Complete"
            if payment.status == "Completed":
                record["maxRefundableAmount"] = str(payment.amount - refunded)
            return SimResponse.json(record)

    def _capture(self, body: dict[str, Any]) -> SimResponse:
        payment = self._payment(body)
        if payment is None:
            return status("2002", "Invalid Payment ID")
        with self.lock:
            if payment.intent == "authorization" and payment.status == "Completed":
                return status("2119", "Authorized payment already processed")
            if payment.status != "Authorized":
                return status("2056", "Invalid Payment State")
            payment.status = "Completed"
            return SimResponse.json({**payment.record(), "merchantInvoiceNumber": payment.invoice})

    def _void(self, body: dict[str, Any]) -> SimResponse:
        payment = self._payment(body)
        if payment is None:
            return status("2002", "Invalid Payment ID")
        with self.lock:
            if payment.status == "Cancelled":
                return status("2069", "Transaction has already been cancelled")
            if payment.status != "Authorized":
                return status("2056", "Invalid Payment State")
            payment.status = "Cancelled"
            return SimResponse.json({**payment.record(), "merchantInvoiceNumber": payment.invoice})

    # --- the customer's page -------------------------------------------------------------------

    def _return_url(self, payment: SimPayment, outcome: str) -> str:
        separator = "&" if "?" in payment.callback_url else "?"
        query = {"paymentID": payment.payment_id, "status": outcome}
        if outcome == "success":
            query["signature"] = secrets.token_hex(16)  # opaque, as in v1.2.0-beta
        return f"{payment.callback_url}{separator}{urlencode(query)}"

    def _page(self, request: SimRequest) -> SimResponse:
        payment = self.payments.get(request.query.get("paymentId", ""))
        if payment is None:
            return SimResponse.html("<p>Unknown payment.</p>", status=404)
        payment_id = html.escape(payment.payment_id)
        form = (
            f'<form method="post" action="{PAGE_PATH}"><input type="hidden" name="paymentId" '
            f'value="{payment_id}"><input type="hidden" name="choice" value="{{choice}}">'
            '<button type="submit">{label}</button></form>'
        )
        return SimResponse.html(
            "<!doctype html><title>bKash (simulator)</title>"
            f"<h1>Pay {payment.amount} BDT to Haat</h1>"
            f"<p>Invoice {html.escape(payment.invoice)}</p>"
            + form.format(choice="pay", label="Pay")
            + form.format(choice="cancel", label="Cancel")
        )

    def _choose(self, request: SimRequest) -> SimResponse:
        form = request.form()
        with self.lock:
            payment = self.payments.get(form.get("paymentId", ""))
            if payment is None or payment.status != "Initiated":
                return SimResponse.html("<p>This payment cannot be changed.</p>", status=400)
            if form.get("choice") == "pay":
                payment.approved = True
                outcome = "success"
            else:
                payment.status = "Cancelled"
                outcome = "cancel"
        return SimResponse.redirect(self._return_url(payment, outcome), status=302)

    # --- notifications (AWS SNS): see simulator_notifications ---------------------------------

    def deliver_notification(self, payment_id: str, *, variant: str = "valid") -> int:
        """SNS delivers the payment's notification to `ipn_url`; Haat's HTTP status (variants:
        valid, unsigned, bad_signature, tampered, foreign_cert)."""
        return self.outbox.deliver(payment_id, variant=variant)

    def redeliver(self, index: int = -1) -> int:
        """SNS delivers a message again (same MessageId, same body)."""
        return self.outbox.post(self.outbox.sent[index])

    def send_subscription_confirmation(self) -> int:
        return self.outbox.send_subscription_confirmation()

    def wait_for_deliveries(self, count: int, timeout: float = 15.0) -> list[int]:
        """Haat's answers once `count` notifications have been delivered."""
        return self.outbox.wait_for_deliveries(count, timeout)


def main() -> None:
    parser = argparse.ArgumentParser(description="bKash Tokenized Checkout simulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8701)
    parser.add_argument("--ipn-url", default=None, help="Haat's .../haat.payments.bkash/ipn")
    arguments = parser.parse_args()
    serve_forever(
        BkashSimulator(host=arguments.host, port=arguments.port, ipn_url=arguments.ipn_url)
    )


if __name__ == "__main__":
    main()
