"""Stripe's webhooks and the customer's return from the payment page.

A webhook is verified on its raw bytes first (`Stripe-Signature`: HMAC-SHA256 of "t.body" with
the endpoint's secret, constant-time, timestamps older than 300 s refused), then stored under
its event id (a redelivery is recognised and not acted on twice), and only then is Stripe ASKED
for the PaymentIntent (and its refunds): the event's own content credits nothing. A forged,
stale or unparsable message is stored under a digest of its body and answered 400; one about a
payment that is not ours, or that does not match the transaction to the paisa, is stored as
rejected and answered 200 so that Stripe stops sending it; Stripe unreachable is 500 (Stripe
retries later).
"""

from __future__ import annotations

import json
import logging
from typing import Any, ClassVar, Protocol
from urllib.parse import urlsplit

import stripe
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from payments.transactions.inbox import body_digest, finish_notification, store_notification
from payments.transactions.models import PaymentNotification, TransactionItem
from payments.transactions.selectors import transaction_by_reference, transaction_by_token
from payments.transactions.sessions import apply_gateway_result
from plugins.framework.interface import PaymentGatewayError, TransactionSessionResult
from plugins.framework.manager import get_plugins_manager

from .client import RefundInfo, StripeGatewayClient, StripeRefusal
from .links import with_query
from .outcomes import (
    METADATA_KEY,
    Mismatch,
    check_intent,
    is_settled,
    refund_results,
    requested_amount,
)
from .outcomes import session_result as intent_session_result


class StripeGatewayPlugin(Protocol):
    """What these handlers need of the plugin (no import of it: no cycle)."""

    PLUGIN_ID: ClassVar[str]
    config: dict[str, Any]

    def client(self) -> StripeGatewayClient: ...


logger = logging.getLogger(__name__)

SIGNATURE_TOLERANCE_SECONDS = 300
PAYMENT_INTENT_EVENTS = frozenset(
    {
        "payment_intent.succeeded",
        "payment_intent.amount_capturable_updated",
        "payment_intent.payment_failed",
        "payment_intent.canceled",
    }
)
REFUND_EVENTS = frozenset(
    {
        "charge.refunded",
        "charge.refund.updated",
        "refund.created",
        "refund.updated",
        "refund.failed",
    }
)
FINISHED = frozenset({"accepted", "rejected", "ignored"})


class Rejected(Exception):
    """The message is not about one of our payments as Stripe knows it: nothing changes."""


def handle_webhook(plugin: StripeGatewayPlugin, request: HttpRequest) -> HttpResponse:
    body = bytes(request.body)
    secret = plugin.config.get("webhook_secret") or ""
    try:
        if not secret:  # an empty HMAC key would let anyone sign
            raise stripe.SignatureVerificationError("no webhook secret is configured", "")
        stripe.WebhookSignature.verify_header(
            body.decode("utf-8"),
            request.headers.get("Stripe-Signature", ""),
            secret,
            tolerance=SIGNATURE_TOLERANCE_SECONDS,
        )
        event = json.loads(body)
        event_id, event_type = str(event["id"]), str(event["type"])
        data_object = event["data"]["object"]
    except (stripe.SignatureVerificationError, UnicodeDecodeError, ValueError, KeyError) as error:
        reason = (
            str(error) if isinstance(error, stripe.SignatureVerificationError) else "unreadable"
        )
        row, _ = store_notification(
            gateway=plugin.PLUGIN_ID, dedupe_key=body_digest(body), request=request
        )
        finish_notification(row, outcome="rejected", detail=f"Refused webhook: {reason}")
        logger.warning("Stripe webhook refused (%s)", reason)
        return HttpResponse("Invalid signature or payload.", status=400, content_type="text/plain")
    row, is_new = store_notification(gateway=plugin.PLUGIN_ID, dedupe_key=event_id, request=request)
    if not is_new and row.outcome in FINISHED:
        logger.info("Stripe event %s arrived again; already %s", event_id, row.outcome)
        return HttpResponse("Already received.", content_type="text/plain")
    return _settle_event(plugin, row, event_type, data_object)


def _settle_event(
    plugin: StripeGatewayPlugin, row: PaymentNotification, event_type: str, data_object: Any
) -> HttpResponse:
    if event_type not in PAYMENT_INTENT_EVENTS | REFUND_EVENTS or not isinstance(data_object, dict):
        finish_notification(row, outcome="ignored", detail=f"{event_type} is not used.")
        return HttpResponse("Ignored.", content_type="text/plain")
    intent_id = str(
        data_object.get("id")
        if data_object.get("object") == "payment_intent"
        else data_object.get("payment_intent") or ""
    )
    item = None
    try:
        with plugin.client() as client:
            intent, item = _ours(plugin, client, intent_id)
            if event_type in PAYMENT_INTENT_EVENTS:
                detail = _record(item, _intent_result(intent, item), names_payment=True)
            else:
                detail = _record_refunds(item, client.list_refunds(intent.id))
    except PaymentGatewayError as error:
        finish_notification(row, outcome="failed", detail=str(error))
        return HttpResponse("Stripe could not be asked; send it again.", status=500)
    except (Rejected, Mismatch, StripeRefusal, ValidationError) as error:
        detail = _reason(error)
        finish_notification(
            row, outcome="rejected", detail=detail, transaction_id=item.pk if item else None
        )
        logger.warning("Stripe %s rejected: %s", event_type, detail)
        return HttpResponse("Rejected.", content_type="text/plain")
    finish_notification(row, outcome="accepted", detail=detail, transaction_id=item.pk)
    return HttpResponse("OK", content_type="text/plain")


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error)


