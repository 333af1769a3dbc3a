"""Editing the lines of a draft or unconfirmed order (Saleor's orderLinesCreate,
orderLineUpdate, orderLineDelete).

Each function locks the order, changes its lines, recomputes the vendor parts' and the order's
totals (`totals.recompute_totals`) and records ADDED_PRODUCTS / REMOVED_PRODUCTS. An unconfirmed
order holds stock for its lines, so its allocations follow the change (INSUFFICIENT_STOCK when
the stock is not there); a draft holds none until it is completed. A vendor new to the order
gets a vendor part without shipping; a part left without lines is removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import transaction

from backend.core.errors import field_error
from backend.inventory.allocation import (
    InsufficientStock,
    StockLine,
    allocate_stocks,
    deallocate_stocks,
)
from plugins.framework.manager import PluginsManager

from .error_codes import OrderErrorCode
from .events import actor_ids, line_parameters, order_event, record_events
from .lock_objects import lock_order
from .models import Order, OrderEvents, OrderLine, OrderStatus, VendorOrder
from .placement import order_line_from_draft
from .pricing import line_total_at, priced_lines
from .totals import recompute_totals

EDITABLE = (OrderStatus.DRAFT, OrderStatus.UNCONFIRMED)


@dataclass(frozen=True)
class LineRequest:
    variant_id: int
    quantity: int
    force_new_line: bool = False


def _editable_order(order_id: UUID) -> Order:
    try:
        order = lock_order(order_id)
    except Order.DoesNotExist:
        raise field_error("id", "Couldn't resolve to an order.", OrderErrorCode.NOT_FOUND) from None
    if order.status not in EDITABLE:
        raise field_error(
            "id", "Only draft and unconfirmed orders can be edited.", OrderErrorCode.NOT_EDITABLE
        )
    return order


def _line_of_editable_order(line_id: UUID) -> tuple[Order, OrderLine]:
    order_id = OrderLine.objects.filter(pk=line_id).values_list("order_id", flat=True).first()
    if order_id is None:
        raise field_error("id", "Couldn't resolve to an order line.", OrderErrorCode.NOT_FOUND)
    order = _editable_order(order_id)
    return order, OrderLine.objects.get(pk=line_id)


def _reallocate(order: Order, lines: Sequence[OrderLine]) -> None:
    """An unconfirmed order's allocations for `lines` set to their current quantities."""
    if order.status != OrderStatus.UNCONFIRMED or not lines:
        return
    deallocate_stocks([line.pk for line in lines])
    wanted = [
        StockLine(variant_id=line.variant_id, quantity=line.quantity, line_id=line.pk)
        for line in lines
        if line.variant_id is not None and line.quantity > 0
    ]
    try:
        allocate_stocks(
            wanted, channel_id=order.channel_id, collection_point_id=order.collection_point_id
        )
    except InsufficientStock as error:
        names = {line.variant_id: line.product_name for line in lines}
        raise field_error(
            "quantity",
            "Not enough stock for: "
            + ", ".join(names.get(item.variant_id, "?") for item in error.items),
            OrderErrorCode.INSUFFICIENT_STOCK,
        ) from None


def _set_quantity(line: OrderLine, quantity: int) -> None:
    total = line_total_at(line.unit_price_gross_amount, quantity, line.tax_rate)
    undiscounted = line_total_at(line.undiscounted_unit_price_gross_amount, quantity, line.tax_rate)
    line.quantity = quantity
    line.total_price_net_amount, line.total_price_gross_amount = total.net, total.gross
    line.undiscounted_total_price_net_amount = undiscounted.net
    line.undiscounted_total_price_gross_amount = undiscounted.gross


_QUANTITY_FIELDS = [
    "quantity",
    "total_price_net_amount",
    "total_price_gross_amount",
    "undiscounted_total_price_net_amount",
    "undiscounted_total_price_gross_amount",
]


def _finish(order: Order) -> None:
    """Drop empty vendor parts, then recompute every total."""
    VendorOrder.objects.filter(order=order, lines__isnull=True).delete()
    recompute_totals(order, list(VendorOrder.objects.filter(order=order)), list(order.lines.all()))


