"""Row locks on stock, taken the one way that cannot deadlock: every candidate row of a write in
one `SELECT ... FOR UPDATE` ordered by primary key.

Two writers that need overlapping rows then queue on the lowest shared row instead of each holding
one the other waits for, whatever order their lines came in. Locks are taken before reading
anything that the decision depends on (allocations, reservations): in PostgreSQL's read-committed
mode each later statement sees what the previous lock holder committed.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, IntegerField, OuterRef, Q, Subquery

from backend.core.db import precompiled_rows

from .models import Stock, Warehouse


def require_atomic_block() -> None:
    """Locks last until the transaction ends: outside one they would be released at once."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Stock is locked inside the caller's transaction (transaction.atomic).")


def channel_warehouse_ids(channel_id: int):
    """The channel's warehouses, as a subquery (Warehouse.channels)."""
    return Warehouse.channels.through.objects.filter(channel_id=channel_id).values("warehouse_id")


def channel_rank(channel_id: int) -> Subquery:
    """A warehouse's place in its channel: the order it was added in (Saleor's channel warehouse
    sort order, which the PRIORITIZE_SORTING_ORDER strategy follows)."""
    return Subquery(
        Warehouse.channels.through.objects.filter(
            channel_id=channel_id, warehouse_id=OuterRef("warehouse_id")
        ).values("pk")[:1],
        output_field=IntegerField(),
    )


def lock_stocks(
    *,
    channel_id: int,
    variant_ids: Iterable[int],
    warehouse_id: int | None = None,
    extra_stock_ids=None,
) -> list[Stock]:
    """Lock the stock rows of `variant_ids` in the channel's warehouses (only `warehouse_id` when
    given), plus `extra_stock_ids` (a list or subquery), in primary-key order; one query.

    Each row carries `track_inventory` (its variant's) and `channel_rank` (None for an extra row
    outside the channel). Without extra rows (every checkout completion) the SQL is compiled once
    per process."""
    if extra_stock_ids is None:
        return _lock_channel_stocks(channel_id, list(variant_ids), warehouse_id)
    return list(_locking_read(list(variant_ids), channel_id, warehouse_id, extra_stock_ids))


def _locking_read(variants, channel, warehouse=None, extra_stock_ids=None):
    """The locking SELECT, whether its values are real or precompiled_rows' stand-ins."""
    condition = Q(
        product_variant_id__any_of=variants, warehouse_id__in=channel_warehouse_ids(channel)
    )
    if warehouse is not None:
        condition &= Q(warehouse_id=warehouse)
    if extra_stock_ids is not None:
        condition |= Q(pk__in=extra_stock_ids)
    return (
        Stock.objects.filter(condition)
        .annotate(
            track_inventory=F("product_variant__track_inventory"),
            channel_rank=channel_rank(channel),
        )
        .order_by("pk")
        .select_for_update(of=("self",))
    )


def _lock_channel_stocks(
    channel_id: int, variant_ids: list[int], warehouse_id: int | None
) -> list[Stock]:
    if not variant_ids:
        return []
    params: dict[str, int] = {"channel": channel_id}
    if warehouse_id is not None:
        params["warehouse"] = warehouse_id
    return precompiled_rows(
        ("inventory.lock_stocks", warehouse_id is not None),
        _locking_read,
        variant_ids,
        params=params,
    )


def lock_stocks_by_id(stock_ids) -> list[Stock]:
    """Lock the given stock rows (a list or subquery) in primary-key order; one query."""
    return list(
        Stock.objects.filter(pk__in=stock_ids).order_by("pk").select_for_update(of=("self",))
    )


def is_tracked(stock: Stock) -> bool:
    """Whether a row from `lock_stocks` belongs to a variant whose inventory is counted."""
    return bool(getattr(stock, "track_inventory", True))


def rank_in_channel(stock: Stock) -> int | None:
    """A row from `lock_stocks`: its warehouse's place in the channel (None: not in it)."""
    return getattr(stock, "channel_rank", None)
