"""ekPay's calls to Haat: the customer's browser back from the payment page, and the IPN.

Both are stored first (`store_notification`), then ekPay's `get-status` is asked; neither is
believed on its own word. The IPN's `dgtl_sign` cannot be checked (ekPay does not publish its
algorithm), so an IPN is acted on only when `get-status` says the same thing: its outcome, our
reference, its amount and currency. An unsigned IPN, one for another merchant, an unknown
transaction, or one `get-status` contradicts is rejected and changes nothing.
"""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse

from payments.transactions.inbox import body_digest, finish_notification, store_notification
from payments.transactions.models import PaymentNotification, TransactionItem
from payments.transactions.selectors import transaction_by_token
from payments.transactions.sessions import apply_gateway_result
from plugins.framework.interface import PaymentGatewayError
from plugins.framework.manager import get_plugins_manager

from . import PLUGIN_ID
from .client import EkpayClient
from .protocol import PaymentStatus, format_amount, parse_status, token_from_reference
from .settlement import Confirmation, confirm, requested_amount, trnx_id_of

logger = logging.getLogger(__name__)

GATEWAY = PLUGIN_ID
ACCEPTED, REJECTED, FAILED = "accepted", "rejected", "failed"


@dataclass(frozen=True)
class Receiver:
    """What the routes need of the channel's plugin: its client and what it trusts."""

    client: EkpayClient
    merchant_id: str
    channel_slug: str | None
    allowed_return_origins: frozenset[str]


class Rejected(Exception):
    """The notification changes nothing; the message says why (kept on the row)."""


def _needs_processing(notification: PaymentNotification, created: bool) -> bool:
    # A redelivery is answered as the first was; one that failed (ekPay unreachable) is retried.
    return created or notification.outcome == FAILED


def _our_transaction(receiver: Receiver, reference: str | None) -> TransactionItem:
    token = token_from_reference(reference or "")
    item = transaction_by_token(token) if token else None
    if item is None or item.app_identifier != GATEWAY:
        raise Rejected(f"No ekPay transaction {reference!r} in Haat.")
    if item.psp_reference and item.psp_reference != reference:
        raise Rejected(f"Transaction {item.token} is ekPay {item.psp_reference}, not {reference}.")
    owner = item.checkout or item.order
    if owner is not None and owner.channel.slug != receiver.channel_slug:
        raise Rejected(f"Transaction {item.token} belongs to another channel.")
    return item


def _apply(confirmation: Confirmation, item: TransactionItem) -> str:
    """Record a settled outcome (once per reference: the domain sees to it)."""
    if not confirmation.is_settled:
        return f"ekPay has no outcome yet ({confirmation.status.msg_code})."
    try:
        recorded = apply_gateway_result(item.pk, confirmation.result, manager=get_plugins_manager())
    except ValidationError as error:
        raise Rejected(f"Not recorded: {'; '.join(error.messages)}") from None
    event = recorded.event
    already = " (already recorded)" if recorded.already_processed else ""
    return f"{event.type} {event.amount_value}{already}"


# --- the IPN -----------------------------------------------------------------------------------


