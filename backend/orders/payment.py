"""Cash received: `mark_order_as_paid` records that an unpaid order (cash on delivery, cash at
the centre) has been paid in full, with the reference of the receipt."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import transaction

from backend.core.errors import field_error
from plugins.framework.manager import PluginsManager

from .error_codes import OrderErrorCode
from .events import actor_ids, email_sent_event, order_event, record_events
from .lock_objects import lock_order
from .models import AuthorizeStatus, ChargeStatus, Order, OrderEvents, OrderStatus
from .notifications import ORDER_PAYMENT_CONFIRMATION, notified_recipient, notify_customer

NOT_PAYABLE = (OrderStatus.DRAFT, OrderStatus.CANCELED, OrderStatus.EXPIRED)


def mark_order_as_paid(
    *,
    order_id: UUID,
    transaction_reference: str = "",
    requestor: Any,
    manager: PluginsManager,
    may_collect: Any = None,
) -> Order:
    """The order's total is charged: charge status FULL, `total_charged` = total. Records
    ORDER_MARKED_AS_PAID (with the reference) and ORDER_FULLY_PAID, calls `order_fully_paid`
    and thanks the customer (ORDER_PAYMENT_CONFIRMATION).

    `may_collect(order)`, when given, is asked with the locked order before anything changes
    (the API's rule: staff, or an entrepreneur of the order's centre); it raises
    PermissionDenied to refuse."""
    with transaction.atomic():
        try:
            order = lock_order(order_id)
        except Order.DoesNotExist:
            raise field_error(
                "id", f"Couldn't resolve to an order: {order_id}", OrderErrorCode.NOT_FOUND
            ) from None
        if may_collect is not None:
            may_collect(order)
        if order.status in NOT_PAYABLE:
            raise field_error(
                "id",
                f"A {order.get_status_display().lower()} order cannot be paid.",
                OrderErrorCode.INVALID,
            )
        if order.charge_status in (ChargeStatus.FULL, ChargeStatus.OVERCHARGED):
            raise field_error("id", "The order is already paid.", OrderErrorCode.PAYMENT_ERROR)
        order.charge_status = ChargeStatus.FULL
        order.authorize_status = AuthorizeStatus.FULL
        order.total_charged_amount = order.total_gross_amount
        order.save(
            update_fields=[
                "charge_status",
                "authorize_status",
                "total_charged_amount",
                "updated_at",
            ]
        )
        actor = actor_ids(requestor)
        events = [
            order_event(
                order,
                OrderEvents.ORDER_MARKED_AS_PAID,
                **actor,
                transaction_reference=transaction_reference or None,
            ),
            order_event(order, OrderEvents.ORDER_FULLY_PAID, **actor),
        ]
        manager.order_fully_paid(order, channel_slug=order.channel.slug)
        payload = notify_customer(
            order,
            ORDER_PAYMENT_CONFIRMATION,
            manager=manager,
            payment={
                "amount": {"amount": str(order.total_gross_amount), "currency": order.currency},
                "transaction_reference": transaction_reference,
            },
        )
        sent = email_sent_event(
            order,
            recipient=notified_recipient(payload),
            email_type="payment_confirmation",
            requestor=requestor,
        )
        record_events([*events, *([sent] if sent else [])])
    return order
