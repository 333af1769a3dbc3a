"""How many units a shopper can still get: quantity - allocated - other checkouts' live
reservations, per warehouse, never below zero; a variant's units are the sum over the channel's
warehouses. This module is the one place that rule is written (in SQL for a page of variants,
in Python for many checkouts at once: `units_available` is the rule both follow).

A reservation is live until its `reserved_until`; an expired one holds nothing even before the
cleanup task deletes it. A checkout's own reservations never count against it.

Every checkout request asks these questions, so their reads are compiled to SQL once per
process (`precompiled_rows`): the ids are the id list, the channel, the time and the
excluded checkout are parameters bound at each call.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from uuid import UUID

from django.db.models import F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from backend.core.db import precompiled_rows

from .lock_objects import channel_warehouse_ids
from .models import Reservation, Stock


def live_reservations(*, now: datetime, exclude_checkout_token: UUID | None = None):
    """Reservations still holding stock at `now`, less the given checkout's."""
    reservations = Reservation.objects.filter(reserved_until__gt=now)
    if exclude_checkout_token is not None:
        reservations = reservations.exclude(checkout_line__checkout_id=exclude_checkout_token)
    return reservations


def reserved_quantity_subquery(
    *, now: datetime, exclude_checkout_token: UUID | None = None, stock_ref: str = "pk"
) -> Coalesce:
    """Units that live reservations hold on the outer stock row (0 when none), to annotate with."""
    per_stock = (
        live_reservations(now=now, exclude_checkout_token=exclude_checkout_token)
        .filter(stock_id=OuterRef(stock_ref))
        .values("stock_id")
        .annotate(reserved=Sum("quantity_reserved"))
        .values("reserved")
    )
    return Coalesce(Subquery(per_stock, output_field=IntegerField()), Value(0))


def reserved_quantities(
    stock_ids: Iterable[int], *, now: datetime, exclude_checkout_token: UUID | None = None
) -> dict[int, int]:
    """{stock id: units held by live reservations} (stocks with none are absent); one query.
    Read it after locking the stocks, so that it sees every reservation committed before."""
    stock_ids = list(stock_ids)
    if not stock_ids:
        return {}
    params: dict[str, object] = {"now": now}
    if exclude_checkout_token is not None:
        params["excluded"] = exclude_checkout_token

    def build(ids, now, excluded=None):
        return (
            live_reservations(now=now, exclude_checkout_token=excluded)
            .filter(stock_id__any_of=ids)
            .values("stock_id")
            .annotate(reserved=Sum("quantity_reserved"))
            .order_by()
            .values_list("stock_id", "reserved")
        )

    rows = precompiled_rows(
        ("inventory.availability.reserved_quantities", exclude_checkout_token is not None),
        build,
        stock_ids,
        params=params,
    )
    return {stock_id: int(reserved) for stock_id, reserved in rows}


def available_quantities(
    *,
    variant_ids: Iterable[int],
    channel_id: int,
    warehouse_ids: Iterable[int] | None = None,
    exclude_checkout_token: UUID | None = None,
    now: datetime | None = None,
) -> dict[tuple[int, int], int]:
    """{(warehouse id, variant id): quantity - allocated - others' live reservations, never below
    zero} over the channel's warehouses (only `warehouse_ids` when given); variants without a
    stock row there are absent. One query, without locks: an answer for display and checks
    before a write, which locks and counts again."""
    variant_ids = list(variant_ids)
    wanted = None if warehouse_ids is None else set(warehouse_ids)
    if not variant_ids or wanted == set():
        return {}
    params: dict[str, object] = {"channel": channel_id, "now": now or timezone.now()}
    if exclude_checkout_token is not None:
        params["excluded"] = exclude_checkout_token

    def build(ids, channel, now, excluded=None):
        reserved = reserved_quantity_subquery(now=now, exclude_checkout_token=excluded)
        return (
            Stock.objects.filter(
                product_variant_id__any_of=ids, warehouse_id__in=channel_warehouse_ids(channel)
            )
            .annotate(available=_available_per_stock(reserved))
            .values_list("warehouse_id", "product_variant_id", "available")
        )

    rows = precompiled_rows(
        ("inventory.availability.available_quantities", exclude_checkout_token is not None, 0),
        build,
        variant_ids,
        params=params,
    )
    # Only the given warehouses: the rows are per warehouse, so leaving out the others here
    # answers as a filter in the SQL would, with one compiled read for every warehouse set.
    return {
        (warehouse_id, variant_id): int(available)
        for warehouse_id, variant_id, available in rows
        if wanted is None or warehouse_id in wanted
    }


def units_available(*, quantity: int, allocated: int, reserved_by_others: int) -> int:
    """The rule for one stock row: what is left once allocations and others' live
    reservations are taken, never below zero."""
    return max(quantity - allocated - reserved_by_others, 0)


def _available_per_stock(reserved: Coalesce) -> Greatest:
    """`units_available` as an SQL expression on a Stock row."""
    return Greatest(F("quantity") - F("quantity_allocated") - reserved, Value(0))


