"""Refunds through SSLCommerz's refund API, and refunds it reports as "processing".

A refund needs the payment's `bank_tran_id`, which the transaction query gives for our
`tran_id`. Every refund sent is noted in the transaction's private metadata (its `refe_id`,
then SSLCommerz's `refund_ref_id`) before the answer is known: a refund SSLCommerz is still
processing stays pending in Haat until the periodic status query (`transaction_status_requested`)
reads its status, and a refund whose answer was lost (a timeout) is never sent again: it is
left for staff to reconcile in SSLCommerz's panel (the refund status API needs SSLCommerz's id).
Cancelling a payment held for review gives the money back the same way.
"""

from __future__ import annotations

import logging
import secrets
from decimal import Decimal
from typing import Any

from django.db import transaction as db_transaction

from payments.transactions.models import TransactionItem
from plugins.framework.interface import (
    PaymentGatewayError,
    TransactionSessionData,
    TransactionSessionResult,
)

from .client import SslcommerzClient, SslcommerzRefused, money

logger = logging.getLogger(__name__)

METADATA_KEY = "sslcommerz_refunds"
SUCCESS = ("success", "refunded", "done")
FAILED = ("failed", "cancelled", "canceled", "rejected")
# kind of request -> (success, pending, failure) result types
SETTLED_TYPES = ("REFUND_SUCCESS", "REFUND_FAILURE", "CANCEL_SUCCESS", "CANCEL_FAILURE")
RESULTS = {
    "refund": ("REFUND_SUCCESS", "REFUND_REQUEST", "REFUND_FAILURE"),
    "cancel": ("CANCEL_SUCCESS", "CANCEL_REQUEST", "CANCEL_FAILURE"),
}


def _note(token: str, reference: str, **values: Any) -> None:
    """Create or update the metadata entry of one refund, under the transaction's row lock."""
    with db_transaction.atomic():
        item = TransactionItem.objects.select_for_update(of=("self",)).get(token=token)
        entries = list(item.private_metadata.get(METADATA_KEY, []))
        for entry in entries:
            if entry["refe_id"] == reference:
                entry.update(values)
                break
        else:
            entries.append({"refe_id": reference, **values})
        item.private_metadata = {**item.private_metadata, METADATA_KEY: entries}
        item.save(update_fields=["private_metadata", "modified_at"])


def _bank_tran_id(client: SslcommerzClient, tran_id: str) -> str:
    for record in client.query(tran_id=tran_id):
        if record.tran_id == tran_id and record.is_paid and record.bank_tran_id:
            return record.bank_tran_id
    return ""


def give_back(
    client: SslcommerzClient, session: TransactionSessionData, *, kind: str
) -> TransactionSessionResult:
    """Refund `session.amount` of the payment (`kind` "refund", or "cancel" for a payment held
    for review). Raises PaymentGatewayError when the outcome is unknown."""
    success, pending, failure = RESULTS[kind]

    def failed(message: str) -> TransactionSessionResult:
        return TransactionSessionResult(result=failure, amount=session.amount, message=message)

    tran_id = session.psp_reference
    try:
        bank_tran_id = _bank_tran_id(client, tran_id) if tran_id else ""
    except PaymentGatewayError as error:
        # Nothing was sent yet: the refund is known not to have happened.
        return failed(f"Nothing was refunded: {error} Try again.")
    if not bank_tran_id:
        return failed("SSLCommerz reports no completed payment to refund.")
    reference = f"HR{secrets.token_hex(9).upper()}"
    _note(
        session.transaction_id,
        reference,
        kind=kind,
        amount=money(session.amount),
        bank_tran_id=bank_tran_id,
        status="sent",
    )
    try:
        answer = client.refund(
            bank_tran_id=bank_tran_id,
            amount=session.amount,
            remarks="Refund from Haat" if kind == "refund" else "Payment refused after review",
            reference=reference,
        )
    except SslcommerzRefused as refused:
        _note(session.transaction_id, reference, status="failed")
        return failed(str(refused))
    except PaymentGatewayError:
        _note(session.transaction_id, reference, status="unknown")
        raise
    if answer.status in SUCCESS:
        state = "refunded"
    elif answer.refund_ref_id and answer.status not in FAILED:
        state = "processing"  # or a word SSLCommerz has not used before: its status API tells
    else:
        state = "failed"
    _note(session.transaction_id, reference, refund_ref_id=answer.refund_ref_id, status=state)
    if state == "refunded":
        return TransactionSessionResult(
            result=success,
            amount=session.amount,
            psp_reference=answer.refund_ref_id or None,
            message=f"SSLCommerz refunded {money(session.amount)} BDT.",
        )
    if state == "processing":
        return TransactionSessionResult(
            result=pending,
            amount=session.amount,
            psp_reference=answer.refund_ref_id,
            message="SSLCommerz is processing the refund.",
        )
    return failed(f"SSLCommerz refused the refund: {answer.error_reason or answer.status}.")


def pending_refund_outcomes(
    client: SslcommerzClient, item: TransactionItem
) -> list[TransactionSessionResult]:
    """What SSLCommerz now says of the item's refunds it was processing (the settled ones, each
    under its `refund_ref_id`); refunds already recorded are not asked about again."""
    recorded = set(
        item.events.filter(type__in=SETTLED_TYPES).values_list("psp_reference", flat=True)
    )
    results = []
    for entry in item.private_metadata.get(METADATA_KEY, []):
        reference = entry.get("refund_ref_id") or ""
        if entry.get("status") == "unknown":
            logger.warning(
                "SSLCommerz refund %s (%s BDT) was sent but its answer was lost: reconcile it "
                "in the SSLCommerz merchant panel.",
                entry["refe_id"],
                entry["amount"],
            )
        if entry.get("status") != "processing" or not reference or reference in recorded:
            continue
        try:
            answer = client.refund_status(reference)
        except PaymentGatewayError as error:
            logger.warning("SSLCommerz refund %s status unknown: %s", reference, error)
            continue
        if answer.status not in SUCCESS and answer.status not in FAILED:
            continue  # still processing (or a word that settles nothing)
        success, _pending, failure = RESULTS[entry.get("kind", "refund")]
        results.append(
            TransactionSessionResult(
                result=success if answer.status in SUCCESS else failure,
                amount=Decimal(entry["amount"]),
                psp_reference=reference,
                message=f"SSLCommerz: the refund is {answer.status}.",
            )
        )
    return results
