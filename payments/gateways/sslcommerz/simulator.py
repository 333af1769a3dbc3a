"""An SSLCommerz v4 simulator on loopback: the session, validation, query and refund APIs, and
the customer's payment page.

It speaks the protocol PAYMENTS.md section 2 describes: `api.php` takes the store credentials
and the payment as a form and answers `GatewayPageURL`; the page (`gw.php?Q=pay&SESSIONKEY=..`)
has Pay, Fail and Cancel buttons; pressing one answers an auto-submitting form that POSTs the
signed result fields to the merchant's success, fail or cancel URL (in the browser), and the
same fields go to the merchant's `ipn_url` from a thread. Where sources disagree it accepts both
forms ([U] in PAYMENTS.md): refund answers can be given in either casing.

Test knobs: `risk_level` of new payments, `confirm_amount` / `confirm_currency` (SSLCommerz
confirms something other than what was asked), `complete` (paid without the page, as from
another tab), `send_ipn(..., mode="forged" | "unsigned" | "tampered")`, `redeliver_ipn`,
`auto_ipn`, `refund_outcome`, `answer_casing`, `settle_refund`, `lost_refund_answers` (the
refund is made, its answer hangs) and the base's `inject`.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from datetime import datetime
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

import httpx

from plugins.framework.simulation import SimRequest, SimResponse, Simulator, serve_forever

from .client import MERCHANT_API_PATH, SESSION_PATH, VALIDATION_PATH
from .crypto import sign, signed_string
from .simulator_pages import parse_form, payment_page, redirect_form
from .simulator_records import SimPayment, SimRefund, payment_record

PAGE_PATH = "/gwprocess/v4/gw.php"
STORE_ID = "haat0sim0001"
STORE_PASSWORD = "haat0sim0001@ssl"  # noqa: S105 (the simulator's fake credential)
MIN_AMOUNT, MAX_AMOUNT = Decimal("10.00"), Decimal("500000.00")
REQUIRED_SESSION_FIELDS = (
    "total_amount",
    "currency",
    "tran_id",
    "success_url",
    "fail_url",
    "cancel_url",
    "cus_name",
    "cus_email",
    "cus_add1",
    "cus_city",
    "cus_country",
    "cus_phone",
    "shipping_method",
    "product_name",
    "product_category",
    "product_profile",
)
PASSTHROUGH = ("value_a", "value_b", "value_c", "value_d")


class SslcommerzSimulator(Simulator):
    name = "sslcommerz-simulator"

    def __init__(
        self,
        *,
        store_id: str = STORE_ID,
        store_password: str = STORE_PASSWORD,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        super().__init__(host=host, port=port)
        self.store_id = store_id
        self.store_password = store_password
        self.payments: dict[str, SimPayment] = {}
        self.risk_level = 0  # of payments created from now on
        self.auto_ipn = True
        self.refund_outcome = "success"  # or "processing", "failed"
        self.answer_casing = "lower"  # or "upper": SUCCESS / PROCESSING / FAILED
        self.lost_refund_answers = 0  # refunds made whose answer hangs until `release()`
        self.ipn_deliveries: list[tuple[str, str, int | None]] = []  # tran_id, status, HTTP
        self._delivered = threading.Condition()

    # --- knobs ---------------------------------------------------------------------------------

    def payment(self, tran_id: str) -> SimPayment:
        with self.lock:
            return self.payments[tran_id]

    def confirm_amount(self, tran_id: str, amount: Decimal) -> None:
        """SSLCommerz will confirm `amount` for this payment instead of what was asked."""
        with self.lock:
            self.payments[tran_id].confirmed_amount = Decimal(amount)

    def confirm_currency(self, tran_id: str, currency: str) -> None:
        with self.lock:
            self.payments[tran_id].confirmed_currency = currency

    def complete(self, tran_id: str, status: str = "VALID") -> SimPayment:
        """The customer finished paying without the merchant seeing it (another tab, a lost
        redirect): the payment is settled at the gateway and nothing is sent."""
        with self.lock:
            payment = self.payments[tran_id]
            self._settle(payment, status)
            return payment

    def settle_refund(self, refund_ref_id: str, status: str = "refunded") -> None:
        with self.lock:
            for payment in self.payments.values():
                for refund in payment.refunds:
                    if refund.refund_ref_id == refund_ref_id:
                        refund.status = status

    def result_fields(self, tran_id: str) -> dict[str, str]:
        """The signed fields SSLCommerz POSTs to the merchant for this payment's outcome."""
        with self.lock:
            return self._result_fields(self.payments[tran_id])

    def send_ipn(
        self, tran_id: str, *, mode: str = "genuine", changes: dict[str, str] | None = None
    ) -> httpx.Response:
        """POST the payment's IPN now: genuine, or forged (signed with another password),
        unsigned, or tampered (`changes` applied after signing)."""
        with self.lock:
            payment = self.payments[tran_id]
            fields = self._result_fields(payment)
            url = payment.request.get("ipn_url", "")
        if mode == "forged":
            fields["verify_sign"] = sign(fields, fields["verify_key"].split(","), "not-the-key")
        elif mode == "unsigned":
            fields.pop("verify_sign", None)
            fields.pop("verify_sign_sha2", None)
            fields.pop("verify_key", None)
        elif mode != "tampered" and mode != "genuine":
            raise ValueError(f"Unknown IPN mode {mode!r}.")
        fields.update(changes or {})
        response = httpx.post(url, data=fields, timeout=10.0)
        with self._delivered:
            self.ipn_deliveries.append((tran_id, fields.get("status", ""), response.status_code))
            self._delivered.notify_all()
        return response

    def redeliver_ipn(self, tran_id: str) -> httpx.Response:
        return self.send_ipn(tran_id)

    def wait_for_ipn(self, tran_id: str, count: int = 1, timeout: float = 10.0) -> None:
        """Wait until `count` IPNs for the payment were answered (delivered from a thread)."""

        def arrived() -> bool:
            return sum(1 for sent in self.ipn_deliveries if sent[0] == tran_id) >= count

        with self._delivered:
            if not self._delivered.wait_for(arrived, timeout=timeout):
                raise TimeoutError(f"no IPN for {tran_id} within {timeout} s")

    parse_form = staticmethod(parse_form)

    # --- the protocol --------------------------------------------------------------------------

    def handle(self, request: SimRequest) -> SimResponse:
        if request.path == SESSION_PATH and request.method == "POST":
            return self._create_session(request.form())
        if request.path == PAGE_PATH:
            return self._page(request)
        if request.path == VALIDATION_PATH and request.method == "GET":
            return self._validate(request.query)
        if request.path == MERCHANT_API_PATH and request.method == "GET":
            return self._merchant_api(request.query)
        return SimResponse.json({"error": "not found"}, status=404)

    def _authorized(self, values: dict[str, str]) -> bool:
        return (
            values.get("store_id") == self.store_id
            and values.get("store_passwd") == self.store_password
        )

    def _create_session(self, form: dict[str, str]) -> SimResponse:
        def failed(reason: str) -> SimResponse:
            return SimResponse.json({"status": "FAILED", "failedreason": reason})

        if not self._authorized(form):
            return failed("Store Credential Error Or Store is De-active")
        missing = [name for name in REQUIRED_SESSION_FIELDS if not form.get(name)]
        if missing:
            return failed(f"Invalid Information: {missing[0]} is required")
        try:
            amount = Decimal(form["total_amount"])
        except InvalidOperation:
            return failed("Invalid Information: total_amount")
        if not MIN_AMOUNT <= amount <= MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
            return failed("Invalid Information: total_amount must be 10.00 to 500000.00")
        if form["currency"] != "BDT":
            return failed("Invalid Information: currency")
        tran_id = form["tran_id"]
        if len(tran_id) > 30:
            return failed("Invalid Information: tran_id is longer than 30 characters")
        with self.lock:
            if tran_id in self.payments:
                return failed("Duplicate tran_id")
            session_key = secrets.token_hex(16).upper()
            self.payments[tran_id] = SimPayment(
                tran_id=tran_id,
                session_key=session_key,
                amount=amount,
                currency=form["currency"],
                request=dict(form),
                risk_level=self.risk_level,
            )
        page = f"{self.base_url}{PAGE_PATH}?{urlencode({'Q': 'pay', 'SESSIONKEY': session_key})}"
        return SimResponse.json(
            {
                "status": "SUCCESS",
                "failedreason": "",
                "sessionkey": session_key,
                "GatewayPageURL": page,
                "redirectGatewayURL": page,
                "storeBanner": "",
                "storeLogo": "",
                "is_direct_pay_enable": "0",
            }
        )

    def _by_session(self, session_key: str) -> SimPayment | None:
        with self.lock:
            for payment in self.payments.values():
                if payment.session_key == session_key:
                    return payment
        return None

    def _page(self, request: SimRequest) -> SimResponse:
        payment = self._by_session(request.query.get("SESSIONKEY", ""))
        if payment is None:
            return SimResponse.html("<h1>Invalid session</h1>", status=404)
        if request.method == "GET":
            return SimResponse.html(payment_page(payment, request.query["SESSIONKEY"], PAGE_PATH))
        choice = request.form().get("action", "")
        outcome = {"pay": "VALID", "fail": "FAILED", "cancel": "CANCELLED"}.get(choice)
        if outcome is None:
            return SimResponse.html("<h1>Unknown action</h1>", status=400)
        with self.lock:
            if payment.status != "UNATTEMPTED":
                return SimResponse.html("<h1>This session is closed</h1>", status=409)
            self._settle(payment, outcome)
            fields = self._result_fields(payment)
            target = {"VALID": "success_url", "FAILED": "fail_url", "CANCELLED": "cancel_url"}
            url = payment.request[target[outcome]]
            deliver = self.auto_ipn and bool(payment.request.get("ipn_url"))
        if deliver:
            threading.Thread(
                target=self._deliver_quietly, args=(payment.tran_id,), daemon=True
            ).start()
        return SimResponse.html(redirect_form(url, fields))

    def _deliver_quietly(self, tran_id: str) -> None:
        try:
            self.send_ipn(tran_id)
        except httpx.HTTPError:
            with self._delivered:
                self.ipn_deliveries.append((tran_id, "", None))
                self._delivered.notify_all()

    def _settle(self, payment: SimPayment, status: str) -> None:
        payment.status = status
        payment.tran_date = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        if status == "VALID":
            stamp = datetime.now().strftime("%y%m%d%H%M%S")
            payment.val_id = f"{stamp}{secrets.token_hex(6)}"
            payment.bank_tran_id = f"{stamp}{secrets.randbelow(10**8):08d}"

    def _result_fields(self, payment: SimPayment) -> dict[str, str]:
        fields = payment_record(payment)
        fields["status"] = payment.status  # the callback says VALID, never VALIDATED
        if payment.status != "VALID":
            fields["error"] = {"FAILED": "Declined by the issuer", "CANCELLED": "Cancelled"}.get(
                payment.status, ""
            )
        fields["store_id"] = self.store_id
        fields.update({name: payment.request.get(name, "") for name in PASSTHROUGH})
        keys = sorted(fields)
        fields["verify_key"] = ",".join(keys)
        fields["verify_sign"] = sign(fields, keys, self.store_password)
        plain = signed_string(fields, keys, self.store_password).encode()
        fields["verify_sign_sha2"] = hashlib.sha256(plain).hexdigest()
        return fields

    def _validate(self, query: dict[str, str]) -> SimResponse:
        if not self._authorized(query):
            return SimResponse.json({"APIConnect": "INVALID_REQUEST"})
        with self.lock:
            val_id = query.get("val_id")
            found = [p for p in self.payments.values() if p.val_id and p.val_id == val_id]
            if not found:
                return SimResponse.json({"status": "INVALID_TRANSACTION", "APIConnect": "DONE"})
            payment = found[0]
            record = payment_record(payment)
            payment.validations += 1
            record.update({"APIConnect": "DONE", "validated_on": payment.tran_date})
            record.update({name: payment.request.get(name, "") for name in PASSTHROUGH})
            return SimResponse.json(record)

    def _merchant_api(self, query: dict[str, str]) -> SimResponse:
        if not self._authorized(query):
            return SimResponse.json({"APIConnect": "INVALID_REQUEST"})
        if query.get("refund_ref_id"):
            return self._refund_status(query["refund_ref_id"])
        if query.get("bank_tran_id"):
            return self._refund(query)
        if query.get("tran_id") or query.get("sessionkey"):
            return self._query(query)
        return SimResponse.json({"APIConnect": "INVALID_REQUEST"})

    def _query(self, query: dict[str, str]) -> SimResponse:
        with self.lock:
            found = [
                p
                for p in self.payments.values()
                if (query.get("tran_id") and p.tran_id == query["tran_id"])
                or (query.get("sessionkey") and p.session_key == query["sessionkey"])
            ]
            elements = [payment_record(payment) for payment in found]
        return SimResponse.json(
            {"APIConnect": "DONE", "no_of_trans_found": len(elements), "element": elements}
        )

    def _cased(self, status: str) -> str:
        return status.upper() if self.answer_casing == "upper" else status

    def _refund(self, query: dict[str, str]) -> SimResponse:
        if not query.get("refund_amount") or not query.get("refund_remarks"):
            return SimResponse.json({"APIConnect": "INVALID_REQUEST", "status": "failed"})
        with self.lock:
            found = [p for p in self.payments.values() if p.bank_tran_id == query["bank_tran_id"]]

            def failed(reason: str) -> SimResponse:
                return SimResponse.json(
                    {
                        "APIConnect": "DONE",
                        "bank_tran_id": query["bank_tran_id"],
                        "trans_id": found[0].tran_id if found else "",
                        "refund_ref_id": "",
                        "status": self._cased("failed"),
                        "errorReason": reason,
                    }
                )

            if not found or found[0].status not in ("VALID", "VALIDATED"):
                return failed("Invalid bank transaction ID")
            payment = found[0]
            try:
                amount = Decimal(query["refund_amount"])
            except InvalidOperation:
                return failed("Invalid refund amount")
            if amount <= 0 or amount > payment.refundable:
                return failed("Refund amount is greater than the refundable amount")
            if self.refund_outcome == "failed":
                return failed("Refund is not allowed for this transaction")
            processing = self.refund_outcome == "processing"
            refund = SimRefund(
                refund_ref_id=f"RF{secrets.token_hex(8).upper()}",
                bank_tran_id=payment.bank_tran_id,
                tran_id=payment.tran_id,
                amount=amount,
                reference=query.get("refe_id", ""),
                status="processing" if processing else "refunded",
            )
            payment.refunds.append(refund)
            lose_answer = self.lost_refund_answers > 0
            self.lost_refund_answers -= int(lose_answer)
        if lose_answer:
            self._released.wait()  # the refund is made; the merchant never hears of it
        return SimResponse.json(
            {
                "APIConnect": "DONE",
                "bank_tran_id": refund.bank_tran_id,
                "trans_id": refund.tran_id,
                "refund_ref_id": refund.refund_ref_id,
                "status": self._cased("processing" if processing else "success"),
                "errorReason": "",
            }
        )

    def _refund_status(self, refund_ref_id: str) -> SimResponse:
        with self.lock:
            for payment in self.payments.values():
                for refund in payment.refunds:
                    if refund.refund_ref_id == refund_ref_id:
                        return SimResponse.json(
                            {
                                "APIConnect": "DONE",
                                "bank_tran_id": refund.bank_tran_id,
                                "tran_id": refund.tran_id,
                                "refund_ref_id": refund.refund_ref_id,
                                "status": self._cased(refund.status),
                                "errorReason": "",
                            }
                        )
        return SimResponse.json({"APIConnect": "INVALID_REQUEST", "status": "failed"})


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Run the SSLCommerz simulator.")
    parser.add_argument("--port", type=int, default=8021)
    parser.add_argument("--host", default="127.0.0.1")
    arguments = parser.parse_args()
    serve_forever(SslcommerzSimulator(host=arguments.host, port=arguments.port))
