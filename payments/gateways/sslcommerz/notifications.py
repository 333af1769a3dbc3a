"""The browser's return (success, fail and cancel URLs) and SSLCommerz's IPN.

Both carry the same signed form. Each is stored first (dedupe key: a digest of the body, since
SSLCommerz sends no message id), its `verify_sign` is checked, and then SSLCommerz is asked (the
validation API for a `val_id`, the transaction query otherwise) before anything is recorded
through `apply_gateway_result`, which records one settling event per `tran_id`: the return, the
IPN and `transactionProcess` may each come twice, in any order, and credit the customer once.
Anything forged, unsigned, tampered, for an unknown order or confirmed differently by
SSLCommerz changes nothing and is kept with outcome "rejected".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from payments.transactions.inbox import body_digest, finish_notification, store_notification
from payments.transactions.models import PaymentNotification, TransactionItem
from payments.transactions.selectors import transaction_by_token
from payments.transactions.sessions import apply_gateway_result
from plugins.framework.interface import PaymentGatewayError
from plugins.framework.manager import get_plugins_manager

from .client import SslcommerzClient
from .confirmation import SETTLED_RESULTS, Mismatch, confirm_payment
from .crypto import has_valid_signature
from .records import channel_slug_of, requested_amount, transaction_for

logger = logging.getLogger(__name__)

RETURN_VARIANTS = ("success", "fail", "cancel")
DONE_OUTCOMES = ("accepted", "rejected")


class Gateway(Protocol):
    """What the routes need of the plugin instance that answers them (one channel's)."""

    PLUGIN_ID: ClassVar[str]
    channel_slug: str | None

    @property
    def store_id(self) -> str: ...

    @property
    def store_password(self) -> str: ...

    @property
    def allowed_return_origins(self) -> list[str]: ...

    def client(self) -> SslcommerzClient: ...


@dataclass(frozen=True)
class Handled:
    outcome: str  # accepted, rejected or failed
    detail: str
    item: TransactionItem | None = None


def _fields(request: HttpRequest) -> dict[str, str]:
    if request.method != "POST":
        return {}
    return {key: str(request.POST.get(key, "")) for key in request.POST}


def settle_from_callback(plugin: Gateway, fields: dict[str, Any]) -> Handled:
    """Check a callback's form, ask SSLCommerz, and record what it confirms."""
    tran_id = str(fields.get("tran_id") or "")
    if not tran_id or not fields.get("status"):
        return Handled("rejected", "Not an SSLCommerz callback: no tran_id or status.")
    item = transaction_for(plugin.PLUGIN_ID, tran_id)
    if not fields.get("verify_sign"):
        return Handled("rejected", "Unsigned: no verify_sign.", item)
    status = str(fields["status"]).upper()
    required = {"tran_id", "status", "amount"} | ({"val_id"} if status == "VALID" else set())
    if not has_valid_signature(fields, plugin.store_password, required=frozenset(required)):
        return Handled("rejected", "The signature does not match the fields.", item)
    if fields.get("store_id") != plugin.store_id:
        return Handled("rejected", f"For another store: {fields.get('store_id')!r}.", item)
    if item is None:
        return Handled("rejected", f"No SSLCommerz transaction of ours has tran_id {tran_id!r}.")
    if channel_slug_of(item) != plugin.channel_slug:
        return Handled("rejected", "The transaction belongs to another channel.", item)
    expected = requested_amount(item)
    if expected is None:
        return Handled("rejected", "The transaction has no session request.", item)
    val_id = str(fields.get("val_id") or "") if status == "VALID" else ""
    try:
        result = confirm_payment(plugin.client(), tran_id=tran_id, expected=expected, val_id=val_id)
    except Mismatch as mismatch:
        return Handled("rejected", str(mismatch), item)
    except PaymentGatewayError as error:
        return Handled("failed", f"SSLCommerz could not be asked: {error}", item)
    if result.result not in SETTLED_RESULTS:
        return Handled("accepted", result.message, item)
    try:
        recorded = apply_gateway_result(item.pk, result, manager=get_plugins_manager())
    except ValidationError as error:
        return Handled("rejected", "; ".join(error.messages), item)
    again = " (already recorded)" if recorded.already_processed else ""
    return Handled("accepted", f"{result.result} {result.amount} BDT{again}", item)


def _receive(
    plugin: Gateway, request: HttpRequest, kind: str
) -> tuple[PaymentNotification, Handled | None]:
    """Store the callback; handle it unless the same one was already handled."""
    notification, is_new = store_notification(
        gateway=plugin.PLUGIN_ID, dedupe_key=f"{kind}:{body_digest(request.body)}", request=request
    )
    if not is_new and notification.outcome in DONE_OUTCOMES:
        return notification, None
    handled = settle_from_callback(plugin, _fields(request))
    finish_notification(
        notification,
        outcome=handled.outcome,
        detail=handled.detail,
        transaction_id=handled.item.pk if handled.item is not None else None,
    )
    if handled.outcome != "accepted":
        logger.warning("SSLCommerz %s %s: %s", kind, handled.outcome, handled.detail)
    return notification, handled


def handle_ipn(plugin: Gateway, request: HttpRequest) -> HttpResponse:
    """200 once handled (so SSLCommerz stops), 400 for what is not a genuine callback, 503
    when SSLCommerz could not be asked (a redelivery is handled again)."""
    if request.method != "POST":
        return HttpResponse("POST only", status=405, content_type="text/plain")
    notification, handled = _receive(plugin, request, "ipn")
    outcome = handled.outcome if handled is not None else notification.outcome
    status = {"accepted": 200, "rejected": 400}.get(outcome, 503)
    return HttpResponse(outcome, status=status, content_type="text/plain")


def handle_return(plugin: Gateway, request: HttpRequest, variant: str) -> HttpResponse:
    """The customer's browser, back from the payment page: settle what SSLCommerz confirms and
    send the customer on to the storefront (or a page saying to go back to the shop)."""
    fields = _fields(request)
    if request.method == "POST":
        _receive(plugin, request, f"return-{variant}")
    tran_id = str(fields.get("tran_id") or "")
    item = transaction_for(plugin.PLUGIN_ID, tran_id) if tran_id else None
    if item is None:
        item = _by_query_token(plugin, request.GET.get("transaction", ""))
    target = _storefront_url(plugin, item)
    if target is not None:
        return HttpResponseRedirect(target, status=303)
    return _return_page(variant)


def _by_query_token(plugin: Gateway, token: str) -> TransactionItem | None:
    item = transaction_by_token(token) if token else None
    return item if item is not None and item.app_identifier == plugin.PLUGIN_ID else None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _storefront_url(plugin: Gateway, item: TransactionItem | None) -> str | None:
    """The storefront's returnUrl with `transaction=<token>`, only for an allowed origin."""
    if item is None or not isinstance(item.session_data, dict):
        return None
    url = item.session_data.get("returnUrl")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
        return None
    allowed = {_origin(origin) for origin in settings.CORS_ALLOWED_ORIGINS}
    allowed |= {_origin(origin) for origin in plugin.allowed_return_origins}
    if _origin(url) not in allowed:
        return None
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "transaction"]
    query.append(("transaction", str(item.token)))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _return_page(variant: str) -> HttpResponse:
    message = {
        "success": "Thank you. Your payment is being confirmed.",
        "fail": "The payment did not go through.",
        "cancel": "The payment was cancelled.",
    }[variant]
    return HttpResponse(
        "<!doctype html><html><body>"
        f"<p>{message}</p><p>Please return to the shop to see your order.</p>"
        "</body></html>",
        content_type="text/html; charset=utf-8",
    )
