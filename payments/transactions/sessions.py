"""Saleor's transaction sessions: `transactionInitialize` and `transactionProcess`.

A gateway is called outside any database transaction (an HTTP call must not hold row locks):
the transaction and its request are committed first, the gateway is asked, and its answer is
recorded under the locks. A gateway that cannot be reached leaves the request as it was; a
later `transactionProcess`, a status query or the gateway's notification settles it, and none
of them can create a second payment.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError
from django.db import transaction as db_transaction
from django.utils import timezone

from backend.core.errors import field_error
from backend.core.models import field_max_length
from plugins.framework.interface import (
    PaymentGatewayError,
    TransactionSessionData,
    TransactionSessionResult,
)
from plugins.framework.manager import PluginsManager

from .enums import ACTION_REQUIRED_TYPES, SESSION_RESULT_TYPES, TransactionFlowStrategy
from .enums import TransactionEventType as E
from .error_codes import TransactionErrorCode
from .events import RecordedEvent, actor, record_event
from .models import TransactionEvent, TransactionItem
from .owners import Owner, lock_owner, lock_transaction_with_owner
from .sources import PaymentSource

logger = logging.getLogger(__name__)
IDEMPOTENCY_KEY_LENGTH = field_max_length(TransactionItem, "idempotency_key")
TRANSACTION_ITEMS_LIMIT = 100

ZERO = Decimal(0)
# Only a settled outcome ends a session; a request or an action still waits for the gateway.
FINAL_SESSION_TYPES = frozenset(
    {E.CHARGE_SUCCESS, E.CHARGE_FAILURE, E.AUTHORIZATION_SUCCESS, E.AUTHORIZATION_FAILURE}
)


@dataclass(frozen=True)
class SessionOutcome:
    transaction: TransactionItem
    event: TransactionEvent | None
    data: dict[str, Any] | None
    # The gateway could not be reached: the caller reports it; nothing was settled.
    gateway_error: str | None = None


def gateway_plugin(manager: PluginsManager, gateway_id: str, channel_slug: str, hook: str):
    """The active plugin `gateway_id` implementing `hook` in the channel, or None."""
    from plugins.framework.base import implements

    plugin = manager.get_plugin(gateway_id, channel_slug)
    if plugin is None or not plugin.active or not implements(plugin, hook):
        return None
    return plugin


def session_data(
    item: TransactionItem,
    source: PaymentSource,
    *,
    action: str,
    amount: Decimal,
    data: dict[str, Any] | None,
    idempotency_key: str | None = None,
    request_id: int | None = None,
) -> TransactionSessionData:
    return TransactionSessionData(
        transaction_id=str(item.token),
        action=action,
        amount=amount,
        currency=item.currency,
        channel_slug=source.channel_slug,
        source_object_id=source.global_id,
        source_object_type=source.type_name,
        customer_phone=source.customer_phone or None,
        customer_email=source.customer_email or None,
        customer_name=source.customer_name,
        customer_ip_address=item.customer_ip_address,
        idempotency_key=idempotency_key or item.idempotency_key,
        psp_reference=item.psp_reference,
        data=data,
        charged_amount=item.charged_value,
        authorized_amount=item.authorized_value,
        request_id=request_id,
    )


def _request_type(action: str) -> str:
    return (
        E.AUTHORIZATION_REQUEST
        if action == TransactionFlowStrategy.AUTHORIZATION
        else E.CHARGE_REQUEST
    )


def _existing_for_key(
    gateway_id: str, idempotency_key: str, source: PaymentSource
) -> TransactionItem | None:
    item = TransactionItem.objects.filter(
        app_identifier=gateway_id, idempotency_key=idempotency_key
    ).first()
    if item is None:
        return None
    same_source = (
        item.checkout_id == source.checkout.pk
        if source.checkout is not None
        else item.order_id == (source.order.pk if source.order else None)
    )
    if not same_source:
        raise field_error(
            "idempotency_key",
            "The idempotency key was already used for another payment.",
            TransactionErrorCode.UNIQUE,
        )
    return item


def _latest_event(item: TransactionItem) -> TransactionEvent | None:
    """The gateway's latest word on the transaction (the session's own request record when the
    gateway has said nothing yet)."""
    events = item.events.order_by("-created_at", "-pk")
    return events.filter(include_in_calculations=True).first() or events.first()


def _storefront_return(data: dict[str, Any] | None) -> dict[str, Any] | None:
    return_url = (data or {}).get("returnUrl") if isinstance(data, dict) else None
    return {"returnUrl": return_url} if isinstance(return_url, str) and return_url else None


def _check_limits(plugin: Any, amount: Decimal) -> None:
    """The gateway's own limits on one payment, as a clear error before anything is created."""
    low, high = plugin.MIN_TRANSACTION_AMOUNT, plugin.MAX_TRANSACTION_AMOUNT
    reason = f" {plugin.TRANSACTION_LIMIT_REASON}" if plugin.TRANSACTION_LIMIT_REASON else ""
    if low is not None and amount < low:
        raise field_error(
            "amount",
            f"{plugin.PLUGIN_NAME} takes at least {low} per payment; {amount} is less.{reason}",
            TransactionErrorCode.INVALID,
        )
    if high is not None and amount > high:
        raise field_error(
            "amount",
            f"{plugin.PLUGIN_NAME} takes at most {high} per payment; {amount} is more.{reason}",
            TransactionErrorCode.INVALID,
        )


