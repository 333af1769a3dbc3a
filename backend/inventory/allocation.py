"""Stock for orders: allocate when an order is placed, deallocate when it is cancelled, decrease
when it is fulfilled, restock when a fulfilment is cancelled.

Every function runs inside the caller's transaction and first locks all the stock rows it may
touch in one `SELECT ... FOR UPDATE` ordered by primary key (lock_objects), so concurrent orders
queue instead of overselling or deadlocking, whatever order their lines come in. Each costs a
constant number of queries, however many lines it is given.

Untracked variants (`track_inventory=False`) are sold without counting: they get allocations only
as far as their stock rows have unallocated units (the database keeps allocated <= quantity), and
never make allocation fail; fulfilment takes what their rows hold and records the rest against the
first row without lowering it further. They still need a stock row in the channel to be fulfilled.

Side effects: the stock counters change with F() arithmetic; the catalogue cache version is bumped
and the plugins hear `product_variant_stock_updated` (quantity changed) and
`product_variant_out_of_stock` / `product_variant_back_in_stock` (quantity - allocated crosses
zero), both after commit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from .availability import reserved_quantities
from .lock_objects import (
    is_tracked,
    lock_stocks,
    lock_stocks_by_id,
    rank_in_channel,
    require_atomic_block,
)
from .models import Allocation, Reservation, Stock
from .stock_plan import (
    StockChange,
    StockRules,
    in_taking_order,
    load_stock_rules,
    take,
    write_stock_changes,
)


@dataclass(frozen=True)
class StockLine:
    """Units of a variant wanted for one line: the order line (allocation, fulfilment) or the
    checkout line (reservation) named by `line_id`."""

    variant_id: int
    quantity: int
    line_id: UUID | None = None


@dataclass(frozen=True)
class InsufficientStockItem:
    variant_id: int
    requested: int
    available: int


class InsufficientStock(Exception):
    """Not enough stock for some lines; `items` names every failing variant at once."""

    def __init__(self, items: list[InsufficientStockItem]) -> None:
        self.items = items
        super().__init__(
            "Insufficient stock for variants " + ", ".join(str(item.variant_id) for item in items)
        )


def _check_lines(lines: Sequence[StockLine]) -> None:
    for line in lines:
        if line.quantity <= 0:
            raise ValueError(f"A stock line needs a positive quantity, not {line.quantity}.")
        if line.line_id is None:
            raise ValueError("A stock line for an order needs its order line's id (line_id).")


def _candidates_by_variant(stocks: list[Stock]) -> dict[int, list[Stock]]:
    grouped: dict[int, list[Stock]] = defaultdict(list)
    for stock in stocks:
        grouped[stock.product_variant_id].append(stock)
    return grouped


def allocate_stocks(
    lines: Sequence[StockLine],
    *,
    channel_id: int,
    checkout_token: UUID | None = None,
    collection_point_id: int | None = None,
    rules: StockRules | None = None,
) -> None:
    """Allocate each order line's quantity from the channel's warehouses, in the channel's
    strategy order (only the collection point's warehouse when its option is LOCAL_STOCK; it
    comes first otherwise).

    Units free = quantity - allocated - other checkouts' live reservations: `checkout_token`'s
    own reservations do not count against it, and are deleted here, the allocation taking their
    place. Raises InsufficientStock naming every short variant, having written nothing. `rules`:
    the channel's and collection point's (`stock_rules_of`) when the caller holds them."""
    require_atomic_block()
    _check_lines(lines)
    if not lines:
        return
    if rules is None:
        rules = load_stock_rules(channel_id=channel_id, collection_point_id=collection_point_id)
    stocks = lock_stocks(
        channel_id=channel_id,
        variant_ids={line.variant_id for line in lines},
        warehouse_id=rules.only_warehouse_id,
    )
    reserved = reserved_quantities(
        [stock.pk for stock in stocks], now=timezone.now(), exclude_checkout_token=checkout_token
    )
    free_tracked = {
        stock.pk: stock.quantity - stock.quantity_allocated - reserved.get(stock.pk, 0)
        for stock in stocks
    }
    free_untracked = {stock.pk: stock.quantity - stock.quantity_allocated for stock in stocks}
    by_variant = _candidates_by_variant(stocks)

    allocations: dict[tuple[UUID, int], int] = defaultdict(int)
    changes: dict[int, StockChange] = {}
    failures: list[InsufficientStockItem] = []
    for line in lines:
        candidates = by_variant.get(line.variant_id, [])
        tracked = not candidates or is_tracked(candidates[0])
        free = free_tracked if tracked else free_untracked
        available = sum(max(free[stock.pk], 0) for stock in candidates)
        taken, missing = take(line.quantity, in_taking_order(candidates, rules, free), free)
        if tracked and missing:
            failures.append(
                InsufficientStockItem(
                    variant_id=line.variant_id, requested=line.quantity, available=available
                )
            )
            continue
        for stock, units in taken:
            assert line.line_id is not None
            allocations[(line.line_id, stock.pk)] += units
            changes.setdefault(stock.pk, StockChange(stock)).allocated += units
            # An untracked unit taken is no longer free for a tracked line either.
            other = free_untracked if tracked else free_tracked
            other[stock.pk] -= units
    if failures:
        raise InsufficientStock(failures)

    Allocation.objects.bulk_create(
        Allocation(order_line_id=line_id, stock_id=stock_id, quantity_allocated=units)
        for (line_id, stock_id), units in allocations.items()
    )
    write_stock_changes(changes)
    if checkout_token is not None:
        Reservation.objects.filter(checkout_line__checkout_id=checkout_token)._raw_delete(
            Reservation.objects.db
        )


def deallocate_stocks(order_line_ids: Sequence[UUID]) -> None:
    """Give back everything allocated to these order lines (the order was cancelled or the
    lines removed): the stocks' quantity_allocated falls and the allocations are deleted."""
    require_atomic_block()
    if not order_line_ids:
        return
    allocations_of_lines = Allocation.objects.filter(order_line_id__in=list(order_line_ids))
    stocks = {
        stock.pk: stock for stock in lock_stocks_by_id(allocations_of_lines.values("stock_id"))
    }
    changes: dict[int, StockChange] = {}
    for stock_id, units in allocations_of_lines.values_list("stock_id", "quantity_allocated"):
        changes.setdefault(stock_id, StockChange(stocks[stock_id])).allocated -= units
    allocations_of_lines._raw_delete(Allocation.objects.db)
    write_stock_changes(changes)


