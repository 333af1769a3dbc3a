"""What the checkout asks of stock: how many of each variant it may still take.

Available = quantity - allocated - other checkouts' live reservations, summed over the channel's
warehouses (DESIGN.md); a checkout's own reservations do not count against it. Two queries for
any number of checkouts and variants.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from uuid import UUID

from django.db.models import F, Sum

from backend.inventory.models import Reservation, Stock


def available_for_checkouts(
    wanted: Mapping[UUID, tuple[int, Iterable[int]]], *, now: datetime
) -> dict[UUID, dict[int, int]]:
    """For each checkout token -> (channel id, variant ids): the units of each variant it may
    take now (variants without stock in the channel's warehouses are absent)."""
    wanted = {token: (channel_id, set(ids)) for token, (channel_id, ids) in wanted.items()}
    variant_ids = set().union(*(ids for _, ids in wanted.values())) if wanted else set()
    channel_ids = {channel_id for channel_id, _ in wanted.values()}
    if not variant_ids:
        return {token: {} for token in wanted}
    stocks = list(
        Stock.objects.filter(
            product_variant_id__in=variant_ids, warehouse__channels__id__in=channel_ids
        )
        .annotate(
            free=F("quantity") - F("quantity_allocated"), channel_id=F("warehouse__channels__id")
        )
        .values_list("pk", "product_variant_id", "channel_id", "free")
        .order_by()
    )
    reserved_total: dict[int, int] = defaultdict(int)
    reserved_by: dict[tuple[int, UUID], int] = defaultdict(int)
    rows = (
        Reservation.objects.filter(stock_id__in={row[0] for row in stocks}, reserved_until__gt=now)
        .values("stock_id", "checkout_line__checkout_id")
        .annotate(reserved=Sum("quantity_reserved"))
        .values_list("stock_id", "checkout_line__checkout_id", "reserved")
        .order_by()
    )
    for stock_id, token, reserved in rows:
        reserved_total[stock_id] += reserved or 0
        reserved_by[(stock_id, token)] += reserved or 0
    result: dict[UUID, dict[int, int]] = {}
    for token, (channel_id, ids) in wanted.items():
        available: dict[int, int] = {}
        for stock_id, variant_id, stock_channel_id, free in stocks:
            if stock_channel_id != channel_id or variant_id not in ids:
                continue
            others = reserved_total[stock_id] - reserved_by[(stock_id, token)]
            available[variant_id] = available.get(variant_id, 0) + max(free - others, 0)
        result[token] = available
    return result


def available_for_checkout(
    *, variant_ids: Iterable[int], channel_id: int, now: datetime, checkout_token: UUID
) -> dict[int, int]:
    """`available_for_checkouts` for one checkout."""
    return available_for_checkouts({checkout_token: (channel_id, variant_ids)}, now=now)[
        checkout_token
    ]
