"""Order messages to the customer through the plugin manager's `notify` hook.

The event names are Saleor's NotifyEventType values (`order_confirmation`,
`order_fulfillment_confirmation`, ...); the payload carries what the notifications plugin's
templates show (see docs/notifications.md) and the recipients: `recipient_phone` (customers are
known by their number: an SMS in Bangla unless they chose English) and `recipient_email` when
the order has one. Each function runs in the caller's transaction: the plugins write their
messages there and send them after it commits, and the caller records the EMAIL_SENT event.
"""

from __future__ import annotations

from typing import Any

from graphql_relay import to_global_id

from plugins.framework.manager import PluginsManager

from .models import Fulfillment, Order

ORDER_CONFIRMATION = "order_confirmation"
ORDER_CONFIRMED = "order_confirmed"
ORDER_FULFILLMENT_CONFIRMATION = "order_fulfillment_confirmation"
ORDER_PAYMENT_CONFIRMATION = "order_payment_confirmation"
ORDER_CANCELED = "order_canceled"


def recipient_phone(order: Order) -> str:
    """The customer's number: the one given at checkout, else the account's, else the shipping
    address's (the order's own copy, when it was loaded)."""
    if order.customer_phone:
        return order.customer_phone
    user = order.user if order.user_id else None
    if user is not None and user.phone:
        return user.phone
    address = order.shipping_address if order.shipping_address_id else None
    return address.phone if address is not None else ""


def _money(amount: Any, currency: str) -> dict[str, str]:
    return {"amount": str(amount), "currency": currency}


def order_notify_payload(order: Order, *, centre_name: str = "") -> dict[str, Any]:
    """What every order message carries (no query when the order's user is loaded or absent)."""
    user = order.user if order.user_id else None
    return {
        "recipient_phone": recipient_phone(order),
        "recipient_email": order.user_email or (user.email if user is not None else "") or "",
        "language_code": order.language_code,
        "user": {"first_name": user.first_name if user is not None else ""},
        "order": {
            "id": to_global_id("Order", str(order.pk)),
            "number": order.number,
            "created": order.created_at,
            "status": order.status,
            "total": _money(order.total_gross_amount, order.currency),
            "subtotal": _money(order.subtotal_gross_amount, order.currency),
            "shipping_price": _money(order.shipping_price_gross_amount, order.currency),
            "centre_name": centre_name,
            "collection_point_name": order.collection_point_name,
        },
        "channel_slug": order.channel.slug,
    }


def notify_customer(
    order: Order, event: str, *, manager: PluginsManager, **extra: Any
) -> dict[str, Any]:
    """Send the order message `event` with `extra` payload sections; returns the payload."""
    payload = {**order_notify_payload(order), **extra}
    manager.notify(event, payload, channel_slug=order.channel.slug)
    return payload


def notified_recipient(payload: dict[str, Any]) -> str:
    """Who the message went to (the EMAIL_SENT event's `email`): the number first."""
    return str(payload.get("recipient_phone") or payload.get("recipient_email") or "")


def send_order_confirmation(
    order: Order, *, manager: PluginsManager, centre_name: str = ""
) -> dict[str, Any]:
    """Tell the customer the order was received (Saleor's ORDER_CONFIRMATION). Returns the
    payload so the caller can record who was told."""
    payload = order_notify_payload(order, centre_name=centre_name)
    manager.notify(ORDER_CONFIRMATION, payload, channel_slug=order.channel.slug)
    return payload


def send_fulfillment_confirmation(
    order: Order, fulfillment: Fulfillment, *, manager: PluginsManager
) -> dict[str, Any]:
    """Tell the customer a parcel is on its way (Saleor's ORDER_FULFILLMENT_CONFIRMATION)."""
    payload = order_notify_payload(order)
    payload["fulfillment"] = {
        "id": to_global_id("Fulfillment", fulfillment.pk),
        "tracking_number": fulfillment.tracking_number,
        "fulfillment_order": fulfillment.fulfillment_order,
    }
    manager.notify(ORDER_FULFILLMENT_CONFIRMATION, payload, channel_slug=order.channel.slug)
    return payload