def available_quantity_subquery(
    *, channel_id: int, now: datetime, variant_ref: str = "pk"
) -> Coalesce:
    """Units a shopper can buy of the outer variant in the channel: quantity - allocated - live
    reservations, never below zero in any warehouse, summed (0 without stock); to annotate a
    page of variants in the query that reads them."""
    per_variant = (
        Stock.objects.filter(
            product_variant_id=OuterRef(variant_ref),
            warehouse_id__in=channel_warehouse_ids(channel_id),
        )
        .annotate(available=_available_per_stock(reserved_quantity_subquery(now=now)))
        .values("product_variant_id")
        .annotate(total=Sum("available"))
        .values("total")
    )
    return Coalesce(Subquery(per_variant, output_field=IntegerField()), Value(0))


def available_quantities_by_variant(
    *, variant_ids: Iterable[int], channel_id: int, now: datetime | None = None
) -> dict[int, int]:
    """{variant id: what `available_quantity_subquery` counts} for variants with stock in the
    channel (others are absent); one query."""
    variant_ids = list(variant_ids)
    if not variant_ids:
        return {}
    rows = precompiled_rows(
        ("inventory.availability.available_quantities_by_variant", 0),
        lambda ids, channel, now: (
            Stock.objects.filter(
                product_variant_id__any_of=ids, warehouse_id__in=channel_warehouse_ids(channel)
            )
            .annotate(available=_available_per_stock(reserved_quantity_subquery(now=now)))
            .values("product_variant_id")
            .annotate(total=Sum("available"))
            .order_by()
            .values_list("product_variant_id", "total")
        ),
        variant_ids,
        params={"channel": channel_id, "now": now or timezone.now()},
    )
    return {variant_id: int(total or 0) for variant_id, total in rows}


def available_quantities_for_checkouts(
    wanted: Mapping[UUID, tuple[int, Iterable[int]]], *, now: datetime | None = None
) -> dict[UUID, dict[int, int]]:
    """For each checkout token -> (channel id, variant ids): {variant id: units that checkout may
    take}, each stock row of the channel's warehouses counted by `units_available` with every
    other checkout's live reservations (never its own), summed per variant; variants without a
    stock row there are absent. Two queries for any number of checkouts and variants (a page of
    carts, or one), without locks: for display and checks before a write."""
    now = now or timezone.now()
    wanted_ids = {token: (channel_id, set(ids)) for token, (channel_id, ids) in wanted.items()}
    variant_ids = set().union(*(ids for _, ids in wanted_ids.values())) if wanted_ids else set()
    if not variant_ids:
        return {token: {} for token in wanted_ids}
    variants_by_channel: dict[int, set[int]] = defaultdict(set)
    for channel_id, ids in wanted_ids.values():
        variants_by_channel[channel_id] |= ids
    # One read per channel (a page of carts is almost always one); a warehouse serving several
    # channels gives a row in each.
    stocks = []
    for channel_id, channel_variant_ids in variants_by_channel.items():
        stocks += _channel_stocks(channel_id, channel_variant_ids)
    reserved_total: dict[int, int] = defaultdict(int)
    reserved_by_checkout: dict[tuple[int, UUID], int] = defaultdict(int)
    rows = _reserved_by_checkout({row[0] for row in stocks}, now=now)
    for stock_id, token, reserved in rows:
        reserved_total[stock_id] += reserved or 0
        reserved_by_checkout[(stock_id, token)] += reserved or 0
    result: dict[UUID, dict[int, int]] = {}
    for token, (channel_id, ids) in wanted_ids.items():
        available: dict[int, int] = {}
        for stock_id, variant_id, stock_channel_id, quantity, allocated in stocks:
            if stock_channel_id != channel_id or variant_id not in ids:
                continue
            units = units_available(
                quantity=quantity,
                allocated=allocated,
                reserved_by_others=reserved_total[stock_id]
                - reserved_by_checkout[(stock_id, token)],
            )
            available[variant_id] = available.get(variant_id, 0) + units
        result[token] = available
    return result


def _channel_stocks(channel_id: int, variant_ids: set[int]) -> list[tuple[int, int, int, int, int]]:
    """(stock id, variant id, channel id, quantity, allocated) of the variants' stock rows in
    the channel's warehouses."""
    if not variant_ids:
        return []
    return precompiled_rows(
        ("inventory.availability.channel_stocks",),
        lambda ids, channel: (
            Stock.objects.filter(product_variant_id__any_of=ids, warehouse__channels__id=channel)
            .annotate(channel_id=F("warehouse__channels__id"))
            .values_list("pk", "product_variant_id", "channel_id", "quantity", "quantity_allocated")
            .order_by()
        ),
        variant_ids,
        params={"channel": channel_id},
    )


def _reserved_by_checkout(stock_ids: set[int], *, now: datetime) -> list[tuple[int, UUID, int]]:
    """(stock id, checkout token, units) that live reservations hold on the stock rows."""
    if not stock_ids:
        return []
    return precompiled_rows(
        ("inventory.availability.reserved_by_checkout",),
        lambda ids, now: (
            live_reservations(now=now)
            .filter(stock_id__any_of=ids)
            .values("stock_id", "checkout_line__checkout_id")
            .annotate(reserved=Sum("quantity_reserved"))
            .values_list("stock_id", "checkout_line__checkout_id", "reserved")
            .order_by()
        ),
        stock_ids,
        params={"now": now},
    )
