"""Staff actions through bKash: refund (v2 API), capture and void of an authorization.

A refund that gets no answer is never sent again: bKash's refund status says whether it
happened (a refund that was not there before, of the same amount). Capture and void work on
the whole authorization only (their request names nothing but the payment), and an "already
completed" or unanswered capture is settled by a query.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from plugins.framework.interface import (
    PaymentGatewayError,
    TransactionSessionData,
    TransactionSessionResult,
)

from .client import BkashClient, BkashPayment, BkashRefund, BkashRefusal

logger = logging.getLogger(__name__)

# The refund API insists on both (a source found requests without them refused).
REFUND_SKU = "HAAT-ORDER"
REFUND_REASON = "Refund requested by the shop"


def _failure(
    result: str, session: TransactionSessionData, message: str
) -> TransactionSessionResult:
    return TransactionSessionResult(result=result, amount=session.amount, message=message)


def _known_refunds(client: BkashClient, payment_id: str, trx_id: str) -> set[str]:
    """The refunds bKash already made of the payment (none when it has no record of any)."""
    try:
        status = client.refund_status(payment_id=payment_id, trx_id=trx_id)
    except BkashRefusal:
        return set()
    return {refund.refund_trx_id for refund in status.refunds}


def _refund_result(
    refund: BkashRefund, session: TransactionSessionData
) -> TransactionSessionResult:
    if refund.status == "Completed":
        return TransactionSessionResult(
            result="REFUND_SUCCESS",
            amount=refund.amount,
            psp_reference=refund.refund_trx_id,
            message=f"bKash refund {refund.refund_trx_id}",
            available_actions=("REFUND",),
        )
    # Accepted but not done: the request stays pending until its status is asked again.
    return TransactionSessionResult(
        result="REFUND_REQUEST",
        amount=session.amount,
        psp_reference=refund.refund_trx_id,
        message=f"bKash refund {refund.refund_trx_id} is {refund.status or 'pending'}",
    )


def refund(client: BkashClient, session: TransactionSessionData) -> TransactionSessionResult:
    """Refund `session.amount` of the payment `session.psp_reference`."""
    amount = Decimal(session.amount)
    if not session.psp_reference:
        return _failure("REFUND_FAILURE", session, "The transaction has no bKash payment.")
    try:
        payment = client.query_payment(session.psp_reference)
    except BkashRefusal as refusal:
        return _failure("REFUND_FAILURE", session, f"bKash: {refusal.code} {refusal.message}")
    if payment.status != "Completed" or not payment.trx_id:
        return _failure(
            "REFUND_FAILURE", session, f"bKash's payment is {payment.status}, not Completed."
        )
    known = _known_refunds(client, payment.payment_id, payment.trx_id)
    try:
        made = client.refund(
            payment_id=payment.payment_id,
            trx_id=payment.trx_id,
            amount=amount,
            sku=REFUND_SKU,
            reason=REFUND_REASON,
        )
    except BkashRefusal as refusal:
        return _failure(
            "REFUND_FAILURE", session, f"bKash refused the refund: {refusal.code} {refusal.message}"
        )
    except PaymentGatewayError as error:
        logger.warning(
            "bKash refund of %s unanswered (%s): asking its status", payment.payment_id, error
        )
        try:
            status = client.refund_status(payment_id=payment.payment_id, trx_id=payment.trx_id)
        except BkashRefusal as refusal:
            raise PaymentGatewayError(
                f"bKash did not answer the refund nor tell its status ({refusal.code})."
            ) from None
        new = [
            item
            for item in status.refunds
            if item.refund_trx_id not in known and item.amount == amount
        ]
        if not new:
            # Unknown still: the domain keeps the refund pending; it is never sent twice.
            raise PaymentGatewayError(
                "bKash did not answer the refund and its status shows no new refund yet."
            ) from None
        made = new[0]
    return _refund_result(made, session)


def _settled(client: BkashClient, payment_id: str, call) -> BkashPayment:
    """The payment after capture or void: their answer, or a query when it is missing or
    says the work was already done."""
    try:
        return call(payment_id)
    except BkashRefusal as refusal:
        if not refusal.already_completed:
            raise
        logger.info("bKash: %s already processed (%s), querying", payment_id, refusal.code)
    except PaymentGatewayError as error:
        logger.warning("bKash capture/void of %s unanswered (%s), querying", payment_id, error)
    try:
        return client.query_payment(payment_id)
    except BkashRefusal as refusal:  # the capture or void may have happened: unknown
        raise PaymentGatewayError(
            f"bKash did not tell the payment's status ({refusal.code})."
        ) from None


def _whole_authorization(
    client: BkashClient, session: TransactionSessionData, failure: str
) -> TransactionSessionResult | BkashPayment:
    if not session.psp_reference:
        return _failure(failure, session, "The transaction has no bKash payment.")
    try:
        payment = client.query_payment(session.psp_reference)
    except BkashRefusal as refusal:
        return _failure(failure, session, f"bKash: {refusal.code} {refusal.message}")
    if payment.amount != Decimal(session.amount):
        return _failure(
            failure,
            session,
            f"bKash acts on the whole authorization ({payment.amount} BDT) only, "
            f"not on {session.amount}.",
        )
    return payment


def capture(client: BkashClient, session: TransactionSessionData) -> TransactionSessionResult:
    """Charge the authorization `session.psp_reference` (all of it)."""
    checked = _whole_authorization(client, session, "CHARGE_FAILURE")
    if isinstance(checked, TransactionSessionResult):
        return checked
    if checked.status != "Completed":
        try:
            checked = _settled(client, checked.payment_id, client.capture_payment)
        except BkashRefusal as refusal:
            return _failure(
                "CHARGE_FAILURE",
                session,
                f"bKash refused the capture: {refusal.code} {refusal.message}",
            )
    if checked.status != "Completed" or checked.amount is None:
        return _failure("CHARGE_FAILURE", session, f"bKash's payment is {checked.status}.")
    return TransactionSessionResult(
        result="CHARGE_SUCCESS",
        amount=checked.amount,
        psp_reference=checked.payment_id,
        message=f"bKash trxID {checked.trx_id}",
        available_actions=("REFUND",),
    )


VOIDED_STATUSES = frozenset({"Cancelled", "Void", "Voided"})


def void(client: BkashClient, session: TransactionSessionData) -> TransactionSessionResult:
    """Release the authorization `session.psp_reference` (all of it)."""
    checked = _whole_authorization(client, session, "CANCEL_FAILURE")
    if isinstance(checked, TransactionSessionResult):
        return checked
    if checked.status not in VOIDED_STATUSES:
        try:
            checked = _settled(client, checked.payment_id, client.void_payment)
        except BkashRefusal as refusal:
            return _failure(
                "CANCEL_FAILURE",
                session,
                f"bKash refused the void: {refusal.code} {refusal.message}",
            )
    if checked.status not in VOIDED_STATUSES:
        return _failure("CANCEL_FAILURE", session, f"bKash's payment is {checked.status}.")
    return TransactionSessionResult(
        result="CANCEL_SUCCESS",
        amount=Decimal(session.amount),
        psp_reference=checked.payment_id,
        message="bKash released the authorization",
        available_actions=(),
    )
