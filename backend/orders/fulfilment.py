"""Fulfilling an order's lines, and cancelling a fulfilment.

A fulfilment is one vendor's parcel: `fulfill_order` makes one per vendor part touched. The
fulfilled units leave the warehouse (`backend.inventory.allocation.decrease_stocks`: the
line's allocations first), each fulfilment line records the stock it came from, and the vendor
parts' and the order's statuses follow: PARTIALLY_FULFILLED, then FULFILLED. Cancelling a
fulfilment puts its units back on the shelf and allocates them to their lines again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from backend.core.errors import field_error
from backend.inventory.allocation import InsufficientStock, StockLine, decrease_stocks, restock
from backend.inventory.models import Stock
from plugins.framework.manager import PluginsManager

from .error_codes import OrderErrorCode
from .events import actor_ids, email_sent_event, order_event, record_events
from .lock_objects import lock_order
from .models import (
    ChargeStatus,
    Fulfillment,
    FulfillmentLine,
    FulfillmentStatus,
    Order,
    OrderEvents,
    OrderLine,
    OrderStatus,
    VendorOrder,
)
from .notifications import notified_recipient, send_fulfillment_confirmation

FULFILLABLE = (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED)


@dataclass(frozen=True)
class FulfilmentRequest:
    """Units of one order line to fulfil (the warehouse the client named, if any)."""

    order_line_id: UUID
    quantity: int
    warehouse_id: int | None = None


def _status_of(lines: Sequence[OrderLine]) -> str:
    fulfilled = sum(line.quantity_fulfilled for line in lines)
    if fulfilled == 0:
        return OrderStatus.UNFULFILLED
    if all(line.quantity_fulfilled >= line.quantity for line in lines):
        return OrderStatus.FULFILLED
    return OrderStatus.PARTIALLY_FULFILLED


def refresh_statuses(order: Order, lines: Sequence[OrderLine]) -> list[VendorOrder]:
    """Set the vendor parts' and the order's fulfilment status from their lines."""
    by_part: dict[int, list[OrderLine]] = defaultdict(list)
    for line in lines:
        by_part[line.vendor_order_id].append(line)
    parts = list(VendorOrder.objects.filter(order=order))
    for part in parts:
        part.status = _status_of(by_part.get(part.pk, []))
    VendorOrder.objects.bulk_update(parts, ["status"])
    order.status = _status_of(lines)
    order.save(update_fields=["status", "updated_at"])
    return parts


def _insufficient(error: InsufficientStock, lines: dict[UUID, OrderLine]) -> Exception:
    names = {line.variant_id: line.product_name for line in lines.values()}
    return field_error(
        "lines",
        "Not enough stock for: "
        + ", ".join(names.get(item.variant_id, str(item.variant_id)) for item in error.items),
        OrderErrorCode.INSUFFICIENT_STOCK,
    )


def _check_requests(
    order: Order,
    requests: Sequence[FulfilmentRequest],
    lines: dict[UUID, OrderLine],
    vendor_ids: Collection[int] | None,
) -> dict[UUID, int]:
    """Units wanted per line, every rule checked before anything is written."""
    wanted: dict[UUID, int] = {}
    for index, request in enumerate(requests):
        line = lines.get(request.order_line_id)
        if line is None:
            raise field_error(
                "order_line_id",
                f"Couldn't resolve to an order line of this order: {request.order_line_id}",
                OrderErrorCode.NOT_FOUND,
                index=index,
            )
        if vendor_ids is not None and line.vendor_id not in vendor_ids:
            raise PermissionDenied("You can fulfil only your own shop's lines.")
        if request.quantity < 0:
            raise field_error(
                "quantity",
                "Quantities are not negative.",
                OrderErrorCode.INVALID_QUANTITY,
                index=index,
            )
        wanted[line.pk] = wanted.get(line.pk, 0) + request.quantity
    wanted = {line_id: quantity for line_id, quantity in wanted.items() if quantity}
    if not wanted:
        raise field_error(
            "lines", "Nothing to fulfil: every quantity is 0.", OrderErrorCode.ZERO_QUANTITY
        )
    for line_id, quantity in wanted.items():
        line = lines[line_id]
        if quantity > line.quantity - line.quantity_fulfilled:
            raise field_error(
                "order_line_id",
                f"Only {line.quantity - line.quantity_fulfilled} of {line.product_name} are "
                f"left to fulfil.",
                OrderErrorCode.FULFILL_ORDER_LINE,
            )
    return wanted


def fulfill_order(
    *,
    order_id: UUID,
    requests: Sequence[FulfilmentRequest],
    requestor: Any,
    manager: PluginsManager,
    vendor_ids: Collection[int] | None = None,
    tracking_number: str = "",
    notify_customer: bool = True,
) -> tuple[Order, list[Fulfillment]]:
    """Fulfil the requested units: one fulfilment per vendor part. `vendor_ids` limits which
    vendors' lines may be fulfilled (a vendor's owner: PermissionDenied for any other line).

    Refused: an order that is not confirmed and unfulfilled (INVALID), an unpaid order in a
    channel that does not allow unpaid orders (CANNOT_FULFILL_UNPAID_ORDER), a line of another
    order (NOT_FOUND), more than is left (FULFILL_ORDER_LINE), nothing at all (ZERO_QUANTITY),
    stock that is not there (INSUFFICIENT_STOCK). Records FULFILLMENT_FULFILLED_ITEMS per
    fulfilment; calls `fulfillment_created` for each and `order_fulfilled` when the order is
    complete; tells the customer (ORDER_FULFILLMENT_CONFIRMATION) unless `notify_customer` is
    false."""
    with transaction.atomic():
        try:
            order = lock_order(order_id)
        except Order.DoesNotExist:
            raise field_error(
                "order", "Couldn't resolve to an order.", OrderErrorCode.NOT_FOUND
            ) from None
        if order.status not in FULFILLABLE:
            raise field_error(
                "order",
                f"A {order.get_status_display().lower()} order cannot be fulfilled.",
                OrderErrorCode.INVALID,
            )
        if not order.channel.allow_unpaid_orders and order.charge_status != ChargeStatus.FULL:
            raise field_error(
                "order",
                "This channel fulfils only paid orders.",
                OrderErrorCode.CANNOT_FULFILL_UNPAID_ORDER,
            )
        all_lines = list(order.lines.all())
        lines = {line.pk: line for line in all_lines}
        wanted = _check_requests(order, requests, lines, vendor_ids)

        stock_lines = [
            StockLine(variant_id=variant_id, quantity=quantity, line_id=line_id)
            for line_id, quantity in wanted.items()
            if (variant_id := lines[line_id].variant_id) is not None
        ]
        try:
            taken = decrease_stocks(stock_lines, channel_id=order.channel_id)
        except InsufficientStock as error:
            raise _insufficient(error, lines) from None

        by_part: dict[int, list[UUID]] = defaultdict(list)
        for line_id in wanted:
            by_part[lines[line_id].vendor_order_id].append(line_id)
        highest = Fulfillment.objects.filter(order=order).aggregate(n=Max("fulfillment_order"))["n"]
        fulfilments = Fulfillment.objects.bulk_create(
            [
                Fulfillment(
                    order=order,
                    vendor_order_id=part_id,
                    fulfillment_order=(highest or 0) + index + 1,
                    tracking_number=tracking_number,
                )
                for index, part_id in enumerate(by_part)
            ]
        )
        fulfilment_of_part = {fulfilment.vendor_order_id: fulfilment for fulfilment in fulfilments}
        new_lines: list[FulfillmentLine] = []
        for line_id, quantity in wanted.items():
            fulfilment = fulfilment_of_part[lines[line_id].vendor_order_id]
            # A deleted variant's line leaves no stock behind: its units are recorded without one.
            sources: list[tuple[int | None, int]] = [*taken.get(line_id, [])] or [(None, quantity)]
            for stock_id, units in sources:
                new_lines.append(
                    FulfillmentLine(
                        fulfillment=fulfilment,
                        order_line_id=line_id,
                        quantity=units,
                        stock_id=stock_id,
                    )
                )
            lines[line_id].quantity_fulfilled += quantity
        FulfillmentLine.objects.bulk_create(new_lines)
        OrderLine.objects.bulk_update(
            [lines[line_id] for line_id in wanted], ["quantity_fulfilled"]
        )
        refresh_statuses(order, all_lines)

        actor = actor_ids(requestor)
        events = []
        for fulfilment in fulfilments:
            events.append(
                order_event(
                    order,
                    OrderEvents.FULFILLMENT_FULFILLED_ITEMS,
                    **actor,
                    fulfilled_items=[
                        line.pk for line in new_lines if line.fulfillment_id == fulfilment.pk
                    ],
                    composed_id=f"{order.number}-{fulfilment.fulfillment_order}",
                )
            )
            manager.fulfillment_created(fulfilment, channel_slug=order.channel.slug)
        if order.status == OrderStatus.FULFILLED:
            manager.order_fulfilled(order, channel_slug=order.channel.slug)
        if notify_customer:
            for fulfilment in fulfilments:
                payload = send_fulfillment_confirmation(order, fulfilment, manager=manager)
                sent = email_sent_event(
                    order,
                    recipient=notified_recipient(payload),
                    email_type="fulfillment_confirmation",
                    requestor=requestor,
                )
                if sent is not None:
                    events.append(sent)
        record_events(events)
    return order, fulfilments


def cancel_fulfillment(
    *,
    fulfillment_id: int,
    requestor: Any,
    manager: PluginsManager,
    vendor_ids: Collection[int] | None = None,
    warehouse_id: int | None = None,
) -> tuple[Order, Fulfillment]:
    """Cancel a fulfilment: its units go back into stock (into `warehouse_id`'s stock of each
    variant when given, else where they came from) and are allocated to their lines again; the
    lines' fulfilled quantities and the statuses fall back. Refused for a fulfilment that is not
    FULFILLED (CANNOT_CANCEL_FULFILLMENT). Records FULFILLMENT_CANCELED and
    FULFILLMENT_RESTOCKED_ITEMS."""
    with transaction.atomic():
        found = (
            Fulfillment.objects.filter(pk=fulfillment_id)
            .values_list("order_id", "vendor_order__vendor_id")
            .first()
        )
        if found is None:
            raise field_error("id", "Couldn't resolve to a fulfilment.", OrderErrorCode.NOT_FOUND)
        order_id, vendor_id = found
        if vendor_ids is not None and vendor_id not in vendor_ids:
            raise PermissionDenied("You can cancel only your own shop's fulfilments.")
        order = lock_order(order_id)
        fulfilment = Fulfillment.objects.get(pk=fulfillment_id)
        if fulfilment.status != FulfillmentStatus.FULFILLED:
            raise field_error(
                "id",
                "Only a fulfilled fulfilment can be cancelled.",
                OrderErrorCode.CANNOT_CANCEL_FULFILLMENT,
            )
        fulfilment_lines = list(fulfilment.lines.select_related("order_line"))
        targets: dict[int, int | None] = {line.pk: line.stock_id for line in fulfilment_lines}
        if warehouse_id is not None:
            stocks = dict(
                Stock.objects.filter(
                    warehouse_id=warehouse_id,
                    product_variant_id__in={
                        line.order_line.variant_id for line in fulfilment_lines
                    },
                ).values_list("product_variant_id", "pk")
            )
            missing = [
                line.order_line.product_name
                for line in fulfilment_lines
                if line.order_line.variant_id is not None
                and line.order_line.variant_id not in stocks
            ]
            if missing:
                raise field_error(
                    "warehouse",
                    "The warehouse does not stock: " + ", ".join(missing),
                    OrderErrorCode.INVALID,
                )
            targets = {
                line.pk: stocks.get(line.order_line.variant_id)
                if line.order_line.variant_id is not None
                else None
                for line in fulfilment_lines
            }
        restocked = [
            (line, stock_id)
            for line in fulfilment_lines
            if (stock_id := targets[line.pk]) is not None
        ]
        restock(
            [(stock_id, line.quantity) for line, stock_id in restocked],
            order_line_ids=[line.order_line_id for line, _ in restocked],
        )
        all_lines = list(order.lines.all())
        by_id = {line.pk: line for line in all_lines}
        for line in fulfilment_lines:
            by_id[line.order_line_id].quantity_fulfilled -= line.quantity
        OrderLine.objects.bulk_update(
            [by_id[line.order_line_id] for line in fulfilment_lines], ["quantity_fulfilled"]
        )
        fulfilment.status = FulfillmentStatus.CANCELED
        fulfilment.save(update_fields=["status"])
        refresh_statuses(order, all_lines)
        actor = actor_ids(requestor)
        record_events(
            [
                order_event(
                    order,
                    OrderEvents.FULFILLMENT_CANCELED,
                    **actor,
                    composed_id=f"{order.number}-{fulfilment.fulfillment_order}",
                ),
                order_event(
                    order,
                    OrderEvents.FULFILLMENT_RESTOCKED_ITEMS,
                    **actor,
                    quantity=sum(line.quantity for line, _ in restocked),
                    warehouse=warehouse_id,
                ),
            ]
        )
    return order, fulfilment
