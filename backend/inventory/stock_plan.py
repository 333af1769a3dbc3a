"""What allocation, reservation and fulfilment share once their stock rows are locked: the
channel's rules (strategy, collection point), the order to take stock in, one UPDATE for all the
counters, and the plugin announcements after commit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Case, F, IntegerField, Subquery, Value, When

from backend.channels.models import AllocationStrategy, Channel
from backend.core.cache_version import bump_catalog_version
from plugins.framework.manager import get_plugins_manager

from .lock_objects import rank_in_channel
from .models import ClickAndCollectOption, Stock, Warehouse


@dataclass(frozen=True)
class StockRules:
    """How a channel hands out stock: its strategy, and a collection point's say."""

    strategy: str
    # LOCAL_STOCK collection point: only this warehouse may give stock.
    only_warehouse_id: int | None = None
    # Any other collection point: its stock is taken first.
    first_warehouse_id: int | None = None


def stock_rules_of(channel: Channel, collection_point: Warehouse | None) -> StockRules:
    """`load_stock_rules` from rows the caller holds (a checkout has both joined)."""
    if collection_point is None:
        return StockRules(strategy=channel.allocation_strategy)
    if collection_point.click_and_collect_option == ClickAndCollectOption.LOCAL_STOCK:
        return StockRules(
            strategy=channel.allocation_strategy, only_warehouse_id=collection_point.pk
        )
    return StockRules(strategy=channel.allocation_strategy, first_warehouse_id=collection_point.pk)


def load_stock_rules(*, channel_id: int, collection_point_id: int | None = None) -> StockRules:
    """The channel's allocation strategy and the collection point's option, in one query."""
    option = Subquery(
        Warehouse.objects.filter(pk=collection_point_id or 0).values("click_and_collect_option")[:1]
    )
    strategy, point_option = (
        Channel.objects.filter(pk=channel_id)
        .annotate(point_option=option)
        .values_list("allocation_strategy", "point_option")
        .get()
    )
    if collection_point_id is None:
        return StockRules(strategy=strategy)
    if point_option == ClickAndCollectOption.LOCAL_STOCK:
        return StockRules(strategy=strategy, only_warehouse_id=collection_point_id)
    return StockRules(strategy=strategy, first_warehouse_id=collection_point_id)


def in_taking_order(
    stocks: Iterable[Stock], rules: StockRules, free: Mapping[int, int]
) -> list[Stock]:
    """Stocks in the order stock is taken from them: the collection point first; then by the
    channel's warehouse order (PRIORITIZE_SORTING_ORDER) or most free units first
    (PRIORITIZE_HIGH_STOCK, ties by warehouse order); primary key last, so the order is total."""
    high_stock_first = rules.strategy == AllocationStrategy.PRIORITIZE_HIGH_STOCK

    def key(stock: Stock) -> tuple[int, int, int, int]:
        rank = rank_in_channel(stock)
        return (
            0 if stock.warehouse_id == rules.first_warehouse_id else 1,
            -free.get(stock.pk, 0) if high_stock_first else 0,
            rank if rank is not None else 2**31,
            stock.pk,
        )

    return sorted(stocks, key=key)


def take(
    quantity: int, stocks: Iterable[Stock], free: dict[int, int]
) -> tuple[list[tuple[Stock, int]], int]:
    """Take up to `quantity` units from `stocks` in order, lowering `free` as it goes: the
    (stock, units) taken and the units still missing."""
    taken: list[tuple[Stock, int]] = []
    missing = quantity
    for stock in stocks:
        if missing <= 0:
            break
        units = min(missing, free.get(stock.pk, 0))
        if units > 0:
            taken.append((stock, units))
            free[stock.pk] -= units
            missing -= units
    return taken, missing


@dataclass
class StockChange:
    """How much a locked stock's quantity and quantity_allocated move."""

    stock: Stock
    quantity: int = 0
    allocated: int = 0


def write_stock_changes(changes: Mapping[int, StockChange]) -> None:
    """One UPDATE for every changed stock (F() arithmetic, so nothing read is written back); the
    in-memory rows follow, and the plugins hear of it after commit."""
    changed = [change for change in changes.values() if change.quantity or change.allocated]
    if not changed:
        return

    def shift(field: str, attribute: str) -> Any:
        whens = [
            When(pk=change.stock.pk, then=Value(getattr(change, attribute)))
            for change in changed
            if getattr(change, attribute)
        ]
        if not whens:
            return F(field)
        return F(field) + Case(*whens, default=Value(0), output_field=IntegerField())

    Stock.objects.filter(pk__in=[change.stock.pk for change in changed]).update(
        quantity=shift("quantity", "quantity"),
        quantity_allocated=shift("quantity_allocated", "allocated"),
    )
    announcements = []
    for change in changed:
        stock = change.stock
        available_before = max(stock.quantity - stock.quantity_allocated, 0)
        stock.quantity += change.quantity
        stock.quantity_allocated += change.allocated
        announcements.append((stock, available_before, bool(change.quantity)))
    bump_catalog_version()
    transaction.on_commit(lambda: _announce(announcements))


def _announce(announcements: list[tuple[Stock, int, bool]]) -> None:
    """As backend.inventory.services does: stock updated when the quantity changed, and out of
    stock / back in stock when quantity minus allocated crosses zero."""
    manager = get_plugins_manager()
    for stock, available_before, quantity_changed in announcements:
        available_now = max(stock.quantity - stock.quantity_allocated, 0)
        if quantity_changed:
            manager.product_variant_stock_updated(stock)
        if available_before > 0 and available_now == 0:
            manager.product_variant_out_of_stock(stock)
        elif available_before == 0 and available_now > 0:
            manager.product_variant_back_in_stock(stock)