def _ours(plugin: StripeGatewayPlugin, client: StripeGatewayClient, intent_id: str):
    """The PaymentIntent as Stripe has it and the transaction it belongs to, checked."""
    if not intent_id.startswith("pi_"):
        raise Rejected("The message names no PaymentIntent.")
    intent = client.retrieve_payment_intent(intent_id)
    item = transaction_by_reference(plugin.PLUGIN_ID, intent.id) or transaction_by_token(
        intent.metadata.get(METADATA_KEY, "")
    )
    if item is None or item.app_identifier != plugin.PLUGIN_ID:
        raise Rejected(f"PaymentIntent {intent.id} belongs to no Haat transaction.")
    amount = requested_amount(item)
    if amount is None:
        raise Rejected("The transaction asked for no payment.")
    check_intent(
        intent,
        token=str(item.token),
        amount=amount,
        currency=item.currency,
        psp_reference=item.psp_reference,
    )
    return intent, item


def _intent_result(intent: Any, item: TransactionItem) -> TransactionSessionResult | None:
    """A canceled authorization is a release (CANCEL_SUCCESS), not a failed payment."""
    if intent.status == "canceled" and item.authorized_value + item.cancel_pending_value > 0:
        return TransactionSessionResult(
            result="CANCEL_SUCCESS",
            amount=intent.amount - intent.amount_received,
            psp_reference=intent.id,
            message="The authorization was released.",
            available_actions=(),
        )
    result = intent_session_result(intent)
    return result if is_settled(result) else None


def _record(
    item: TransactionItem, result: TransactionSessionResult | None, *, names_payment: bool
) -> str:
    if result is None:
        return "Nothing to record yet."
    recorded = apply_gateway_result(
        item.pk,
        result,
        manager=get_plugins_manager(),
        names_payment=names_payment and result.result != "CANCEL_SUCCESS",
    )
    again = " (already recorded)" if recorded.already_processed else ""
    return f"{result.result} {result.amount} {result.psp_reference}{again}"


def _record_refunds(item: TransactionItem, refunds: list[RefundInfo]) -> str:
    """Each refund Stripe settled, once per refund id."""
    results = refund_results(refunds, token=str(item.token), currency=item.currency)
    details = [_record(item, result, names_payment=False) for result in results]
    return "; ".join(details) or "No settled refund."


# --- the browser's return --------------------------------------------------------------------


def handle_return(plugin: StripeGatewayPlugin, request: HttpRequest) -> HttpResponse:
    """Stored, then Stripe asked (the redirect proves nothing), then the customer is sent back
    to the storefront's returnUrl when its origin is allowed."""
    query = request.META.get("QUERY_STRING", "").encode()
    row, is_new = store_notification(
        gateway=plugin.PLUGIN_ID, dedupe_key="return:" + body_digest(query), request=request
    )
    item = transaction_by_token(request.GET.get("transaction", ""))
    if item is None or item.app_identifier != plugin.PLUGIN_ID:
        finish_notification(row, outcome="rejected", detail="Return for no Stripe transaction.")
        return _back_to_shop(status=400)
    intent_id = request.GET.get("payment_intent") or item.psp_reference
    if is_new or row.outcome not in FINISHED:
        _settle_return(plugin, row, item, intent_id)
    return _redirect(plugin, item)


def _settle_return(
    plugin: StripeGatewayPlugin, row: PaymentNotification, item: TransactionItem, intent_id: str
) -> None:
    try:
        with plugin.client() as client:
            intent, found = _ours(plugin, client, intent_id)
            if found.pk != item.pk:
                raise Rejected(f"PaymentIntent {intent.id} belongs to another transaction.")
            result = intent_session_result(intent)
            detail = _record(item, result if is_settled(result) else None, names_payment=True)
    except PaymentGatewayError as error:
        finish_notification(row, outcome="failed", detail=str(error), transaction_id=item.pk)
        return
    except (Rejected, Mismatch, StripeRefusal, ValidationError) as error:
        finish_notification(row, outcome="rejected", detail=_reason(error), transaction_id=item.pk)
        logger.warning("Stripe return rejected: %s", _reason(error))
        return
    finish_notification(row, outcome="accepted", detail=detail, transaction_id=item.pk)


def allowed_origin(url: str, extra_origins: str = "") -> bool:
    """Whether `url` is on a storefront origin we trust (never an open redirect)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    allowed = [*getattr(settings, "CORS_ALLOWED_ORIGINS", []), *extra_origins.split(",")]
    return origin in {entry.strip().rstrip("/").lower() for entry in allowed if entry.strip()}


def _redirect(plugin: StripeGatewayPlugin, item: TransactionItem) -> HttpResponse:
    item.refresh_from_db(fields=["session_data"])
    url = str((item.session_data or {}).get("returnUrl") or "")
    if url and allowed_origin(url, plugin.config.get("allowed_return_origins") or ""):
        response = HttpResponseRedirect(with_query(url, transaction=str(item.token)))
        response.status_code = 303
        return response
    return _back_to_shop()


def _back_to_shop(status: int = 200) -> HttpResponse:
    return HttpResponse(
        "<!doctype html><html><body><p>Thank you. Please return to the shop to see your "
        "payment.</p></body></html>",
        status=status,
        content_type="text/html; charset=utf-8",
    )