def decrease_stocks(
    lines: Sequence[StockLine], *, channel_id: int
) -> dict[UUID, list[tuple[int, int]]]:
    """Take fulfilled units out of stock: each order line's `quantity` comes from its
    allocations first (quantity and quantity_allocated both fall), then from the channel's free
    stock (quantity - allocated - live reservations) in the channel's strategy order.

    Returns {order line id: [(stock id, units taken), ...]} for the fulfilment lines to record.
    Raises InsufficientStock (having written nothing) when a tracked line cannot be covered, or
    an untracked one has no stock row in the channel."""
    require_atomic_block()
    _check_lines(lines)
    if not lines:
        return {}
    allocations_of_lines = Allocation.objects.filter(
        order_line_id__in=[line.line_id for line in lines]
    )
    rules = load_stock_rules(channel_id=channel_id)
    stocks = lock_stocks(
        channel_id=channel_id,
        variant_ids={line.variant_id for line in lines},
        extra_stock_ids=allocations_of_lines.values("stock_id"),
    )
    by_pk = {stock.pk: stock for stock in stocks}
    allocations = list(allocations_of_lines.order_by("pk"))
    reserved = reserved_quantities(by_pk, now=timezone.now())
    free_tracked = {
        stock.pk: stock.quantity - stock.quantity_allocated - reserved.get(stock.pk, 0)
        for stock in stocks
    }
    free_untracked = {stock.pk: stock.quantity - stock.quantity_allocated for stock in stocks}
    tracking = {stock.product_variant_id: is_tracked(stock) for stock in stocks}
    channel_stocks = _candidates_by_variant(
        [stock for stock in stocks if rank_in_channel(stock) is not None]
    )
    allocations_by_line: dict[UUID, list[Allocation]] = defaultdict(list)
    for allocation in allocations:
        allocations_by_line[allocation.order_line_id].append(allocation)

    taken_by_line: dict[UUID, list[tuple[int, int]]] = {}
    changes: dict[int, StockChange] = {}
    touched: dict[int, Allocation] = {}
    failures: list[InsufficientStockItem] = []
    for line in lines:
        assert line.line_id is not None
        missing = line.quantity
        taken: list[tuple[int, int]] = []
        # Allocated units first: quantity and allocated fall together, free units stay as they are.
        for allocation in allocations_by_line.get(line.line_id, []):
            units = min(missing, allocation.quantity_allocated)
            if units <= 0:
                continue
            allocation.quantity_allocated -= units
            touched[allocation.pk] = allocation
            change = changes.setdefault(
                allocation.stock_id, StockChange(by_pk[allocation.stock_id])
            )
            change.quantity -= units
            change.allocated -= units
            taken.append((allocation.stock_id, units))
            missing -= units
        if missing:
            tracked = tracking.get(line.variant_id, True)
            candidates = channel_stocks.get(line.variant_id, [])
            free, other = (
                (free_tracked, free_untracked) if tracked else (free_untracked, free_tracked)
            )
            available = line.quantity - missing + sum(max(free[s.pk], 0) for s in candidates)
            extra, missing = take(missing, in_taking_order(candidates, rules, free), free)
            for stock, units in extra:
                changes.setdefault(stock.pk, StockChange(stock)).quantity -= units
                other[stock.pk] -= units
                taken.append((stock.pk, units))
            if missing and not tracked and (candidates or taken):
                # Untracked: units nobody counted are recorded against a row, not subtracted.
                anchor = candidates[0].pk if candidates else taken[0][0]
                taken.append((anchor, missing))
                missing = 0
            if missing:
                failures.append(
                    InsufficientStockItem(
                        variant_id=line.variant_id, requested=line.quantity, available=available
                    )
                )
                continue
        taken_by_line[line.line_id] = _merge(taken)
    if failures:
        raise InsufficientStock(failures)

    spent = [pk for pk, allocation in touched.items() if allocation.quantity_allocated == 0]
    remaining = [allocation for allocation in touched.values() if allocation.quantity_allocated]
    if spent:
        Allocation.objects.filter(pk__in=spent)._raw_delete(Allocation.objects.db)
    if remaining:
        Allocation.objects.bulk_update(remaining, ["quantity_allocated"])
    write_stock_changes(changes)
    return taken_by_line


