"""What a payment is for: a checkout or an order, its channel, customer and amount still owed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from graphql_relay import to_global_id

from backend.checkout.fetch import fetch_checkout_info
from backend.checkout.models import Checkout
from backend.checkout.summary import CheckoutSummary
from backend.orders.models import Order
from plugins.framework.manager import PluginsManager

from .models import TransactionItem

ZERO = Decimal(0)


@dataclass(frozen=True)
class PaymentSource:
    """A checkout or an order as a payment sees it."""

    checkout: Checkout | None
    order: Order | None
    channel_slug: str
    currency: str
    total: Decimal
    # Charged plus authorized (with pending, for a checkout): what no new payment needs to cover.
    covered: Decimal
    customer_phone: str
    customer_email: str
    customer_name: str

    @property
    def global_id(self) -> str:
        if self.checkout is not None:
            return to_global_id("Checkout", str(self.checkout.pk))
        assert self.order is not None
        return to_global_id("Order", str(self.order.pk))

    @property
    def type_name(self) -> str:
        return "Checkout" if self.checkout is not None else "Order"

    @property
    def balance(self) -> Decimal:
        """What is still to pay (never negative)."""
        return max(self.total - self.covered, ZERO)

    @property
    def owner_filter(self) -> dict[str, Any]:
        if self.checkout is not None:
            return {"checkout_token": self.checkout.pk}
        assert self.order is not None
        return {"order_id": self.order.pk}


def checkout_source(checkout: Checkout, *, manager: PluginsManager) -> PaymentSource:
    info = fetch_checkout_info(checkout)
    summary = CheckoutSummary(info, manager=manager)
    address = checkout.billing_address or checkout.shipping_address
    name = f"{address.first_name} {address.last_name}".strip() if address else ""
    return PaymentSource(
        checkout=checkout,
        order=None,
        channel_slug=info.channel.slug,
        currency=checkout.currency,
        total=summary.prices.total.gross,
        covered=checkout.total_authorized_amount,
        customer_phone=info.customer_phone,
        customer_email=info.customer_email or "",
        customer_name=name,
    )


def order_source(order: Order) -> PaymentSource:
    address = order.billing_address or order.shipping_address
    name = f"{address.first_name} {address.last_name}".strip() if address else ""
    return PaymentSource(
        checkout=None,
        order=order,
        channel_slug=order.channel.slug,
        currency=order.currency,
        total=order.total_gross_amount,
        covered=order.total_charged_amount + order.total_authorized_amount,
        customer_phone=order.customer_phone or (address.phone if address else ""),
        customer_email=order.user_email,
        customer_name=name,
    )


def transaction_source(item: TransactionItem, *, manager: PluginsManager) -> PaymentSource:
    """What the transaction pays for, read fresh: its order, or else its checkout."""
    if item.order_id is not None:
        order = Order.objects.select_related("channel", "billing_address", "shipping_address").get(
            pk=item.order_id
        )
        return order_source(order)
    if item.checkout_id is None:
        raise Checkout.DoesNotExist("The transaction belongs to no checkout or order.")
    checkout = Checkout.objects.select_related(
        "channel", "billing_address", "shipping_address"
    ).get(pk=item.checkout_id)
    return checkout_source(checkout, manager=manager)
