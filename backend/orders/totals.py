"""Order and vendor-part totals recomputed from their lines, after lines are added, changed or
removed (unconfirmed and draft orders). Shipping per vendor part is kept; an order-level
discount stays the same amount off the total."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from backend.core.money import quantize

from .models import Order, OrderLine, VendorOrder

ZERO = Decimal(0)


def _discount_net(order: Order, gross_before_discount: Decimal, net_before: Decimal) -> Decimal:
    """The order discount's net part, in the proportion of net to gross it is taken from."""
    if not order.discount_amount or not gross_before_discount:
        return ZERO
    return quantize(order.discount_amount * net_before / gross_before_discount)


def recompute_totals(
    order: Order, vendor_orders: list[VendorOrder], lines: list[OrderLine]
) -> None:
    """Set the subtotals and totals of `order` and its `vendor_orders` from `lines` (all of the
    order's lines) and save them: one UPDATE per vendor part and one for the order."""
    subtotal_net: dict[int, Decimal] = defaultdict(lambda: ZERO)
    subtotal_gross: dict[int, Decimal] = defaultdict(lambda: ZERO)
    undiscounted_gross = ZERO
    undiscounted_net = ZERO
    for line in lines:
        subtotal_net[line.vendor_order_id] += line.total_price_net_amount
        subtotal_gross[line.vendor_order_id] += line.total_price_gross_amount
        undiscounted_gross += line.undiscounted_total_price_gross_amount
        undiscounted_net += line.undiscounted_total_price_net_amount
    for part in vendor_orders:
        part.subtotal_net_amount = subtotal_net[part.pk]
        part.subtotal_gross_amount = subtotal_gross[part.pk]
        part.total_net_amount = part.subtotal_net_amount + part.shipping_price_net_amount
        part.total_gross_amount = part.subtotal_gross_amount + part.shipping_price_gross_amount
    if vendor_orders:
        VendorOrder.objects.bulk_update(
            vendor_orders,
            [
                "subtotal_net_amount",
                "subtotal_gross_amount",
                "total_net_amount",
                "total_gross_amount",
            ],
        )
    order.subtotal_net_amount = sum((part.subtotal_net_amount for part in vendor_orders), ZERO)
    order.subtotal_gross_amount = sum((part.subtotal_gross_amount for part in vendor_orders), ZERO)
    order.shipping_price_net_amount = sum(
        (part.shipping_price_net_amount for part in vendor_orders), ZERO
    )
    order.shipping_price_gross_amount = sum(
        (part.shipping_price_gross_amount for part in vendor_orders), ZERO
    )
    gross = order.subtotal_gross_amount + order.shipping_price_gross_amount
    net = order.subtotal_net_amount + order.shipping_price_net_amount
    discount = min(order.discount_amount, gross)
    discount_net = min(_discount_net(order, gross, net), net)
    order.total_gross_amount = gross - discount
    order.total_net_amount = min(net - discount_net, order.total_gross_amount)
    order.undiscounted_total_gross_amount = undiscounted_gross + order.shipping_price_gross_amount
    order.undiscounted_total_net_amount = undiscounted_net + order.shipping_price_net_amount
    order.save(
        update_fields=[
            "subtotal_net_amount",
            "subtotal_gross_amount",
            "shipping_price_net_amount",
            "shipping_price_gross_amount",
            "total_net_amount",
            "total_gross_amount",
            "undiscounted_total_net_amount",
            "undiscounted_total_gross_amount",
            "updated_at",
        ]
    )