def add_lines(
    *, order_id: UUID, requests: Sequence[LineRequest], requestor: Any, manager: PluginsManager
) -> tuple[Order, list[OrderLine]]:
    """Add variants at their channel prices: to the variant's existing line unless
    `force_new_line`. Quantities must be positive (ZERO_QUANTITY)."""
    for index, request in enumerate(requests):
        if request.quantity < 1:
            raise field_error(
                "quantity",
                "Quantities must be positive.",
                OrderErrorCode.ZERO_QUANTITY,
                index=index,
            )
    with transaction.atomic():
        order = _editable_order(order_id)
        priced = priced_lines(
            [(request.variant_id, request.quantity) for request in requests],
            channel_id=order.channel_id,
            currency=order.currency,
        )
        existing = {line.variant_id: line for line in order.lines.all()}
        parts = {part.vendor_id: part for part in VendorOrder.objects.filter(order=order)}
        new_parts = [
            VendorOrder(
                order=order, vendor_id=vendor_id, status=order.status, currency=order.currency
            )
            for vendor_id in dict.fromkeys(line.vendor_id for line in priced)
            if vendor_id not in parts
        ]
        for part in VendorOrder.objects.bulk_create(new_parts):
            parts[part.vendor_id] = part
        created: list[OrderLine] = []
        grown: list[OrderLine] = []
        touched: list[tuple[OrderLine, int]] = []
        for request, draft_line in zip(requests, priced, strict=True):
            line = existing.get(draft_line.variant_id)
            if line is not None and not request.force_new_line:
                _set_quantity(line, line.quantity + draft_line.quantity)
                grown.append(line)
            else:
                line = order_line_from_draft(order, parts[draft_line.vendor_id], draft_line)
                created.append(line)
                existing.setdefault(draft_line.variant_id, line)
            touched.append((line, draft_line.quantity))
        OrderLine.objects.bulk_create(created)
        if grown:
            OrderLine.objects.bulk_update(grown, _QUANTITY_FIELDS)
        _reallocate(order, list({line.pk: line for line, _ in touched}.values()))
        _finish(order)
        record_events(
            [
                order_event(
                    order,
                    OrderEvents.ADDED_PRODUCTS,
                    **actor_ids(requestor),
                    lines=line_parameters(touched),
                )
            ]
        )
    return order, list({line.pk: line for line, _ in touched}.values())


def update_line(
    *, line_id: UUID, quantity: int, requestor: Any, manager: PluginsManager
) -> tuple[Order, OrderLine]:
    """Set a line's quantity (its frozen unit price kept); 0 removes it, as Saleor does."""
    if quantity < 0:
        raise field_error(
            "quantity", "Quantities are not negative.", OrderErrorCode.INVALID_QUANTITY
        )
    with transaction.atomic():
        order, line = _line_of_editable_order(line_id)
        if quantity == 0:
            return _delete(order, line, requestor)
        change = quantity - line.quantity
        _set_quantity(line, quantity)
        line.save(update_fields=_QUANTITY_FIELDS)
        _reallocate(order, [line])
        _finish(order)
        if change:
            event_type = OrderEvents.ADDED_PRODUCTS if change > 0 else OrderEvents.REMOVED_PRODUCTS
            record_events(
                [
                    order_event(
                        order,
                        event_type,
                        **actor_ids(requestor),
                        lines=line_parameters([(line, abs(change))]),
                    )
                ]
            )
    return order, line


def _delete(order: Order, line: OrderLine, requestor: Any) -> tuple[Order, OrderLine]:
    if order.status == OrderStatus.UNCONFIRMED:
        deallocate_stocks([line.pk])
    removed_id = line.pk
    OrderLine.objects.filter(pk=removed_id).delete()
    line.pk = removed_id  # the payload reports the removed line by its id
    _finish(order)
    record_events(
        [
            order_event(
                order,
                OrderEvents.REMOVED_PRODUCTS,
                **actor_ids(requestor),
                lines=line_parameters([(line, line.quantity)]),
            )
        ]
    )
    return order, line


def delete_line(
    *, line_id: UUID, requestor: Any, manager: PluginsManager
) -> tuple[Order, OrderLine]:
    """Remove a line (and its allocations); its vendor part goes when it was the last."""
    with transaction.atomic():
        order, line = _line_of_editable_order(line_id)
        return _delete(order, line, requestor)
