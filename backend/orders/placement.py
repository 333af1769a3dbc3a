"""Placing an order: an `OrderDraft` (priced by the checkout or by staff) becomes rows.

`place_order` runs inside the caller's transaction (the checkout's completion holds its stock
locks there) and writes a constant number of statements whatever the number of lines: the
addresses, the order, its vendor parts, its lines and its events are each one INSERT.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from backend.accounts.models import Address
from backend.apps.models import App
from backend.channels.models import Channel
from backend.inventory.models import Warehouse
from plugins.framework.manager import PluginsManager, get_plugins_manager

from .drafts import DraftLine, DraftVendorPart, OrderDraft
from .events import order_event, record_events
from .models import (
    ChargeStatus,
    Order,
    OrderEvents,
    OrderLine,
    OrderOrigin,
    OrderStatus,
    VendorOrder,
)
from .notifications import send_order_confirmation
from .numbers import next_order_number


def _check_draft(draft: OrderDraft) -> None:
    """A draft the checkout built wrongly is a programming error, not a customer's."""
    if not draft.lines:
        raise ValueError("An order needs at least one line.")
    part_vendors = {part.vendor_id for part in draft.vendor_parts}
    if len(part_vendors) != len(draft.vendor_parts):
        raise ValueError("One vendor part per vendor.")
    line_vendors = {line.vendor_id for line in draft.lines}
    if line_vendors != part_vendors:
        raise ValueError("Every line's vendor needs a vendor part, and every part a line.")


def _address_row(values: dict[str, Any] | None) -> Address | None:
    return Address(**values) if values else None


def _vendor_order(order: Order, part: DraftVendorPart, status: str) -> VendorOrder:
    total = part.total
    return VendorOrder(
        order=order,
        vendor_id=part.vendor_id,
        status=status,
        currency=order.currency,
        subtotal_net_amount=part.subtotal.net,
        subtotal_gross_amount=part.subtotal.gross,
        shipping_price_net_amount=part.shipping_price.net,
        shipping_price_gross_amount=part.shipping_price.gross,
        total_net_amount=total.net,
        total_gross_amount=total.gross,
        weight=part.weight,
    )


def order_line_from_draft(order: Order, vendor_order: VendorOrder, line: DraftLine) -> OrderLine:
    """An unsaved order line with the draft line's prices frozen."""
    return OrderLine(
        order=order,
        vendor_order=vendor_order,
        vendor_id=line.vendor_id,
        variant_id=line.variant_id,
        product_name=line.product_name,
        variant_name=line.variant_name,
        translated_product_name=line.translated_product_name,
        translated_variant_name=line.translated_variant_name,
        product_sku=line.product_sku,
        product_variant_id=line.product_variant_id,
        is_shipping_required=line.is_shipping_required,
        quantity=line.quantity,
        currency=order.currency,
        unit_price_net_amount=line.unit_price.net,
        unit_price_gross_amount=line.unit_price.gross,
        undiscounted_unit_price_net_amount=line.undiscounted_unit_price.net,
        undiscounted_unit_price_gross_amount=line.undiscounted_unit_price.gross,
        total_price_net_amount=line.total_price.net,
        total_price_gross_amount=line.total_price.gross,
        undiscounted_total_price_net_amount=line.undiscounted_total_price.net,
        undiscounted_total_price_gross_amount=line.undiscounted_total_price.gross,
        unit_discount_amount=line.unit_discount,
        unit_discount_reason=line.unit_discount_reason,
        tax_rate=line.tax_rate,
    )


