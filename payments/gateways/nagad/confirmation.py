"""What Nagad's `verify/payment` record means for a transaction: paid (credit it), failed,
still pending, or not ours (a mismatch: never credited).

Paid is `status == "Success"` (or `statusCode == "000"` [U]) with our merchant id, our order id
and exactly our amount (to the paisa); a currency, when the record names one, must be BDT.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from plugins.framework.interface import TransactionSessionResult

from .client import CURRENCY_CODE, Verification

PAID_STATUS = "Success"
PAID_STATUS_CODE = "000"
# Seen in Nagad's callbacks and clients: the customer aborted, the payment failed, or the
# issuer cancelled it before it completed.
FAILED_STATUSES = frozenset({"Aborted", "Failed", "Cancelled", "Canceled"})
BDT_CODES = frozenset({CURRENCY_CODE, "BDT"})
ORDER_ID_LENGTH = 20


def order_reference(transaction_token: str | UUID) -> str:
    """Nagad's orderId for a transaction: the first 20 hex digits of its token (alphanumeric,
    at most 20 characters [U]; 76 random bits). The transaction is found again by Nagad's
    payment reference (its psp_reference); this id is checked against Nagad's record."""
    token = transaction_token if isinstance(transaction_token, UUID) else UUID(transaction_token)
    return token.hex[:ORDER_ID_LENGTH]


@dataclass(frozen=True)
class ExpectedPayment:
    """What Haat asked Nagad for."""

    payment_ref_id: str
    merchant_id: str
    order_id: str
    amount: Decimal


@dataclass(frozen=True)
class Confirmation:
    outcome: str  # "paid", "failed", "pending" or "mismatch"
    detail: str
    status: str
    amount: Decimal | None = None
    issuer_payment_ref: str = ""

    @property
    def is_paid(self) -> bool:
        return self.outcome == "paid"


def confirm(verification: Verification, expected: ExpectedPayment) -> Confirmation:
    status = verification.status or verification.status_code
    problems = []
    if verification.payment_ref_id and verification.payment_ref_id != expected.payment_ref_id:
        problems.append(f"payment {verification.payment_ref_id!r} is not ours")
    if verification.merchant_id != expected.merchant_id:
        problems.append(f"merchant {verification.merchant_id!r} is not ours")
    if verification.order_id != expected.order_id:
        problems.append(f"order {verification.order_id!r} is not {expected.order_id!r}")
    if verification.currency_code is not None and verification.currency_code not in BDT_CODES:
        problems.append(f"currency {verification.currency_code!r} is not BDT")
    is_paid = verification.status == PAID_STATUS or verification.status_code == PAID_STATUS_CODE
    if is_paid and verification.amount != expected.amount:
        problems.append(f"amount {verification.amount} is not {expected.amount}")
    if problems:
        return Confirmation(
            "mismatch", "Nagad's record does not match: " + "; ".join(problems) + ".", status
        )
    if is_paid:
        return Confirmation(
            "paid",
            f"Nagad confirmed {verification.amount} BDT"
            + (
                f" (transaction {verification.issuer_payment_ref})."
                if verification.issuer_payment_ref
                else "."
            ),
            status,
            amount=verification.amount,
            issuer_payment_ref=verification.issuer_payment_ref,
        )
    if verification.status in FAILED_STATUSES:
        return Confirmation("failed", f"Nagad reports the payment {verification.status}.", status)
    return Confirmation("pending", f"Nagad reports the payment {status or 'unknown'}.", status)


def session_result(
    confirmation: Confirmation, expected: ExpectedPayment, *, data: dict[str, Any] | None
) -> TransactionSessionResult:
    """The transaction event for Nagad's word. Its reference is Nagad's payment reference in
    every path (return, process), so the payment settles once (Nagad's own transaction id, the
    issuer reference, is in the message)."""
    if confirmation.is_paid:
        assert confirmation.amount is not None
        return TransactionSessionResult(
            result="CHARGE_SUCCESS",
            amount=confirmation.amount,
            psp_reference=expected.payment_ref_id,
            message=confirmation.detail,
            data=data,
            available_actions=(),
        )
    result = "CHARGE_ACTION_REQUIRED" if confirmation.outcome == "pending" else "CHARGE_FAILURE"
    return TransactionSessionResult(
        result=result,
        amount=expected.amount,
        psp_reference=expected.payment_ref_id,
        message=confirmation.detail,
        data=data,
        available_actions=(),
    )
