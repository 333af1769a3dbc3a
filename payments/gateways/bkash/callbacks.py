"""The customer's return from bKash's page and bKash's notifications (IPN over AWS SNS).

Each is stored first (the inbox), then checked, then bKash is asked; only bKash's own answer
moves money, through `apply_gateway_result`, which records a settling event once per payment.
Anything that does not hold up (unknown payment, bad signature, another amount or invoice) is
kept with outcome "rejected" and changes nothing.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
from typing import Any, ClassVar, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from payments.transactions.enums import TransactionEventType
from payments.transactions.inbox import body_digest, finish_notification, store_notification
from payments.transactions.models import PaymentNotification, TransactionItem
from payments.transactions.selectors import transaction_by_reference, transaction_by_token
from payments.transactions.sessions import apply_gateway_result
from plugins.framework.interface import PaymentGatewayError
from plugins.framework.manager import get_plugins_manager

from .client import BkashClient
from .confirmation import (
    AUTHORIZATION,
    FAILED,
    MISMATCH,
    PENDING,
    SALE,
    Expected,
    Verdict,
    confirm,
    query,
    session_result,
)
from .sns import CertificateUnavailable, SnsRejected, origin_allowed, verify_message


class BkashGateway(Protocol):
    """What the routes need of the plugin (the plugin module imports this one)."""

    PLUGIN_ID: ClassVar[str]
    config: dict[str, Any]

    @property
    def sns_origins(self) -> tuple[str, ...]: ...

    def client(self) -> BkashClient: ...


logger = logging.getLogger(__name__)

ACCEPTED, REJECTED, FAILED_OUTCOME = "accepted", "rejected", "failed"
SUBSCRIBE_TIMEOUT_SECONDS = 10.0
# A payment with one of these recorded is settled: a later return has nothing to ask.
SUCCESS_TYPES = (
    TransactionEventType.CHARGE_SUCCESS,
    TransactionEventType.AUTHORIZATION_SUCCESS,
)


def public_data(token: str) -> dict[str, Any] | None:
    """What the storefront was given for the transaction (payment page, return address)."""
    item = transaction_by_token(token)
    return dict(item.session_data) if item is not None and item.session_data else None


def expected_for(item: TransactionItem) -> Expected | None:
    """What Haat asked bKash for in this transaction (its session's request)."""
    request = (
        item.events.filter(
            type__in=[
                TransactionEventType.CHARGE_REQUEST,
                TransactionEventType.AUTHORIZATION_REQUEST,
            ]
        )
        .order_by("pk")
        .first()
    )
    if request is None or not item.psp_reference:
        return None
    intent = AUTHORIZATION if request.type == TransactionEventType.AUTHORIZATION_REQUEST else SALE
    return Expected(
        payment_id=item.psp_reference,
        invoice=str(item.token),
        amount=request.amount_value,
        intent=intent,
    )


def _settle(item: TransactionItem, expected: Expected, verdict: Verdict) -> tuple[str, str]:
    """Record bKash's verdict on the transaction: the inbox outcome and its detail."""
    if verdict.outcome == MISMATCH:
        return REJECTED, verdict.reason
    if verdict.outcome == PENDING:
        return ACCEPTED, verdict.reason  # nothing to record yet
    result = session_result(verdict, expected)
    try:
        recorded = apply_gateway_result(item.pk, result, manager=get_plugins_manager())
    except ValidationError as error:
        return REJECTED, f"Not recorded: {'; '.join(error.messages)}"
    note = " (already recorded)" if recorded.already_processed else ""
    return ACCEPTED, f"{result.result} {result.amount}{note}: {verdict.reason}"


# --- the customer's return -------------------------------------------------------------------


def _allowed_return(return_url: str, plugin: BkashGateway) -> bool:
    parts = urlsplit(return_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    extra = [o.strip() for o in (plugin.config.get("allowed_return_origins") or "").split(",")]
    allowed = {o.rstrip("/").lower() for o in [*settings.CORS_ALLOWED_ORIGINS, *extra] if o}
    return origin in allowed


def _back_to_shop(item: TransactionItem | None, plugin: BkashGateway) -> HttpResponse:
    """A 303 to the storefront's return address (only an allowed origin), or a plain page."""
    return_url = (item.session_data or {}).get("returnUrl") if item is not None else None
    if item is not None and isinstance(return_url, str) and _allowed_return(return_url, plugin):
        parts = urlsplit(return_url)
        query = [*parse_qsl(parts.query), ("transaction", str(item.token))]
        response = HttpResponse(status=303)
        response["Location"] = urlunsplit(parts._replace(query=urlencode(query)))
        return response
    return _page("Thank you. Please return to the shop to see your order.")


def _page(text: str, status: int = 200) -> HttpResponse:
    body = f"<!doctype html><title>bKash</title><p>{html.escape(text)}</p>"
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def handle_return(plugin: BkashGateway, request: HttpRequest) -> HttpResponse:
    """`callbackURL?paymentID=..&status=success|failure|cancel`: store, ask bKash, send the
    customer back to the shop."""
    query_string = request.META.get("QUERY_STRING", "")
    row, is_new = store_notification(
        gateway=plugin.PLUGIN_ID,
        dedupe_key="return:" + hashlib.sha256(query_string.encode()).hexdigest(),
        request=request,
    )
    payment_id = request.GET.get("paymentID", "")
    status = request.GET.get("status", "")
    item = transaction_by_reference(plugin.PLUGIN_ID, payment_id)
    if item is None or status not in ("success", "failure", "cancel"):
        finish_notification(row, outcome=REJECTED, detail="Unknown bKash payment or status.")
        return _page("This bKash payment is not known here.", status=404)
    if not is_new and row.outcome == ACCEPTED:
        return _back_to_shop(item, plugin)  # a reload of the same return
    outcome, detail = _process_return(plugin, item, status)
    finish_notification(row, outcome=outcome, detail=detail, transaction_id=item.pk)
    item.refresh_from_db(fields=["session_data"])
    return _back_to_shop(item, plugin)


def _process_return(plugin: BkashGateway, item: TransactionItem, status: str) -> tuple[str, str]:
    expected = expected_for(item)
    if expected is None:
        return REJECTED, "The transaction has no bKash request."
    if item.events.filter(type__in=SUCCESS_TYPES, psp_reference=expected.payment_id).exists():
        return ACCEPTED, "Already settled: bKash was not asked again."
    try:
        with plugin.client() as client:
            if status == "success":
                verdict = confirm(client, expected, execute_first=True)
                if verdict.outcome == PENDING:
                    return REJECTED, f"bKash does not confirm the payment: {verdict.reason}"
            else:
                verdict = query(client, expected)
                if verdict.outcome == PENDING:  # the customer gave up or bKash failed it
                    verdict = Verdict(
                        FAILED, f"The customer's payment ended: {status}.", verdict.payment
                    )
    except PaymentGatewayError as error:
        # Unknown: transactionProcess or the notification settles it later.
        return FAILED_OUTCOME, str(error)
    return _settle(item, expected, verdict)


# --- bKash's notifications (AWS SNS) -----------------------------------------------------------


def _answer(status: int, text: str = "") -> HttpResponse:
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


def handle_notification(plugin: BkashGateway, request: HttpRequest) -> HttpResponse:
    """An SNS message: store (dedupe on MessageId), verify, confirm a subscription or ask bKash
    about the payment it announces. 200 stops SNS retrying; 400 for what is not ours; 503 asks
    for the message again later."""
    if request.method != "POST":
        return _answer(405)
    try:
        message = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        message = None
    message_id = message.get("MessageId") if isinstance(message, dict) else None
    dedupe_key = f"sns:{message_id}" if isinstance(message_id, str) and message_id else None
    row, is_new = store_notification(
        gateway=plugin.PLUGIN_ID,
        dedupe_key=dedupe_key or body_digest(request.body),
        request=request,
    )
    if not isinstance(message, dict):
        finish_notification(row, outcome=REJECTED, detail="Not an SNS message (not JSON).")
        return _answer(400)
    if not is_new and bytes(row.body) != bytes(request.body):
        # A MessageId seen before with another body: a replay dressed up, not a redelivery.
        row, _ = store_notification(
            gateway=plugin.PLUGIN_ID, dedupe_key=body_digest(request.body), request=request
        )
        finish_notification(row, outcome=REJECTED, detail="A known MessageId with another body.")
        return _answer(400)
    if not is_new and row.outcome in (ACCEPTED, REJECTED):
        return _answer(200)  # SNS redelivers; the first delivery was handled
    try:
        verify_message(
            message,
            allowed_origins=plugin.sns_origins,
            topic_arn=plugin.config.get("sns_topic_arn") or "",
        )
    except SnsRejected as error:
        finish_notification(row, outcome=REJECTED, detail=str(error))
        return _answer(400)
    except CertificateUnavailable as error:
        finish_notification(row, outcome=FAILED_OUTCOME, detail=str(error))
        return _answer(503)
    kind = message.get("Type")
    if kind == "SubscriptionConfirmation":
        return _confirm_subscription(plugin, row, message)
    if kind != "Notification":
        finish_notification(row, outcome=ACCEPTED, detail=f"{kind}: nothing to do.")
        return _answer(200)
    return _payment_notification(plugin, row, message)


def _confirm_subscription(
    plugin: BkashGateway, row: PaymentNotification, message: dict[str, Any]
) -> HttpResponse:
    url = str(message.get("SubscribeURL") or "")
    if not origin_allowed(url, plugin.sns_origins):
        finish_notification(row, outcome=REJECTED, detail="SubscribeURL is not on an SNS origin.")
        return _answer(400)
    try:
        response = httpx.get(url, timeout=SUBSCRIBE_TIMEOUT_SECONDS, follow_redirects=False)
    except httpx.HTTPError as error:
        finish_notification(row, outcome=FAILED_OUTCOME, detail=f"Confirming failed: {error}")
        return _answer(503)
    if response.status_code != 200:
        finish_notification(
            row, outcome=FAILED_OUTCOME, detail=f"Confirming answered {response.status_code}."
        )
        return _answer(503)
    finish_notification(row, outcome=ACCEPTED, detail="Subscription confirmed.")
    return _answer(200)


def _payment_notification(
    plugin: BkashGateway, row: PaymentNotification, message: dict[str, Any]
) -> HttpResponse:
    try:
        payload = json.loads(message.get("Message") or "")
    except (TypeError, ValueError):
        payload = None
    if not isinstance(payload, dict):
        finish_notification(row, outcome=REJECTED, detail="The SNS Message is not bKash's JSON.")
        return _answer(200)  # signed by SNS but not ours to read: do not make it retry
    item = transaction_by_token(str(payload.get("merchantInvoiceNumber") or ""))
    if item is None or item.app_identifier != plugin.PLUGIN_ID:
        finish_notification(row, outcome=REJECTED, detail="Unknown merchantInvoiceNumber.")
        return _answer(200)
    expected = expected_for(item)
    if expected is None:
        finish_notification(
            row, outcome=REJECTED, detail="No bKash payment for it.", transaction_id=item.pk
        )
        return _answer(200)
    try:
        with plugin.client() as client:
            verdict = query(client, expected)
    except PaymentGatewayError as error:
        finish_notification(row, outcome=FAILED_OUTCOME, detail=str(error), transaction_id=item.pk)
        return _answer(503)
    trx_id = str(payload.get("trxID") or "")
    if verdict.payment is not None and trx_id != verdict.payment.trx_id:
        outcome, detail = REJECTED, "The notification's trxID is not the payment's."
    elif verdict.outcome in (PENDING, FAILED):
        outcome, detail = REJECTED, f"bKash does not confirm it: {verdict.reason}"
    else:
        outcome, detail = _settle(item, expected, verdict)
    finish_notification(row, outcome=outcome, detail=detail, transaction_id=item.pk)
    return _answer(200)