def place_order(
    draft: OrderDraft,
    *,
    user: Any = None,
    app: App | None = None,
    manager: PluginsManager | None = None,
    channel: Channel | None = None,
) -> Order:
    """Write the order the draft describes and return it, its lines in hand (`order.lines.all()`
    reads no row: their ids are what the checkout allocates stock to). `channel`: the draft's
    channel when the caller holds it already.

    Runs in the caller's transaction (a new one when there is none). The order's status is
    UNCONFIRMED, or UNFULFILLED when the channel confirms new orders automatically; its charge
    status NONE (payments come later). Records the PLACED event (and CONFIRMED), calls the
    manager's `order_created` (and `order_confirmed`) hooks and sends the customer the
    ORDER_CONFIRMATION message: the plugins write their outbox rows in this transaction and
    send after it commits, so a rolled-back placement announces nothing.
    """
    _check_draft(draft)
    manager = manager or get_plugins_manager(requestor=user or app)
    with transaction.atomic(savepoint=False):
        if channel is None or channel.pk != draft.channel_id:
            channel = Channel.objects.get(pk=draft.channel_id)
        confirmed = channel.automatically_confirm_all_new_orders
        status = OrderStatus.UNFULFILLED if confirmed else OrderStatus.UNCONFIRMED
        collection_point = None
        if draft.collection_point_id is not None:
            collection_point = (
                Warehouse.objects.select_related("centre")
                .only("id", "name", "centre__id", "centre__name", "centre__name_bn")
                .get(pk=draft.collection_point_id)
            )
        centre = collection_point.centre if collection_point is not None else None

        billing = _address_row(draft.billing_address)
        shipping = _address_row(draft.shipping_address)
        addresses = [address for address in (billing, shipping) if address is not None]
        if addresses:
            Address.objects.bulk_create(addresses)

        order = Order(
            number=next_order_number(),
            status=status,
            origin=OrderOrigin.CHECKOUT if draft.checkout_token else OrderOrigin.DRAFT,
            channel=channel,
            checkout_token=draft.checkout_token,
            user_id=draft.user_id,
            user_email=draft.user_email,
            customer_phone=draft.customer_phone,
            language_code=draft.language_code,
            customer_note=draft.customer_note,
            billing_address=billing,
            shipping_address=shipping,
            shipping_method_id=draft.shipping_method_id,
            shipping_method_name=draft.shipping_method_name,
            collection_point=collection_point,
            collection_point_name=collection_point.name if collection_point else "",
            centre=centre,
            currency=draft.currency,
            subtotal_net_amount=draft.subtotal.net,
            subtotal_gross_amount=draft.subtotal.gross,
            shipping_price_net_amount=draft.shipping_price.net,
            shipping_price_gross_amount=draft.shipping_price.gross,
            shipping_tax_rate=draft.shipping_tax_rate,
            undiscounted_total_net_amount=draft.undiscounted_total.net,
            undiscounted_total_gross_amount=draft.undiscounted_total.gross,
            total_net_amount=draft.total.net,
            total_gross_amount=draft.total.gross,
            charge_status=ChargeStatus.NONE,
            voucher_code=draft.voucher_code,
            discount_amount=draft.discount_amount,
            discount_name=draft.discount_name,
            weight=draft.weight,
            metadata=dict(draft.metadata),
        )
        if user is not None and getattr(user, "pk", None) == draft.user_id:
            order.user = user  # the confirmation reads the customer's name without a query
        order.save(force_insert=True)

        vendor_orders = VendorOrder.objects.bulk_create(
            [_vendor_order(order, part, status) for part in draft.vendor_parts]
        )
        by_vendor = {vendor_order.vendor_id: vendor_order for vendor_order in vendor_orders}
        lines = OrderLine.objects.bulk_create(
            [order_line_from_draft(order, by_vendor[line.vendor_id], line) for line in draft.lines]
        )
        # As `prefetch_related("lines")` would leave them: the caller reads them without a query.
        placed = OrderLine.objects.filter(order=order)
        placed._result_cache = lines
        setattr(placed, "_prefetch_done", True)  # noqa: B010 (private to Django, unknown to its stubs)
        order.__dict__["_prefetched_objects_cache"] = {"lines": placed}

        actor = {"user_id": getattr(user, "pk", None), "app_id": getattr(app, "pk", None)}
        events = [order_event(order, OrderEvents.PLACED, **actor)]
        if confirmed:
            events.append(order_event(order, OrderEvents.CONFIRMED, **actor))

        manager.order_created(order, channel_slug=channel.slug)
        if confirmed:
            manager.order_confirmed(order, channel_slug=channel.slug)
        centre_name = ""
        if centre is not None:
            centre_name = centre.name_bn if order.language_code == "bn" else centre.name
            centre_name = centre_name or centre.name
        payload = send_order_confirmation(order, manager=manager, centre_name=centre_name)
        if payload["recipient_phone"] or payload["recipient_email"]:
            events.append(
                order_event(
                    order,
                    OrderEvents.EMAIL_SENT,
                    email=payload["recipient_phone"] or payload["recipient_email"],
                    email_type="order_confirmation",
                )
            )
        record_events(events)
    return order
