"""What SSLCommerz confirms about a payment, as Haat's session result.

Callbacks and the storefront's word are hints: the answer comes from the validation API (for a
`val_id`) or the transaction query (by `tran_id`), and it counts only when the record carries
our `tran_id`, exactly our amount (to the paisa, not the official library's 1-taka window) and
BDT. A payment SSLCommerz flags as risky (`risk_level` 1) is held for review: Haat records it as
an authorization that staff charge (capture) or cancel (refund) after looking at it.
"""

from __future__ import annotations

from decimal import Decimal

from plugins.framework.interface import TransactionSessionResult

from .client import PaymentRecord, SslcommerzClient

PAID = ("VALID", "VALIDATED")
FAILED = ("FAILED", "CANCELLED", "EXPIRED")
SETTLED_RESULTS = ("CHARGE_SUCCESS", "CHARGE_FAILURE", "AUTHORIZATION_SUCCESS")
PAID_ACTIONS = ("REFUND",)
HELD_ACTIONS = ("CHARGE", "CANCEL")


class Mismatch(Exception):
    """SSLCommerz's record is not the payment Haat asked for: nothing is credited."""


def result_of(
    record: PaymentRecord, *, tran_id: str, expected: Decimal
) -> TransactionSessionResult:
    """The session result for a paid record; raises Mismatch when it is not ours exactly."""
    if record.tran_id != tran_id:
        raise Mismatch(
            f"SSLCommerz's payment {record.val_id or '?'} is for tran_id {record.tran_id!r}, "
            f"not {tran_id!r}."
        )
    if record.amount is None or record.amount != expected:
        raise Mismatch(f"SSLCommerz confirmed {record.amount} BDT, not the {expected} asked for.")
    if not record.currencies or any(currency != "BDT" for currency in record.currencies):
        raise Mismatch(f"SSLCommerz confirmed the currency {'/'.join(record.currencies)}, not BDT.")
    if record.risk_level >= 1:
        title = f" ({record.risk_title})" if record.risk_title else ""
        return TransactionSessionResult(
            result="AUTHORIZATION_SUCCESS",
            amount=record.amount,
            psp_reference=tran_id,
            message=(
                f"Held for review: SSLCommerz flagged the payment as risky{title}. "
                "Charge it to accept it or cancel it to refund it."
            ),
            available_actions=HELD_ACTIONS,
        )
    return TransactionSessionResult(
        result="CHARGE_SUCCESS",
        amount=record.amount,
        psp_reference=tran_id,
        message=f"Paid through SSLCommerz (bank transaction {record.bank_tran_id}).",
        available_actions=PAID_ACTIONS,
    )


def confirm_payment(
    client: SslcommerzClient, *, tran_id: str, expected: Decimal, val_id: str = ""
) -> TransactionSessionResult:
    """Ask SSLCommerz what became of `tran_id`: the validation API for `val_id` when one is
    given, else the transaction query (and the validation API for the payment it reports).
    Raises Mismatch for a record that is not ours, PaymentGatewayError when unreachable."""
    if val_id:
        record = client.validate(val_id)
        if record.status == "INVALID_TRANSACTION":
            raise Mismatch(f"SSLCommerz knows no payment with val_id {val_id!r}.")
        if record.is_paid:
            return result_of(record, tran_id=tran_id, expected=expected)
    records = [record for record in client.query(tran_id=tran_id) if record.tran_id == tran_id]
    paid = [record for record in records if record.is_paid]
    if paid:
        record = paid[0]
        if record.val_id and record.val_id != val_id:
            validated = client.validate(record.val_id)
            if validated.is_paid:
                record = validated
        return result_of(record, tran_id=tran_id, expected=expected)
    if records and all(record.status in FAILED for record in records):
        return TransactionSessionResult(
            result="CHARGE_FAILURE",
            amount=expected,
            psp_reference=tran_id,
            message=f"SSLCommerz: the payment was {records[-1].status.lower()}.",
        )
    status = records[-1].status.lower() if records else "not started"
    return TransactionSessionResult(
        result="CHARGE_ACTION_REQUIRED",
        amount=expected,
        psp_reference=tran_id,
        message=f"SSLCommerz: the payment is {status}.",
    )
