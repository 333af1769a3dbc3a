"""Confirming and cancelling an order (staff with MANAGE_ORDERS).

Each function owns its transaction, locks the order row first (two clicks cannot act twice),
writes its events in one INSERT, and calls the plugin hooks there: the plugins send after
commit, so a failed change announces nothing.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import transaction

from backend.core.errors import field_error
from backend.inventory.allocation import deallocate_stocks
from plugins.framework.manager import PluginsManager

from .error_codes import OrderErrorCode
from .events import actor_ids, email_sent_event, order_event, record_events
from .lock_objects import lock_order
from .models import Fulfillment, FulfillmentStatus, Order, OrderEvents, OrderStatus, VendorOrder
from .notifications import ORDER_CANCELED, ORDER_CONFIRMED, notified_recipient, notify_customer

CANCELLABLE = (OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED)


def _locked_order(order_id: UUID) -> Order:
    try:
        return lock_order(order_id)
    except Order.DoesNotExist:
        raise field_error(
            "id", f"Couldn't resolve to an order: {order_id}", OrderErrorCode.NOT_FOUND
        ) from None


def confirm_order(*, order_id: UUID, requestor: Any, manager: PluginsManager) -> Order:
    """UNCONFIRMED -> UNFULFILLED, for the order and its vendor parts. Records CONFIRMED, calls
    `order_confirmed` and tells the customer (ORDER_CONFIRMED)."""
    with transaction.atomic():
        order = _locked_order(order_id)
        if order.status != OrderStatus.UNCONFIRMED:
            raise field_error(
                "id", "Only an unconfirmed order can be confirmed.", OrderErrorCode.INVALID
            )
        if not order.lines.exists():
            raise field_error(
                "id", "An order without lines cannot be confirmed.", OrderErrorCode.INVALID
            )
        order.status = OrderStatus.UNFULFILLED
        order.save(update_fields=["status", "updated_at"])
        VendorOrder.objects.filter(order=order, status=OrderStatus.UNCONFIRMED).update(
            status=OrderStatus.UNFULFILLED
        )
        events = [order_event(order, OrderEvents.CONFIRMED, **actor_ids(requestor))]
        manager.order_confirmed(order, channel_slug=order.channel.slug)
        payload = notify_customer(order, ORDER_CONFIRMED, manager=manager)
        sent = email_sent_event(
            order,
            recipient=notified_recipient(payload),
            email_type="confirmed",
            requestor=requestor,
        )
        record_events([*events, *([sent] if sent else [])])
    return order


def cancel_order(*, order_id: UUID, requestor: Any, manager: PluginsManager) -> Order:
    """Cancel an unconfirmed or unfulfilled order without live fulfilments: its allocated stock
    is released, it and its vendor parts become CANCELED. Records CANCELED, calls
    `order_cancelled` and tells the customer (ORDER_CANCELED)."""
    with transaction.atomic():
        order = _locked_order(order_id)
        live_fulfilments = Fulfillment.objects.filter(order=order).exclude(
            status=FulfillmentStatus.CANCELED
        )
        if order.status not in CANCELLABLE or live_fulfilments.exists():
            raise field_error(
                "id",
                "Only an unconfirmed or unfulfilled order without fulfilments can be cancelled.",
                OrderErrorCode.CANNOT_CANCEL_ORDER,
            )
        deallocate_stocks(list(order.lines.values_list("pk", flat=True)))
        order.status = OrderStatus.CANCELED
        order.save(update_fields=["status", "updated_at"])
        VendorOrder.objects.filter(order=order).update(status=OrderStatus.CANCELED)
        events = [order_event(order, OrderEvents.CANCELED, **actor_ids(requestor))]
        manager.order_cancelled(order, channel_slug=order.channel.slug)
        payload = notify_customer(order, ORDER_CANCELED, manager=manager)
        sent = email_sent_event(
            order,
            recipient=notified_recipient(payload),
            email_type="order_cancel",
            requestor=requestor,
        )
        record_events([*events, *([sent] if sent else [])])
    return order
