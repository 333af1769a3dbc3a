"""What bKash confirms about a payment, and what Haat makes of it.

A callback, a notification or the storefront's word is only a hint. Money is credited when
bKash itself (execute's or query's answer) says the payment is `Completed` (or `Authorized` in
the authorization flow) for exactly the amount asked, in BDT, under Haat's invoice number (the
transaction's token). Execute is called where bKash expects it (the customer came back with
"success"); any error or timeout there is followed by a query, never by a new payment.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from plugins.framework.interface import PaymentGatewayError, TransactionSessionResult

from .client import BkashClient, BkashPayment, BkashRefusal

logger = logging.getLogger(__name__)

SALE = "sale"
AUTHORIZATION = "authorization"
PAID = "paid"
AUTHORIZED = "authorized"
PENDING = "pending"
FAILED = "failed"
MISMATCH = "mismatch"
# Statuses after which execute has nothing left to do.
SETTLED_STATUSES = frozenset({"Completed", "Authorized", "Cancelled", "Failed", "Expired"})
NOT_YET_STATUSES = frozenset({"Initiated", "Pending", ""})


@dataclass(frozen=True)
class Expected:
    """What Haat asked bKash for."""

    payment_id: str
    invoice: str  # the transaction's token, sent as merchantInvoiceNumber
    amount: Decimal
    intent: str = SALE


@dataclass(frozen=True)
class Verdict:
    outcome: str  # PAID, AUTHORIZED, PENDING, FAILED or MISMATCH
    reason: str
    payment: BkashPayment | None = None


def judge(payment: BkashPayment, expected: Expected) -> Verdict:
    """bKash's record of the payment against what Haat asked for."""
    if payment.payment_id != expected.payment_id:
        return Verdict(MISMATCH, f"bKash answered for payment {payment.payment_id}.", payment)
    done = {"Completed"} if expected.intent == SALE else {"Authorized", "Completed"}
    if payment.status in done:
        if payment.merchant_invoice and payment.merchant_invoice != expected.invoice:
            return Verdict(MISMATCH, "bKash's record carries another invoice number.", payment)
        if not payment.merchant_invoice:
            return Verdict(MISMATCH, "bKash's record carries no invoice number.", payment)
        if payment.currency != "BDT":
            return Verdict(MISMATCH, f"bKash confirmed {payment.currency!r}, not BDT.", payment)
        if payment.amount != expected.amount:
            return Verdict(
                MISMATCH,
                f"bKash confirmed {payment.amount} BDT, not the {expected.amount} asked.",
                payment,
            )
        outcome = PAID if expected.intent == SALE else AUTHORIZED
        return Verdict(outcome, f"bKash trxID {payment.trx_id}", payment)
    if payment.status in NOT_YET_STATUSES:
        return Verdict(PENDING, "The customer has not paid on bKash yet.", payment)
    return Verdict(FAILED, f"bKash says the payment is {payment.status}.", payment)


def _execute(client: BkashClient, payment_id: str) -> BkashPayment | None:
    """Execute's answer, or None when it gave none worth trusting (then query)."""
    try:
        return client.execute_payment(payment_id)
    except BkashRefusal as refusal:
        if refusal.already_completed:
            logger.info("bKash execute: %s already completed, querying", payment_id)
        else:
            logger.info("bKash execute of %s refused (%s), querying", payment_id, refusal.code)
    except PaymentGatewayError as error:
        logger.warning("bKash execute of %s unanswered (%s), querying", payment_id, error)
    return None


def _query(client: BkashClient, payment_id: str) -> BkashPayment:
    """Query's answer; a refusal to answer tells nothing about the payment (unknown)."""
    try:
        return client.query_payment(payment_id)
    except BkashRefusal as refusal:
        raise PaymentGatewayError(
            f"bKash did not tell the payment's status ({refusal.code} {refusal.message})."
        ) from None


def confirm(client: BkashClient, expected: Expected, *, execute_first: bool) -> Verdict:
    """bKash's verdict on the payment. `execute_first`: the customer came back with
    "success", so execute (then query on any error); otherwise query, and execute only while
    bKash still waits for it. Raises PaymentGatewayError when bKash cannot be asked."""
    if not execute_first:
        queried = _query(client, expected.payment_id)
        if queried.status not in NOT_YET_STATUSES:
            return judge(queried, expected)
    executed = _execute(client, expected.payment_id)
    if executed is not None and executed.status in SETTLED_STATUSES:
        return judge(executed, expected)
    return judge(_query(client, expected.payment_id), expected)


def query(client: BkashClient, expected: Expected) -> Verdict:
    """bKash's verdict from a query alone (a notification, a failure or cancel callback)."""
    return judge(_query(client, expected.payment_id), expected)


def session_result(
    verdict: Verdict, expected: Expected, *, data: dict | None = None
) -> TransactionSessionResult:
    """The verdict as Saleor's event: what the domain records for the session."""
    charge = expected.intent == SALE
    payment = verdict.payment
    if verdict.outcome in (PAID, AUTHORIZED) and payment is not None and payment.amount is not None:
        return TransactionSessionResult(
            result="CHARGE_SUCCESS" if verdict.outcome == PAID else "AUTHORIZATION_SUCCESS",
            amount=payment.amount,
            psp_reference=expected.payment_id,
            message=verdict.reason,
            data=data,
            available_actions=("REFUND",) if verdict.outcome == PAID else ("CHARGE", "CANCEL"),
        )
    if verdict.outcome == PENDING:
        return TransactionSessionResult(
            result="CHARGE_ACTION_REQUIRED" if charge else "AUTHORIZATION_ACTION_REQUIRED",
            amount=expected.amount,
            psp_reference=expected.payment_id,
            message=verdict.reason,
            data=data,
        )
    return TransactionSessionResult(
        result="CHARGE_FAILURE" if charge else "AUTHORIZATION_FAILURE",
        amount=expected.amount,
        psp_reference=expected.payment_id,
        message=verdict.reason,
        data=data,
        available_actions=(),
    )
