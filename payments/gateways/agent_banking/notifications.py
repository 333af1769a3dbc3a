"""The bank's deposit notifications on `/plugins/channel/<slug>/haat.payments.agent-banking/ipn`.

Each one is stored first (its dedupe key digests the signature header and the body, so the
same bytes sent again are recognised, and a forged copy can never shadow the real one), then its
signature and timestamp are checked, the transaction is found by our reference, and the bank's
status API is ASKED: only its answer is credited, through `apply_gateway_result`.

Answers, as the bank's API (our design) expects: 200 once the notification is dealt with
(accepted, a duplicate, or rejected for good: an unknown payment, another payment's deposit, a
wrong amount), 401 for a missing or bad signature, 400 for a body that is not a notification, 503
when the bank's status API could not be asked (the bank delivers it again later).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from decimal import Decimal
from typing import Any, ClassVar, Protocol

from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse

from payments.transactions.enums import TransactionEventType
from payments.transactions.inbox import finish_notification, store_notification
from payments.transactions.models import PaymentNotification, TransactionEvent, TransactionItem
from payments.transactions.selectors import transaction_by_token
from payments.transactions.sessions import apply_gateway_result
from plugins.framework.interface import PaymentGatewayError
from plugins.framework.manager import get_plugins_manager

from .client import AgentBankClient, AgentBankRefusal
from .signatures import SIGNATURE_HEADER, InvalidSignature, verify_signature
from .verdict import Mismatch, judge

logger = logging.getLogger(__name__)

ACCEPTED, REJECTED, FAILED = "accepted", "rejected", "failed"


class Gateway(Protocol):
    """What the handler needs of the plugin instance of the notified channel."""

    PLUGIN_ID: ClassVar[str]
    channel_slug: str | None
    config: dict[str, Any]

    @property
    def merchant_account(self) -> str: ...

    @property
    def notification_tolerance(self) -> int: ...

    def client(self) -> AgentBankClient: ...


def _answer(status: int, outcome: str, detail: str = "") -> JsonResponse:
    return JsonResponse({"status": outcome, "detail": detail}, status=status)


def dedupe_key(request: HttpRequest) -> str:
    signature = request.headers.get(SIGNATURE_HEADER, "")
    digest = hashlib.sha256(signature.encode() + b"\n" + bytes(request.body)).hexdigest()
    return f"sha256:{digest}"


def requested_amount(item: TransactionItem) -> Decimal | None:
    """What the payment was started for: its session's charge request."""
    request = (
        TransactionEvent.objects.filter(transaction=item, type=TransactionEventType.CHARGE_REQUEST)
        .order_by("pk")
        .first()
    )
    return request.amount_value if request is not None else None


def _channel_slug(item: TransactionItem) -> str | None:
    owner = item.order if item.order_id else item.checkout
    return owner.channel.slug if owner is not None else None


def _reject(row: PaymentNotification, status: int, detail: str, item_pk: int | None = None):
    logger.warning("Agent banking notification %s rejected: %s", row.pk, detail)
    finish_notification(row, outcome=REJECTED, detail=detail, transaction_id=item_pk)
    return _answer(status, REJECTED, detail)


def _parse(body: bytes) -> dict[str, Any]:
    data = json.loads(body)
    deposit = data["deposit"]
    if not isinstance(deposit, dict):
        raise TypeError("deposit")
    return {
        "event_id": str(data["eventId"]),
        "reference": str(deposit["depositReference"]),
        "merchant_reference": str(deposit["merchantReference"]),
    }


def handle_notification(plugin: Gateway, request: HttpRequest) -> JsonResponse:
    """Store, verify, ask the bank, credit once; see the module docstring for the answers."""
    if request.method != "POST":
        return _answer(405, REJECTED, "Notifications are POSTed.")
    row, is_new = store_notification(
        gateway=plugin.PLUGIN_ID, dedupe_key=dedupe_key(request), request=request
    )
    if not is_new and row.outcome in (ACCEPTED, REJECTED):
        return _answer(200, "duplicate", "This notification was dealt with already.")
    try:
        verify_signature(
            request.headers.get(SIGNATURE_HEADER),
            secret=str(plugin.config.get("notification_secret") or ""),
            body=bytes(request.body),
            now=time.time(),
            tolerance=plugin.notification_tolerance,
        )
    except InvalidSignature as error:
        return _reject(row, 401, str(error))
    try:
        event = _parse(bytes(request.body))
    except (ValueError, KeyError, TypeError):
        return _reject(row, 400, "The body is not a deposit notification.")
    item = transaction_by_token(event["merchant_reference"])
    if item is None or item.app_identifier != plugin.PLUGIN_ID:
        return _reject(row, 200, f"No agent banking payment {event['merchant_reference']}.")
    if _channel_slug(item) != plugin.channel_slug:
        return _reject(row, 200, "The payment belongs to another channel.", item.pk)
    if item.psp_reference and item.psp_reference != event["reference"]:
        return _reject(
            row, 200, f"The deposit {event['reference']} is not this payment's.", item.pk
        )
    amount = requested_amount(item)
    if amount is None:
        return _reject(row, 200, "The payment was never started.", item.pk)
    try:
        deposit = plugin.client().get_deposit(event["reference"])
    except PaymentGatewayError as error:
        # The bank delivers again; nothing is decided without its word.
        finish_notification(row, outcome=FAILED, detail=str(error), transaction_id=item.pk)
        return _answer(503, FAILED, "The bank's status could not be asked; deliver again.")
    except AgentBankRefusal as refusal:  # our query refused: our configuration, not the payment
        finish_notification(row, outcome=FAILED, detail=str(refusal), transaction_id=item.pk)
        return _answer(503, FAILED, "The bank refused the status query.")
    if deposit is None:
        return _reject(row, 200, f"The bank has no deposit {event['reference']}.", item.pk)
    try:
        result = judge(
            deposit,
            merchant_reference=str(item.token),
            merchant_account=plugin.merchant_account,
            amount=amount,
        )
    except Mismatch as mismatch:
        return _reject(row, 200, str(mismatch), item.pk)
    if result.result == "CHARGE_ACTION_REQUIRED":
        finish_notification(
            row,
            outcome=FAILED,
            detail="The bank still reports the deposit as pending.",
            transaction_id=item.pk,
        )
        return _answer(503, FAILED, "The deposit is still pending at the bank.")
    try:
        recorded = apply_gateway_result(item.pk, result, manager=get_plugins_manager())
    except ValidationError as error:
        return _reject(row, 200, "; ".join(error.messages), item.pk)
    detail = f"{result.result} {result.amount} ({'again' if recorded.already_processed else 'new'})"
    finish_notification(row, outcome=ACCEPTED, detail=detail, transaction_id=item.pk)
    return _answer(200, ACCEPTED, detail)