def _check_transactions_limit(owner: Owner) -> None:
    """Saleor's limit of transactions per checkout or order (counted under the owner's lock:
    anyone holding a checkout's id could otherwise add them without end)."""
    owned = TransactionItem.objects.filter(checkout=owner.checkout, order=owner.order).count()
    if owned >= TRANSACTION_ITEMS_LIMIT:
        raise field_error(
            "transactions",
            f"A checkout or an order takes at most {TRANSACTION_ITEMS_LIMIT} transactions.",
            TransactionErrorCode.INVALID,
        )


def initialize_transaction(
    *,
    source: PaymentSource,
    gateway_id: str,
    action: str | None,
    amount: Decimal | None,
    data: dict[str, Any] | None,
    idempotency_key: str | None,
    customer_ip_address: str | None,
    requestor: Any,
    manager: PluginsManager,
) -> SessionOutcome:
    """Start paying `source` through `gateway_id`: a transaction, its request, the gateway's
    answer (a payment page to visit, or an outcome). The same idempotency key returns the
    transaction it started, without asking the gateway again."""
    action = action or TransactionFlowStrategy.CHARGE
    plugin = gateway_plugin(
        manager, gateway_id, source.channel_slug, "transaction_initialize_session"
    )
    if plugin is None:
        raise field_error(
            "payment_gateway",
            f"No active payment gateway {gateway_id!r} in this channel.",
            TransactionErrorCode.NOT_FOUND,
        )
    if idempotency_key and len(idempotency_key) > IDEMPOTENCY_KEY_LENGTH:
        raise field_error(
            "idempotency_key",
            f"At most {IDEMPOTENCY_KEY_LENGTH} characters are allowed.",
            TransactionErrorCode.INVALID,
        )
    if idempotency_key:
        existing = _existing_for_key(gateway_id, idempotency_key, source)
        if existing is not None:
            return SessionOutcome(existing, _latest_event(existing), existing.session_data)
    if amount is None:
        amount = source.balance
    amount = Decimal(amount)
    if amount <= 0:
        raise field_error(
            "amount",
            "Nothing is left to pay." if source.balance <= 0 else "The amount must be positive.",
            TransactionErrorCode.INVALID,
        )
    _check_limits(plugin, amount)
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise field_error(
            "amount", "BDT amounts have at most two decimal places.", TransactionErrorCode.INVALID
        )
    try:
        with db_transaction.atomic():
            owner = lock_owner(**source.owner_filter)
            _check_transactions_limit(owner)
            item = TransactionItem.objects.create(
                name=plugin.PLUGIN_NAME,
                currency=source.currency,
                checkout=source.checkout,
                order=source.order,
                app_identifier=gateway_id,
                idempotency_key=idempotency_key or None,
                customer_ip_address=customer_ip_address,
                # Where the customer goes back to, kept even if the gateway never answers.
                session_data=_storefront_return(data),
                **actor(requestor),
            )
            TransactionEvent.objects.create(
                transaction=item,
                type=_request_type(action),
                amount_value=amount,
                currency=item.currency,
                app_identifier=gateway_id,
                idempotency_key=idempotency_key or None,
                include_in_calculations=False,
                **actor(requestor),
            )
    except IntegrityError:
        # Another request with the same key won the race: answer with its transaction.
        existing = _existing_for_key(gateway_id, idempotency_key or "", source)
        if existing is None:
            raise
        return SessionOutcome(existing, _latest_event(existing), existing.session_data)
    session = session_data(
        item, source, action=action, amount=amount, data=data, idempotency_key=idempotency_key
    )
    return _ask_gateway(
        item,
        session,
        lambda: manager.transaction_initialize_session(session, gateway_id=gateway_id),
        requestor=requestor,
        manager=manager,
    )


