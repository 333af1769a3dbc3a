"""Stock held for a checkout while its customer checks out (Saleor's checkout reservations).

A channel with `reserve_stock_duration_minutes` set reserves each checkout line's quantity for
that many minutes whenever the line is added or changed; the caller passes the minutes as
`ttl_minutes`. A live reservation holds its units against every other checkout and order
(available = quantity - allocated - others' live reservations); expired ones hold nothing and
are deleted by the periodic task (`delete_expired_reservations`). Completing the checkout turns
its reservations into allocations (allocation.allocate_stocks).

Reserving locks the stock rows like allocation does, so two checkouts racing for the last unit
queue, and one of them is refused.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from uuid import UUID

from django.utils import timezone

from backend.core.cache_version import bump_catalog_version

from .allocation import InsufficientStock, InsufficientStockItem, StockLine
from .availability import reserved_quantities
from .lock_objects import is_tracked, lock_stocks, require_atomic_block
from .models import Reservation
from .stock_plan import in_taking_order, load_stock_rules, take

EXPIRED_RESERVATIONS_BATCH = 1000


def reserve_stocks(
    lines: Sequence[StockLine],
    *,
    channel_id: int,
    checkout_token: UUID,
    ttl_minutes: int,
    replace: bool = True,
    collection_point_id: int | None = None,
    now: datetime | None = None,
) -> None:
    """Reserve each line's quantity for `ttl_minutes`; `line_id` is the checkout line.

    The lines' earlier reservations are always replaced (a line reserves its whole current
    quantity); with `replace` the checkout's reservations of any other line are dropped too, so
    that the checkout holds exactly `lines` (pass all its lines). Untracked variants reserve
    nothing. Stock comes from the channel's warehouses in its strategy order (only a LOCAL_STOCK
    collection point's own). Raises InsufficientStock naming every short variant, having
    written nothing; the checkout's own reservations never count against it."""
    require_atomic_block()
    for line in lines:
        if line.quantity <= 0 or line.line_id is None:
            raise ValueError("A reservation line needs a checkout line id and a positive quantity.")
    if ttl_minutes <= 0:
        raise ValueError("Reservations last a positive number of minutes.")
    now = now or timezone.now()
    rules = load_stock_rules(channel_id=channel_id, collection_point_id=collection_point_id)
    stocks = lock_stocks(
        channel_id=channel_id,
        variant_ids={line.variant_id for line in lines},
        warehouse_id=rules.only_warehouse_id,
    )
    reserved = reserved_quantities(
        [stock.pk for stock in stocks], now=now, exclude_checkout_token=checkout_token
    )
    free = {
        stock.pk: stock.quantity - stock.quantity_allocated - reserved.get(stock.pk, 0)
        for stock in stocks
    }
    by_variant = defaultdict(list)
    for stock in stocks:
        by_variant[stock.product_variant_id].append(stock)

    reservations: dict[tuple[UUID, int], int] = defaultdict(int)
    failures: list[InsufficientStockItem] = []
    for line in lines:
        candidates = by_variant.get(line.variant_id, [])
        if candidates and not is_tracked(candidates[0]):
            continue
        available = sum(max(free[stock.pk], 0) for stock in candidates)
        taken, missing = take(line.quantity, in_taking_order(candidates, rules, free), free)
        if missing:
            failures.append(
                InsufficientStockItem(
                    variant_id=line.variant_id, requested=line.quantity, available=available
                )
            )
            continue
        for stock, units in taken:
            assert line.line_id is not None
            reservations[(line.line_id, stock.pk)] += units
    if failures:
        raise InsufficientStock(failures)

    earlier = Reservation.objects.filter(checkout_line_id__in=[line.line_id for line in lines])
    if replace:
        earlier = Reservation.objects.filter(checkout_line__checkout_id=checkout_token)
    earlier._raw_delete(Reservation.objects.db)
    reserved_until = now + timedelta(minutes=ttl_minutes)
    Reservation.objects.bulk_create(
        Reservation(
            checkout_line_id=line_id,
            stock_id=stock_id,
            quantity_reserved=units,
            reserved_until=reserved_until,
        )
        for (line_id, stock_id), units in reservations.items()
    )
    bump_catalog_version()


def release_reservations(
    *, checkout_token: UUID | None = None, checkout_line_ids: Sequence[UUID] = ()
) -> None:
    """Drop a whole checkout's reservations and/or some lines' (lines removed, the checkout
    deleted or completed elsewhere). Needs no lock: releasing only frees units."""
    if checkout_token is not None:
        Reservation.objects.filter(checkout_line__checkout_id=checkout_token)._raw_delete(
            Reservation.objects.db
        )
    if checkout_line_ids:
        Reservation.objects.filter(checkout_line_id__in=list(checkout_line_ids))._raw_delete(
            Reservation.objects.db
        )
    if checkout_token is not None or checkout_line_ids:
        bump_catalog_version()


def delete_expired_reservations(
    *, now: datetime | None = None, batch_size: int = EXPIRED_RESERVATIONS_BATCH
) -> int:
    """Delete reservations that expired before `now`, `batch_size` rows per statement so no
    statement holds many row locks for long; returns how many went. Running it twice, or in
    two workers at once, deletes each row once (an expired reservation already holds nothing,
    so deleting it changes no availability)."""
    now = now or timezone.now()
    deleted = 0
    while True:
        batch = list(
            Reservation.objects.filter(reserved_until__lte=now)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not batch:
            return deleted
        deleted += Reservation.objects.filter(pk__in=batch, reserved_until__lte=now)._raw_delete(
            Reservation.objects.db
        )
        if len(batch) < batch_size:
            return deleted
