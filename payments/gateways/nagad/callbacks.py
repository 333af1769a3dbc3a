"""The browser's return from Nagad's page (`merchantCallbackURL`), a hint and nothing more.

Nagad sends the customer to `.../return?merchant=&order_id=&payment_ref_id=&status=
Success|Aborted|Failed&status_code=&message=&payment_dt=&issuer_payment_ref=`. The request is
stored first (dedupe key: a digest of the query), then Nagad's `verify/payment` is asked, and
Nagad's word is recorded only when it agrees with the callback and with what Haat asked for.
Anything else (forged, tampered, replayed, another amount, currency or order, an unknown
payment) changes nothing and is kept as "rejected". Either way the customer is sent back to the
storefront's `returnUrl` (when its origin is allowed) or shown a short page.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from payments.transactions.enums import TransactionEventType
from payments.transactions.inbox import body_digest, finish_notification, store_notification
from payments.transactions.models import PaymentNotification, TransactionItem
from payments.transactions.selectors import transaction_by_reference
from payments.transactions.sessions import apply_gateway_result
from plugins.framework.interface import PaymentGatewayError
from plugins.framework.manager import get_plugins_manager

from .client import NagadClient, NagadRefusal
from .confirmation import (
    FAILED_STATUSES,
    PAID_STATUS,
    ExpectedPayment,
    confirm,
    order_reference,
    session_result,
)

logger = logging.getLogger(__name__)

FINISHED = frozenset({"accepted", "rejected"})


@dataclass(frozen=True)
class ReturnRoute:
    """What the return route needs of the channel's Nagad configuration."""

    gateway_id: str
    merchant_id: str
    client: Callable[[], NagadClient]
    client_ip: Callable[[str | None], str]  # X-KM-IP-V4 for a customer's address
    allowed_origins: tuple[str, ...]  # besides CORS_ALLOWED_ORIGINS


def handle_return(route: ReturnRoute, request: HttpRequest) -> HttpResponse:
    if request.method != "GET":
        return HttpResponse("Nagad returns the customer with a GET.", status=405)
    query = request.META.get("QUERY_STRING", "")
    notification, is_new = store_notification(
        gateway=route.gateway_id, dedupe_key=body_digest(query.encode()), request=request
    )
    reference = request.GET.get("payment_ref_id", "")
    item = transaction_by_reference(route.gateway_id, reference)
    if not is_new and notification.outcome in FINISHED:
        # The same callback again: it was decided once; only the customer is answered.
        return _answer(route, item)
    if item is None:
        _finish(notification, "rejected", f"Unknown Nagad payment {reference!r}.")
        return _page("We could not find this payment. Please return to the shop.", status=400)
    try:
        outcome, detail = _settle(route, request, item)
    except PaymentGatewayError as error:
        outcome, detail = "failed", f"Nagad could not be asked: {error}"
    _finish(notification, outcome, detail, item.pk)
    return _answer(route, item)


def _finish(
    notification: PaymentNotification, outcome: str, detail: str, item_id: int | None = None
) -> None:
    if outcome == "rejected":
        logger.warning("Nagad callback %s rejected: %s", notification.pk, detail)
    finish_notification(notification, outcome=outcome, detail=detail, transaction_id=item_id)


def _requested_amount(item: TransactionItem) -> Decimal | None:
    request = item.events.filter(type=TransactionEventType.CHARGE_REQUEST).order_by("pk").first()
    return request.amount_value if request is not None else None


def _settle(route: ReturnRoute, request: HttpRequest, item: TransactionItem):
    """(outcome, detail) for the notification; records Nagad's word when it may."""
    params = request.GET
    expected = ExpectedPayment(
        payment_ref_id=item.psp_reference,
        merchant_id=route.merchant_id,
        order_id=order_reference(item.token),
        amount=_requested_amount(item) or Decimal(0),
    )
    if params.get("merchant") != expected.merchant_id or params.get("order_id") != (
        expected.order_id
    ):
        return "rejected", "The callback's merchant or order is not this payment's."
    hint = params.get("status", "")
    if hint != PAID_STATUS and hint not in FAILED_STATUSES:
        return "rejected", f"The callback's status {hint!r} is not one Nagad sends."
    try:
        verification = route.client().verify(
            item.psp_reference, client_ip=route.client_ip(item.customer_ip_address)
        )
    except NagadRefusal as refusal:
        return "failed", f"Nagad could not verify the payment: {refusal}"
    confirmation = confirm(verification, expected)
    agrees = (confirmation.outcome == "paid" and hint == PAID_STATUS) or (
        confirmation.outcome == "failed" and hint in FAILED_STATUSES
    )
    if not agrees:
        return "rejected", f"The callback says {hint}; {confirmation.detail}"
    result = session_result(confirmation, expected, data=None)
    try:
        recorded = apply_gateway_result(item.pk, result, manager=get_plugins_manager())
    except ValidationError as error:
        return "rejected", "; ".join(error.messages)
    if recorded.already_processed:
        return "accepted", f"Already recorded: {confirmation.detail}"
    return "accepted", confirmation.detail


# --- answering the customer --------------------------------------------------------------------


def _origin(url: str) -> str:
    split = urlsplit(url)
    return f"{split.scheme}://{split.netloc}".lower()


def storefront_return_url(route: ReturnRoute, item: TransactionItem) -> str | None:
    """The storefront's returnUrl with `transaction=<token>`, when its origin is allowed."""
    wanted = (item.session_data or {}).get("returnUrl")
    if not isinstance(wanted, str) or urlsplit(wanted).scheme not in ("http", "https"):
        return None
    allowed = {
        _origin(origin.rstrip("/"))
        for origin in [*settings.CORS_ALLOWED_ORIGINS, *route.allowed_origins]
    }
    if _origin(wanted) not in allowed:
        return None
    split = urlsplit(wanted)
    query = [*parse_qsl(split.query, keep_blank_values=True), ("transaction", str(item.token))]
    return urlunsplit(split._replace(query=urlencode(query)))


def _answer(route: ReturnRoute, item: TransactionItem | None) -> HttpResponse:
    if item is None:
        return _page("We could not find this payment. Please return to the shop.", status=400)
    item.refresh_from_db(fields=["session_data"])
    target = storefront_return_url(route, item)
    if target is None:
        return _page("Thank you. Please return to the shop to see your order.")
    response = HttpResponse(status=303)
    response["Location"] = target
    return response


def _page(message: str, *, status: int = 200) -> HttpResponse:
    return HttpResponse(
        f"<!doctype html><title>Nagad</title><p>{html.escape(message)}</p>",
        status=status,
        content_type="text/html; charset=utf-8",
    )
