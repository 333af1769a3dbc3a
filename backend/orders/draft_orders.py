"""Draft orders: staff build an order for a customer (phone orders, orders taken at a centre),
then complete it (Saleor's draftOrderCreate / Update / Delete / Complete).

A draft has a number, lines priced from the channel (`pricing.priced_lines`, VAT per product
type), vendor parts and addresses of its own, and holds no stock. Completing it allocates the
stock (INSUFFICIENT_STOCK when it is not there), places it as the checkout does (UNCONFIRMED,
or UNFULFILLED when the channel confirms automatically), calls `order_created` (and
`order_confirmed`) and tells the customer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction

from backend.accounts.models import Address, User
from backend.channels.models import Channel
from backend.core.errors import field_error
from backend.inventory.allocation import InsufficientStock, StockLine, allocate_stocks
from backend.places.address_validation import validate_address
from plugins.framework.manager import PluginsManager

from .error_codes import OrderErrorCode
from .events import actor_ids, email_sent_event, order_event, record_events
from .lock_objects import lock_order
from .models import Order, OrderEvents, OrderLine, OrderOrigin, OrderStatus, VendorOrder
from .notifications import ORDER_CONFIRMATION, notified_recipient, notify_customer
from .numbers import next_order_number
from .placement import order_line_from_draft
from .pricing import priced_lines
from .totals import recompute_totals

# What `update_draft_order` may change.
DRAFT_FIELDS = frozenset(
    {
        "user_id",
        "user_email",
        "billing_address",
        "shipping_address",
        "customer_note",
        "language_code",
        "channel_id",
    }
)


def _address(values: Mapping[str, Any] | None, address_type: str) -> Address | None:
    """An unsaved address checked with Bangladesh's rules; errors name the address's field and
    carry `address_type` (Saleor's OrderError.addressType)."""
    if values is None:
        return None
    try:
        cleaned = validate_address(**{key: value or "" for key, value in values.items()})
    except ValidationError as error:
        raise ValidationError(
            {
                field: [
                    ValidationError(
                        item.message,
                        code=item.code,
                        params={**(item.params or {}), "address_type": address_type},
                    )
                    for item in items
                ]
                for field, items in error.error_dict.items()
            }
        ) from None
    return Address(**asdict(cleaned))


def _channel(channel_id: int | None) -> Channel:
    channel = Channel.objects.filter(pk=channel_id).first() if channel_id else None
    if channel is None:
        raise field_error("channel_id", "Couldn't resolve to a channel.", OrderErrorCode.NOT_FOUND)
    if not channel.is_active:
        raise field_error("channel_id", "The channel is inactive.", OrderErrorCode.CHANNEL_INACTIVE)
    return channel


def _customer(user_id: int | None) -> User | None:
    if user_id is None:
        return None
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise field_error("user", "Couldn't resolve to a user.", OrderErrorCode.NOT_FOUND)
    return user


def _write_lines(order: Order, requests: Sequence[tuple[int, int]]) -> None:
    for index, (_, quantity) in enumerate(requests):
        if quantity < 1:
            raise field_error(
                "quantity",
                "Quantities must be positive.",
                OrderErrorCode.ZERO_QUANTITY,
                index=index,
            )
    priced = priced_lines(requests, channel_id=order.channel_id, currency=order.currency)
    parts = VendorOrder.objects.bulk_create(
        VendorOrder(order=order, vendor_id=vendor_id, status=order.status, currency=order.currency)
        for vendor_id in dict.fromkeys(line.vendor_id for line in priced)
    )
    by_vendor = {part.vendor_id: part for part in parts}
    OrderLine.objects.bulk_create(
        order_line_from_draft(order, by_vendor[line.vendor_id], line) for line in priced
    )
    recompute_totals(order, parts, list(order.lines.all()))


def create_draft_order(
    *,
    channel_id: int | None,
    requestor: Any,
    user_id: int | None = None,
    user_email: str = "",
    lines: Sequence[tuple[int, int]] = (),
    billing_address: Mapping[str, Any] | None = None,
    shipping_address: Mapping[str, Any] | None = None,
    customer_note: str = "",
    language_code: str = "bn",
) -> Order:
    """A new draft with `(variant id, quantity)` lines. Records DRAFT_CREATED."""
    channel = _channel(channel_id)
    customer = _customer(user_id)
    billing = _address(billing_address, "billing")
    shipping = _address(shipping_address, "shipping")
    with transaction.atomic():
        for address in (billing, shipping):
            if address is not None:
                address.save()
        order = Order.objects.create(
            number=next_order_number(),
            status=OrderStatus.DRAFT,
            origin=OrderOrigin.DRAFT,
            channel=channel,
            user=customer,
            user_email=user_email or (customer.email if customer else "") or "",
            customer_phone=(customer.phone if customer else "") or "",
            language_code=language_code,
            customer_note=customer_note,
            billing_address=billing,
            shipping_address=shipping,
            currency=channel.currency_code,
        )
        if lines:
            _write_lines(order, lines)
        record_events([order_event(order, OrderEvents.DRAFT_CREATED, **actor_ids(requestor))])
    return order


def _locked_draft(order_id: UUID) -> Order:
    try:
        order = lock_order(order_id)
    except Order.DoesNotExist:
        raise field_error("id", "Couldn't resolve to an order.", OrderErrorCode.NOT_FOUND) from None
    if order.status != OrderStatus.DRAFT:
        raise field_error("id", "The order is not a draft.", OrderErrorCode.NOT_EDITABLE)
    return order


def update_draft_order(*, order_id: UUID, changes: Mapping[str, Any]) -> Order:
    """Change a draft's customer, addresses, note, language or (while it has no lines) channel."""
    unknown = set(changes) - DRAFT_FIELDS
    if unknown:
        raise TypeError(f"Not draft fields: {', '.join(sorted(unknown))}.")
    billing = _address(changes.get("billing_address"), "billing")
    shipping = _address(changes.get("shipping_address"), "shipping")
    with transaction.atomic():
        order = _locked_draft(order_id)
        fields = ["updated_at"]
        if "channel_id" in changes and changes["channel_id"] != order.channel_id:
            if order.lines.exists():
                raise field_error(
                    "channel_id",
                    "A draft with lines cannot change channel.",
                    OrderErrorCode.NOT_EDITABLE,
                )
            order.channel = _channel(changes["channel_id"])
            order.currency = order.channel.currency_code
            fields += ["channel", "currency"]
        if "user_id" in changes:
            customer = _customer(changes["user_id"])
            order.user = customer
            order.customer_phone = (customer.phone if customer else "") or ""
            fields += ["user", "customer_phone"]
            if customer is not None and customer.email and "user_email" not in changes:
                order.user_email = customer.email
                fields.append("user_email")
        for name in ("user_email", "customer_note", "language_code"):
            if name in changes:
                setattr(order, name, changes[name] or "")
                fields.append(name)
        for name, address in (("billing_address", billing), ("shipping_address", shipping)):
            if address is not None:
                address.save()
                setattr(order, name, address)
                fields.append(name)
        order.save(update_fields=fields)
    return order


def delete_draft_order(*, order_id: UUID) -> Order:
    """Delete a draft (only drafts: CANNOT_DELETE otherwise). The returned order keeps its id."""
    with transaction.atomic():
        try:
            order = lock_order(order_id)
        except Order.DoesNotExist:
            raise field_error(
                "id", "Couldn't resolve to an order.", OrderErrorCode.NOT_FOUND
            ) from None
        if order.status != OrderStatus.DRAFT:
            raise field_error("id", "Only a draft can be deleted.", OrderErrorCode.CANNOT_DELETE)
        Order.objects.filter(pk=order.pk).delete()
    return order


def complete_draft_order(*, order_id: UUID, requestor: Any, manager: PluginsManager) -> Order:
    """Place the draft: see the module docstring. Refused without lines (REQUIRED on `lines`),
    without a shipping address for goods that ship (ORDER_NO_SHIPPING_ADDRESS), with nobody to
    reach (REQUIRED on `user_email`), or without the stock (INSUFFICIENT_STOCK)."""
    with transaction.atomic():
        order = _locked_draft(order_id)
        lines = list(order.lines.all())
        if not lines:
            raise field_error("lines", "The draft has no lines.", OrderErrorCode.REQUIRED)
        if any(line.is_shipping_required for line in lines) and order.shipping_address_id is None:
            raise field_error(
                "shipping_address",
                "Goods that ship need a shipping address.",
                OrderErrorCode.ORDER_NO_SHIPPING_ADDRESS,
            )
        if not order.customer_phone and order.shipping_address is not None:
            order.customer_phone = order.shipping_address.phone
        if not (order.user_id or order.user_email or order.customer_phone):
            raise field_error(
                "user_email", "Give the customer, an e-mail or a phone.", OrderErrorCode.REQUIRED
            )
        try:
            allocate_stocks(
                [
                    StockLine(variant_id=line.variant_id, quantity=line.quantity, line_id=line.pk)
                    for line in lines
                    if line.variant_id is not None
                ],
                channel_id=order.channel_id,
            )
        except InsufficientStock as error:
            names = {line.variant_id: line.product_name for line in lines}
            raise field_error(
                "lines",
                "Not enough stock for: "
                + ", ".join(names.get(item.variant_id, "?") for item in error.items),
                OrderErrorCode.INSUFFICIENT_STOCK,
            ) from None
        confirmed = order.channel.automatically_confirm_all_new_orders
        order.status = OrderStatus.UNFULFILLED if confirmed else OrderStatus.UNCONFIRMED
        order.save(update_fields=["status", "customer_phone", "updated_at"])
        VendorOrder.objects.filter(order=order).update(status=order.status)
        actor = actor_ids(requestor)
        events = [order_event(order, OrderEvents.PLACED_FROM_DRAFT, **actor)]
        if confirmed:
            events.append(order_event(order, OrderEvents.CONFIRMED, **actor))
        manager.order_created(order, channel_slug=order.channel.slug)
        if confirmed:
            manager.order_confirmed(order, channel_slug=order.channel.slug)
        payload = notify_customer(order, ORDER_CONFIRMATION, manager=manager)
        sent = email_sent_event(
            order,
            recipient=notified_recipient(payload),
            email_type="order_confirmation",
            requestor=requestor,
        )
        record_events([*events, *([sent] if sent else [])])
    return order