def handle_ipn(receiver: Receiver, request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return JsonResponse({"error": "POST an ekPay IPN here."}, status=405)
    body = bytes(request.body)
    try:
        claimed: PaymentStatus | None = parse_status(json.loads(body))
    except ValueError:
        claimed = None
    digest = body_digest(body)
    key = (
        f"ipn:{claimed.merchant_reference}:{claimed.msg_code}:{digest}"
        if claimed is not None
        else f"ipn:unreadable:{digest}"
    )
    notification, created = store_notification(gateway=GATEWAY, dedupe_key=key, request=request)
    if claimed is None:
        finish_notification(notification, outcome=REJECTED, detail="Not an ekPay IPN.")
        return JsonResponse({"error": "Not an ekPay IPN."}, status=400)
    if not _needs_processing(notification, created):
        return _ack("duplicate")
    item: TransactionItem | None = None
    try:
        item = _check_ipn(receiver, claimed)
        confirmation = confirm(receiver.client, item, amount=requested_amount(item))
        _compare(claimed, confirmation)
        detail = _apply(confirmation, item)
    except Rejected as rejection:
        logger.warning("ekPay IPN %s rejected: %s", notification.pk, rejection)
        finish_notification(
            notification,
            outcome=REJECTED,
            detail=str(rejection),
            transaction_id=item.pk if item else None,
        )
        return _ack("rejected")
    except PaymentGatewayError as error:
        # ekPay could not be asked: nothing is decided, and ekPay may deliver it again.
        finish_notification(
            notification,
            outcome=FAILED,
            detail=str(error),
            transaction_id=item.pk if item else None,
        )
        return JsonResponse({"error": "Try again later."}, status=503)
    finish_notification(
        notification, outcome=ACCEPTED, detail=detail, transaction_id=item.pk if item else None
    )
    return _ack("received")


def _check_ipn(receiver: Receiver, claimed: PaymentStatus) -> TransactionItem:
    if claimed.merchant_id != receiver.merchant_id:
        raise Rejected(f"IPN for merchant {claimed.merchant_id!r}, not ours.")
    if not claimed.signature.strip():
        raise Rejected("Unsigned IPN (no dgtl_sign).")
    return _our_transaction(receiver, claimed.merchant_reference)


def _compare(claimed: PaymentStatus, confirmation: Confirmation) -> None:
    """The IPN must say what get-status says, and a payment must be the one asked for."""
    known = confirmation.status

    def shown(status: PaymentStatus) -> str:
        amount = format_amount(status.amount) if status.amount is not None else "-"
        return f"{status.msg_code} {amount} {status.currency or '-'}"

    if (claimed.msg_code, claimed.currency) != (known.msg_code, known.currency) or (
        _amounts_differ(claimed.amount, known.amount)
    ):
        raise Rejected(f"IPN says {shown(claimed)}; get-status says {shown(known)}.")
    if confirmation.mismatch:
        raise Rejected(confirmation.mismatch + ".")


def _amounts_differ(first: Decimal | None, second: Decimal | None) -> bool:
    if first is None or second is None:
        return first is not second
    return first != second


def _ack(state: str) -> JsonResponse:
    return JsonResponse({"status": state})


# --- the customer's browser --------------------------------------------------------------------


def handle_return(receiver: Receiver, request: HttpRequest, outcome: str) -> HttpResponse:
    """`s_uri` / `f_uri` / `c_uri`: a hint that something happened; get-status decides."""
    values = {**request.GET.dict(), **(request.POST.dict() if request.method == "POST" else {})}
    raw = f"{request.method} {request.get_full_path()}\n".encode() + bytes(request.body)
    notification, created = store_notification(
        gateway=GATEWAY, dedupe_key=f"return:{body_digest(raw)}", request=request
    )
    item: TransactionItem | None = None
    try:
        item = _returning_transaction(receiver, values)
        if _needs_processing(notification, created):
            confirmation = confirm(receiver.client, item, amount=requested_amount(item))
            if confirmation.mismatch:
                raise Rejected(confirmation.mismatch + ".")
            detail = _apply(confirmation, item)
            finish_notification(
                notification,
                outcome=ACCEPTED,
                detail=f"browser back from {outcome}: {detail}",
                transaction_id=item.pk,
            )
    except Rejected as rejection:
        finish_notification(
            notification,
            outcome=REJECTED,
            detail=str(rejection),
            transaction_id=item.pk if item else None,
        )
        if item is None:
            return _page("This payment is not known here.", status=404)
    except PaymentGatewayError as error:
        # The storefront's transactionProcess asks again; the customer goes back meanwhile.
        assert item is not None
        finish_notification(notification, outcome=FAILED, detail=str(error), transaction_id=item.pk)
    return _back_to_storefront(receiver, item)


def _returning_transaction(receiver: Receiver, values: dict[str, Any]) -> TransactionItem:
    token = values.get("transaction") or ""
    reference = values.get("transId") or ""
    if token:
        item = transaction_by_token(token)
        if item is None:
            raise Rejected(f"No transaction {token!r}.")
        expected = trnx_id_of(item)
        if reference and reference != expected:
            raise Rejected(f"transId {reference!r} is not transaction {token}'s ({expected}).")
        return _our_transaction(receiver, expected)
    return _our_transaction(receiver, reference)


def _back_to_storefront(receiver: Receiver, item: TransactionItem) -> HttpResponse:
    return_url = (item.session_data or {}).get("returnUrl")
    if isinstance(return_url, str) and return_url:
        parts = urlsplit(return_url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        if parts.scheme in ("http", "https") and origin in receiver.allowed_return_origins:
            query = [*parse_qsl(parts.query, keep_blank_values=True), ("transaction", item.token)]
            return HttpResponseRedirect(
                urlunsplit(parts._replace(query=urlencode(query))), status=303
            )
        logger.warning("ekPay return: %s is not an allowed storefront origin", origin)
    return _page("Your ekPay payment is being confirmed. You can return to the shop now.")


def _page(message: str, status: int = 200) -> HttpResponse:
    return HttpResponse(
        f"<!doctype html><title>ekPay</title><p>{html.escape(message)}</p>",
        status=status,
        content_type="text/html; charset=utf-8",
    )
