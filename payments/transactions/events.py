"""`record_event`: the one write path of a transaction's amounts.

Called with the transaction and its owner locked (`owners.lock_transaction_with_owner`). A
settling event (a success, failure, chargeback or reversal) or a gateway's pending request with
a gateway reference is recorded once: the same report again is "already processed"; the
same reference with another amount is refused, as Saleor's `transactionEventReport` refuses
it. A unique constraint backs this up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError
from django.db import transaction as db_transaction
from django.utils import timezone

from backend.core.errors import field_error
from plugins.framework.manager import PluginsManager

from .amounts import Amounts, apply_event
from .checks import schedule_status_check
from .enums import ONCE_PER_REFERENCE, TransactionEventType
from .enums import TransactionEventType as E
from .error_codes import TransactionErrorCode
from .models import GrantedRefundStatus, OrderGrantedRefund, TransactionEvent, TransactionItem
from .owners import Owner, refresh_owner

# What a refund event says of the granted refund it was made for.
GRANTED_REFUND_STATUS: dict[str, str] = {
    E.REFUND_REQUEST: GrantedRefundStatus.PENDING,
    E.REFUND_SUCCESS: GrantedRefundStatus.SUCCESS,
    E.REFUND_FAILURE: GrantedRefundStatus.FAILURE,
}


@dataclass(frozen=True)
class RecordedEvent:
    event: TransactionEvent
    already_processed: bool


def actor(requestor: Any) -> dict[str, Any]:
    """`user` and `app` of whoever acts (an app's requestor carries `.app`)."""
    if requestor is None:
        return {"user": None, "app": None}
    if getattr(requestor, "is_app", False):
        return {"user": None, "app": requestor.app}
    if getattr(requestor, "is_authenticated", False):
        return {"user": requestor, "app": None}
    return {"user": None, "app": None}


def _existing_settlement(item: TransactionItem, event_type: str, psp_reference: str):
    if event_type not in ONCE_PER_REFERENCE or not psp_reference:
        return None
    return TransactionEvent.objects.filter(
        transaction=item, type=event_type, psp_reference=psp_reference
    ).first()


def _granted_refund_of(
    item: TransactionItem, event_type: str, amount: Decimal, granted_refund_id: int | None
) -> int | None:
    """For a gateway's later outcome of a refund (a callback, a status query), which names no
    grant: the oldest grant of this transaction and amount waiting for its refund."""
    if granted_refund_id is not None or event_type not in (E.REFUND_SUCCESS, E.REFUND_FAILURE):
        return granted_refund_id
    return (
        OrderGrantedRefund.objects.filter(
            transaction_item=item, status=GrantedRefundStatus.PENDING, amount_value=amount
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


def record_event(
    item: TransactionItem,
    owner: Owner,
    *,
    event_type: str,
    amount: Decimal,
    psp_reference: str = "",
    message: str = "",
    external_url: str = "",
    requestor: Any = None,
    app_identifier: str = "",
    idempotency_key: str | None = None,
    include_in_calculations: bool = True,
    available_actions: list[str] | None = None,
    manager: PluginsManager | None = None,
    granted_refund_id: int | None = None,
    find_granted_refund: bool = True,
) -> RecordedEvent:
    """Record the event, move the amounts, refresh the owner's totals (an order that becomes
    paid is announced: ORDER_FULLY_PAID, `order_fully_paid`, the customer's message). A refund
    event for a granted refund moves the grant's status (requested, refunded, refused); a
    refund's outcome that names no grant is matched to one (`find_granted_refund`) unless the
    caller knows the request it answers."""
    if not db_transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event runs inside the transaction that locked the item.")
    amount = Decimal(amount)
    if amount < 0:
        raise field_error("amount", "The amount cannot be negative.", TransactionErrorCode.INVALID)
    existing = _existing_settlement(item, event_type, psp_reference)
    if existing is not None:
        if existing.amount_value != amount:
            raise field_error(
                "psp_reference",
                f"The {event_type} with reference {psp_reference} was reported with the amount "
                f"{existing.amount_value}, not {amount}.",
                TransactionErrorCode.INCORRECT_DETAILS,
            )
        return RecordedEvent(existing, already_processed=True)
    if include_in_calculations:
        before = Amounts.of(item)
        # A failed capture gives the amount back to the authorization it came from.
        from_authorization = (
            event_type == TransactionEventType.CHARGE_FAILURE
            and item.charge_pending_value > 0
            and item.events.filter(type=TransactionEventType.AUTHORIZATION_SUCCESS).exists()
        )
        try:
            after = apply_event(before, event_type, amount, from_authorization=from_authorization)
        except ValueError as error:
            raise field_error("amount", str(error), TransactionErrorCode.INVALID) from None
        after.store(item)
    if available_actions is not None:
        item.available_actions = list(available_actions)
    if message:
        item.message = message[:512]
    if external_url:
        item.external_url = external_url
    if find_granted_refund:
        granted_refund_id = _granted_refund_of(item, event_type, amount, granted_refund_id)
    try:
        with db_transaction.atomic():
            event = TransactionEvent.objects.create(
                transaction=item,
                type=event_type,
                amount_value=amount,
                currency=item.currency,
                psp_reference=psp_reference,
                message=message[:512],
                external_url=external_url,
                app_identifier=app_identifier or item.app_identifier,
                idempotency_key=idempotency_key,
                include_in_calculations=include_in_calculations,
                related_granted_refund_id=granted_refund_id,
                **actor(requestor),
            )
    except IntegrityError:
        # Only reachable when the item was not locked: the constraint still records it once.
        item.refresh_from_db()
        event = TransactionEvent.objects.get(
            transaction=item, type=event_type, psp_reference=psp_reference
        )
        return RecordedEvent(event, already_processed=True)
    schedule_status_check(item, timezone.now())
    item.save()
    if granted_refund_id is not None and event_type in GRANTED_REFUND_STATUS:
        OrderGrantedRefund.objects.filter(pk=granted_refund_id).update(
            status=GRANTED_REFUND_STATUS[event_type]
        )
    refresh_owner(owner, requestor=requestor, manager=manager)
    return RecordedEvent(event, already_processed=False)
