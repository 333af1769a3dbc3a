"""What an order has been paid: its totals and statuses from its payment transactions.

The transactions live in `payments.transactions` (above this package in the commerce core); the
order reads them through its reverse relations, so this module needs no import of them. Callers
hold the order's row lock (payments take it before changing a transaction of the order).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Sum

from plugins.framework.manager import PluginsManager

from .events import actor_ids, email_sent_event, order_event, record_events
from .models import AuthorizeStatus, ChargeStatus, Order, OrderEvents
from .notifications import ORDER_PAYMENT_CONFIRMATION, notified_recipient, notify_customer

ZERO = Decimal(0)
PAID = (ChargeStatus.FULL, ChargeStatus.OVERCHARGED)


def charge_status(charged: Decimal, total: Decimal) -> str:
    """Saleor's charge status: what was charged against what is owed."""
    if charged <= 0:
        return ChargeStatus.FULL if total <= 0 else ChargeStatus.NONE
    if charged < total:
        return ChargeStatus.PARTIAL
    if charged == total:
        return ChargeStatus.FULL
    return ChargeStatus.OVERCHARGED


def authorize_status(covered: Decimal, total: Decimal) -> str:
    """Saleor's authorize status: charged and authorized funds against what is owed."""
    if covered >= total:
        return AuthorizeStatus.FULL
    if covered <= 0:
        return AuthorizeStatus.NONE
    return AuthorizeStatus.PARTIAL


def granted_refund_total(order: Order) -> Decimal:
    """Refunds granted to the customer: they lower what the order is owed."""
    total = order.granted_refunds.aggregate(total=Sum("amount_value"))["total"]
    return total or ZERO


def refresh_order_payment(
    order: Order, *, requestor: Any = None, manager: PluginsManager | None = None
) -> bool:
    """Store the order's charged and authorized totals and statuses from its transactions;
    when it has just become paid (and a manager is given) announce it. Returns whether it
    has just become paid."""
    sums = order.payment_transactions.aggregate(
        charged=Sum("charged_value"), authorized=Sum("authorized_value")
    )
    charged = sums["charged"] or ZERO
    authorized = sums["authorized"] or ZERO
    owed = order.total_gross_amount - granted_refund_total(order)
    was_paid = order.charge_status in PAID and order.total_charged_amount > 0
    order.total_charged_amount = charged
    order.total_authorized_amount = authorized
    order.charge_status = charge_status(charged, owed)
    order.authorize_status = authorize_status(charged + authorized, owed)
    order.save(
        update_fields=[
            "total_charged_amount",
            "total_authorized_amount",
            "charge_status",
            "authorize_status",
            "updated_at",
        ]
    )
    became_paid = not was_paid and order.charge_status in PAID and charged > 0
    if became_paid and manager is not None:
        announce_order_paid(order, requestor=requestor, manager=manager)
    return became_paid


def announce_order_paid(order: Order, *, requestor: Any, manager: PluginsManager) -> None:
    """ORDER_FULLY_PAID on the timeline, the `order_fully_paid` hook, and the customer's
    payment confirmation with its EMAIL_SENT event."""
    manager.order_fully_paid(order, channel_slug=order.channel.slug)
    payload = notify_customer(
        order,
        ORDER_PAYMENT_CONFIRMATION,
        manager=manager,
        payment={"amount": {"amount": str(order.total_charged_amount), "currency": order.currency}},
    )
    sent = email_sent_event(
        order,
        recipient=notified_recipient(payload),
        email_type="payment_confirmation",
        requestor=requestor,
    )
    record_events(
        [
            order_event(order, OrderEvents.ORDER_FULLY_PAID, **actor_ids(requestor)),
            *([sent] if sent else []),
        ]
    )