def process_transaction(
    *,
    item: TransactionItem,
    source: PaymentSource,
    data: dict[str, Any] | None,
    customer_ip_address: str | None,
    requestor: Any,
    manager: PluginsManager,
) -> SessionOutcome:
    """The storefront is back from the payment page: the gateway confirms what happened (the
    redirect itself proves nothing). A transaction already settled is answered as it stands."""
    latest = _latest_event(item)
    if latest is not None and latest.type in FINAL_SESSION_TYPES:
        # Settled meanwhile (a notification won the race): answered as it stands now.
        item.refresh_from_db()
        return SessionOutcome(item, latest, item.session_data)
    if not item.app_identifier:
        raise field_error(
            "id",
            "The transaction has no payment gateway that could process it.",
            TransactionErrorCode.MISSING_PAYMENT_APP_RELATION,
        )
    if (
        gateway_plugin(
            manager, item.app_identifier, source.channel_slug, "transaction_process_session"
        )
        is None
    ):
        raise field_error(
            "id",
            f"The payment gateway {item.app_identifier!r} of this transaction is not active.",
            TransactionErrorCode.MISSING_PAYMENT_APP,
        )
    request = (
        item.events.filter(type__in=[E.CHARGE_REQUEST, E.AUTHORIZATION_REQUEST])
        .order_by("pk")
        .first()
    )
    action = (
        TransactionFlowStrategy.AUTHORIZATION
        if request is not None and request.type == E.AUTHORIZATION_REQUEST
        else TransactionFlowStrategy.CHARGE
    )
    amount = request.amount_value if request is not None else source.balance
    if customer_ip_address and not item.customer_ip_address:
        item.customer_ip_address = customer_ip_address
    session = session_data(item, source, action=action, amount=amount, data=data)
    return _ask_gateway(
        item,
        session,
        lambda: manager.transaction_process_session(session, gateway_id=item.app_identifier),
        requestor=requestor,
        manager=manager,
    )


def _ask_gateway(item, session, call, *, requestor, manager) -> SessionOutcome:
    try:
        result = call()
    except PaymentGatewayError as error:
        logger.warning("Payment gateway %s unreachable: %s", item.app_identifier, error)
        return SessionOutcome(item, _latest_event(item), None, gateway_error=str(error))
    if result is None:
        return SessionOutcome(
            item, _latest_event(item), None, gateway_error="The gateway gave no answer."
        )
    if result.result not in SESSION_RESULT_TYPES:
        logger.error("Gateway %s answered a session with %s", item.app_identifier, result.result)
        return SessionOutcome(
            item,
            _latest_event(item),
            None,
            gateway_error="The gateway's answer was not understood.",
        )
    recorded = apply_gateway_result(
        item.pk, result, requestor=requestor, manager=manager, session_data=result.data
    )
    item = recorded_item(recorded)
    return SessionOutcome(item, recorded.event, result.data)


def recorded_item(recorded: RecordedEvent) -> TransactionItem:
    return recorded.event.transaction


AWAITING_CUSTOMER = ACTION_REQUIRED_TYPES | {E.CHARGE_REQUEST, E.AUTHORIZATION_REQUEST}
WATCH_FOR = timedelta(hours=48)


def _watch_for_customer(item: TransactionItem, result_type: str) -> None:
    """A session waiting on the customer is asked about for two days; an outcome ends it."""
    if result_type in AWAITING_CUSTOMER:
        if item.status_check_until is None:
            item.status_check_until = timezone.now() + WATCH_FOR
    elif result_type in FINAL_SESSION_TYPES:
        item.status_check_until = None


def apply_gateway_result(
    transaction_id: int,
    result: TransactionSessionResult,
    *,
    requestor: Any = None,
    manager: PluginsManager | None = None,
    session_data: dict[str, Any] | None = None,
    names_payment: bool = True,
    granted_refund_id: int | None = None,
    answers_request: bool = False,
) -> RecordedEvent:
    """Record what a gateway confirmed for the transaction, under its locks: its reference
    becomes the transaction's, its outcome moves the amounts (once per reference).

    Gateways call this from their notification handlers too, after asking the gateway.
    `names_payment`: the result's reference is the gateway's id of the payment itself (a
    session's answer), not of a refund or a capture. `granted_refund_id`: the granted refund a
    refund's outcome settles; `answers_request`: the result is the gateway's answer to a request
    the caller made (its grant, if any, is the one given), not a later report."""
    with db_transaction.atomic():
        item, owner = lock_transaction_with_owner(transaction_id)
        psp_reference = result.psp_reference or ""
        if names_payment and psp_reference and item.psp_reference != psp_reference:
            if item.psp_reference:
                raise field_error(
                    "psp_reference",
                    "The gateway's reference does not belong to this transaction.",
                    TransactionErrorCode.INCORRECT_DETAILS,
                )
            item.psp_reference = psp_reference
            try:
                with db_transaction.atomic():
                    TransactionItem.objects.filter(pk=item.pk).update(psp_reference=psp_reference)
            except IntegrityError:
                raise field_error(
                    "psp_reference",
                    "The gateway's reference already belongs to another transaction.",
                    TransactionErrorCode.UNIQUE,
                ) from None
        if session_data is not None:
            item.session_data = session_data
        _watch_for_customer(item, result.result)
        recorded = record_event(
            item,
            owner,
            event_type=result.result,
            amount=result.amount,
            psp_reference=psp_reference,
            message=result.message,
            external_url=result.external_url or "",
            requestor=requestor,
            available_actions=list(result.available_actions)
            if result.available_actions is not None
            else None,
            manager=manager,
            granted_refund_id=granted_refund_id,
            find_granted_refund=not answers_request,
        )
        recorded.event.transaction = item
    return recorded
