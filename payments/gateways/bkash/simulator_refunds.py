"""The simulator's refund API (v2): refund a completed payment up to ten times, never beyond
what was paid; errors in the refund API's own envelope (HTTP 400 with `externalCode`)."""

from __future__ import annotations

import secrets
from decimal import Decimal, InvalidOperation
from typing import Any

from plugins.framework.simulation import SimResponse

from .simulator_state import SimulatorState, bkash_time

MAX_REFUNDS = 10


def refund_error(code: str, message: str) -> SimResponse:
    return SimResponse.json(
        {
            "internalCode": f"RF{code}",
            "externalCode": code,
            "errorMessageEn": message,
            "errorMessageBn": message,
        },
        status=400,
    )


class RefundDesk:
    def __init__(self, simulator: SimulatorState) -> None:
        self.simulator = simulator

    def _payment(self, body: dict[str, Any]):
        payment = self.simulator.payments.get(str(body.get("paymentId") or ""))
        if payment is None or payment.status != "Completed":
            return None
        if str(body.get("trxId") or "") != payment.trx_id:
            return None
        return payment

    def refund(self, body: dict[str, Any]) -> SimResponse:
        with self.simulator.lock:
            payment = self._payment(body)
            if payment is None:
                return refund_error("2077", "Invalid TrxID")
            if not str(body.get("sku") or "").strip():
                return refund_error("2073", "Invalid SKU")
            if not str(body.get("reason") or "").strip():
                return refund_error("2078", "Invalid Reason")
            try:
                amount = Decimal(str(body.get("refundAmount")))
            except InvalidOperation:
                return refund_error("2072", "Refund amount not valid")
            refunded = sum((Decimal(r["refundAmount"]) for r in payment.refunds), Decimal(0))
            if (
                not amount.is_finite()
                or amount <= 0
                or amount.as_tuple().exponent < -2  # type: ignore[operator]
                or amount > payment.amount - refunded
            ):
                return refund_error("2072", "Refund amount not valid")
            if len(payment.refunds) >= MAX_REFUNDS:
                return refund_error("2074", "Transaction cannot be reversed")
            made = {
                "refundTrxId": "RF" + secrets.token_hex(5).upper(),
                "refundTransactionStatus": "Completed",
                "refundAmount": str(amount),
                "completedTime": bkash_time(),
            }
            payment.refunds.append(made)
            return SimResponse.json(
                {
                    "originalTrxId": payment.trx_id,
                    **made,
                    "originalTrxAmount": str(payment.amount),
                    "currency": "BDT",
                    "sku": body["sku"],
                    "reason": body["reason"],
                }
            )

    def status(self, body: dict[str, Any]) -> SimResponse:
        with self.simulator.lock:
            payment = self._payment(body)
            if payment is None:
                return refund_error("2077", "Invalid TrxID")
            return SimResponse.json(
                {
                    "originalTrxId": payment.trx_id,
                    "originalTrxAmount": str(payment.amount),
                    "originalTrxCompletedTime": payment.executed_at,
                    "refundTransactions": [dict(r) for r in payment.refunds],
                }
            )