def _merge(taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: dict[int, int] = {}
    for stock_id, units in taken:
        merged[stock_id] = merged.get(stock_id, 0) + units
    return list(merged.items())


def restock(
    lines: Sequence[tuple[int, int]], *, order_line_ids: Sequence[UUID] | None = None
) -> None:
    """Put fulfilled units back: each (stock id, units) raises that stock's quantity (a
    fulfilment was cancelled and its goods returned to the shelf).

    With `order_line_ids` (one per line, same order), the units are allocated again to that
    order line as well, as Saleor does when a cancelled fulfilment leaves its order unfulfilled:
    the stock's quantity_allocated rises with its quantity, and the line's allocation on that
    stock grows or is created."""
    require_atomic_block()
    if order_line_ids is not None and len(order_line_ids) != len(lines):
        raise ValueError("restock needs one order line id per restocked line.")
    if any(units <= 0 for _, units in lines):
        raise ValueError("Restocked quantities are positive.")
    if not lines:
        return
    stocks = {stock.pk: stock for stock in lock_stocks_by_id(sorted({pk for pk, _ in lines}))}
    changes: dict[int, StockChange] = {}
    regrown: dict[tuple[UUID, int], int] = defaultdict(int)
    for index, (stock_id, units) in enumerate(lines):
        if stock_id not in stocks:
            continue  # The stock row was deleted since: nothing to put the units back into.
        change = changes.setdefault(stock_id, StockChange(stocks[stock_id]))
        change.quantity += units
        if order_line_ids is not None:
            change.allocated += units
            regrown[(order_line_ids[index], stock_id)] += units
    if regrown:
        _grow_allocations(regrown)
    write_stock_changes(changes)


def _grow_allocations(units_by_key: Mapping[tuple[UUID, int], int]) -> None:
    """Add units to (order line, stock) allocations, creating the missing ones: two queries."""
    line_ids = {line_id for line_id, _ in units_by_key}
    existing = {
        (allocation.order_line_id, allocation.stock_id): allocation
        for allocation in Allocation.objects.filter(
            order_line_id__in=line_ids, stock_id__in={stock_id for _, stock_id in units_by_key}
        )
    }
    grown = [key for key in units_by_key if key in existing]
    if grown:
        Allocation.objects.filter(pk__in=[existing[key].pk for key in grown]).update(
            quantity_allocated=Case(
                *[
                    When(
                        pk=existing[key].pk,
                        then=Value(existing[key].quantity_allocated + units_by_key[key]),
                    )
                    for key in grown
                ],
                output_field=IntegerField(),
            )
        )
    Allocation.objects.bulk_create(
        Allocation(order_line_id=line_id, stock_id=stock_id, quantity_allocated=units)
        for (line_id, stock_id), units in units_by_key.items()
        if (line_id, stock_id) not in existing
    )
