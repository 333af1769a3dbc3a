"""Stock writes: a vendor sets how many of a variant each warehouse holds.

A variant may be stocked only in its vendor's own warehouses or in a centre's warehouse (the
collection points). Quantities are never negative and never below what orders already hold.
Stock rows are locked in primary-key order, so concurrent updates queue instead of losing writes.
Every change is announced to the plugins: stock updated, and out of stock or back in stock when
the quantity available (held minus allocated) crosses zero in a warehouse.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import ProductVariant
from backend.catalog.services.attributes import AttributeAssignment
from backend.catalog.services.variants import create_variant
from backend.core.cache_version import bump_catalog_version
from backend.core.errors import field_error
from plugins.framework.manager import PluginsManager, get_plugins_manager

from .error_codes import StockErrorCode
from .models import Stock, Warehouse

MAX_STOCK_QUANTITY = 2_147_483_647


@dataclass(frozen=True)
class StockQuantity:
    """One line of a stock update: this warehouse should hold this many."""

    warehouse: Warehouse
    quantity: int


def _announce_stock_changes(
    manager: PluginsManager | None, changes: list[tuple[Stock, int]]
) -> None:
    """`changes`: each stock as it is now, with the quantity available before the write."""
    manager = manager or get_plugins_manager()
    for stock, available_before in changes:
        available_now = _available(stock)
        manager.product_variant_stock_updated(stock)
        if available_before > 0 and available_now == 0:
            manager.product_variant_out_of_stock(stock)
        elif available_before == 0 and available_now > 0:
            manager.product_variant_back_in_stock(stock)


def _available(stock: Stock) -> int:
    return max(stock.quantity - stock.quantity_allocated, 0)


def allowed_warehouses(*, vendor_id: int):
    """Warehouses a vendor's products may be stocked in: its own and every centre's."""
    return Warehouse.objects.filter(Q(vendor_id=vendor_id) | Q(centre__isnull=False))


def _check_stock_lines(variant: ProductVariant, stocks: list[StockQuantity]) -> None:
    seen: set[int] = set()
    allowed = set(
        allowed_warehouses(vendor_id=variant.product.vendor_id)
        .filter(pk__in=[line.warehouse.pk for line in stocks])
        .values_list("pk", flat=True)
    )
    for index, line in enumerate(stocks):
        if line.warehouse.pk in seen:
            raise field_error(
                "warehouse",
                "A warehouse is given more than once.",
                ProductErrorCode.DUPLICATED_INPUT_ITEM.value,
                index=index,
            )
        seen.add(line.warehouse.pk)
        if line.warehouse.pk not in allowed:
            raise field_error(
                "warehouse",
                "Stock can be kept only in the vendor's own warehouses or at a centre.",
                StockErrorCode.INVALID.value,
                index=index,
            )
        if line.quantity < 0 or line.quantity > MAX_STOCK_QUANTITY:
            raise field_error(
                "quantity",
                "The quantity cannot be negative.",
                StockErrorCode.INVALID.value,
                index=index,
            )


def _lock_stocks(variant: ProductVariant, warehouse_ids: list[int]) -> dict[int, Stock]:
    stocks = list(
        Stock.objects.filter(product_variant=variant, warehouse_id__in=warehouse_ids)
        .order_by("pk")
        .select_for_update(of=("self",))
    )
    return {stock.warehouse_id: stock for stock in stocks}


@transaction.atomic
def update_stocks(
    *,
    variant: ProductVariant,
    stocks: list[StockQuantity],
    manager: PluginsManager | None = None,
) -> ProductVariant:
    """Set the quantity of a variant in each given warehouse, creating missing stock rows."""
    variant = ProductVariant.objects.select_related("product").get(pk=variant.pk)
    _check_stock_lines(variant, stocks)
    warehouse_ids = [line.warehouse.pk for line in stocks]
    # Missing rows are inserted first (a concurrent insert of the same row is skipped), so that
    # every row can then be locked and set.
    Stock.objects.bulk_create(
        [Stock(product_variant=variant, warehouse_id=pk, quantity=0) for pk in warehouse_ids],
        ignore_conflicts=True,
    )
    locked = _lock_stocks(variant, warehouse_ids)
    changed = []
    available_before = {pk: _available(stock) for pk, stock in locked.items()}
    for index, line in enumerate(stocks):
        stock = locked[line.warehouse.pk]
        if line.quantity < stock.quantity_allocated:
            raise field_error(
                "quantity",
                f"Orders already hold {stock.quantity_allocated}; the quantity cannot be lower.",
                StockErrorCode.INVALID.value,
                index=index,
            )
        stock.quantity = line.quantity
        changed.append(stock)
    Stock.objects.bulk_update(changed, ["quantity"])
    bump_catalog_version()
    _announce_stock_changes(
        manager, [(stock, available_before[stock.warehouse_id]) for stock in changed]
    )
    return variant


@transaction.atomic
def create_stocks(
    *,
    variant: ProductVariant,
    stocks: list[StockQuantity],
    manager: PluginsManager | None = None,
) -> ProductVariant:
    """Stock a variant in warehouses where it has no stock yet."""
    variant = ProductVariant.objects.select_related("product").get(pk=variant.pk)
    _check_stock_lines(variant, stocks)
    existing = set(
        Stock.objects.filter(
            product_variant=variant, warehouse_id__in=[line.warehouse.pk for line in stocks]
        ).values_list("warehouse_id", flat=True)
    )
    for index, line in enumerate(stocks):
        if line.warehouse.pk in existing:
            raise field_error(
                "warehouse",
                "The variant already has stock in this warehouse.",
                StockErrorCode.UNIQUE.value,
                index=index,
            )
    try:
        with transaction.atomic():
            created = Stock.objects.bulk_create(
                [
                    Stock(
                        product_variant=variant,
                        warehouse=line.warehouse,
                        quantity=line.quantity,
                    )
                    for line in stocks
                ]
            )
    except IntegrityError as error:
        raise field_error(
            "warehouse",
            "The variant already has stock in this warehouse.",
            StockErrorCode.UNIQUE.value,
        ) from error
    bump_catalog_version()
    _announce_stock_changes(manager, [(stock, 0) for stock in created])
    return variant


@transaction.atomic
def delete_stocks(
    *,
    variant: ProductVariant,
    warehouses: list[Warehouse],
    manager: PluginsManager | None = None,
) -> ProductVariant:
    """Remove a variant's stock from warehouses; refused while orders hold any of it."""
    locked = _lock_stocks(variant, [warehouse.pk for warehouse in warehouses])
    if any(stock.quantity_allocated > 0 for stock in locked.values()):
        raise field_error(
            "warehouses",
            "Orders hold stock in this warehouse; it cannot be removed.",
            StockErrorCode.INVALID.value,
        )
    Stock.objects.filter(pk__in=[stock.pk for stock in locked.values()]).delete()
    bump_catalog_version()
    removed = []
    for stock in locked.values():
        available_before = _available(stock)
        stock.quantity = 0
        removed.append((stock, available_before))
    _announce_stock_changes(manager, removed)
    return variant


@transaction.atomic
def create_variant_with_stocks(
    *,
    product,
    stocks: list[StockQuantity] | None = None,
    attributes: list[AttributeAssignment] | None = None,
    manager: PluginsManager | None = None,
    **variant_fields,
) -> ProductVariant:
    """Create a variant (`create_variant`) and its stock in one transaction."""
    manager = manager or get_plugins_manager()
    variant = create_variant(
        product=product, attributes=attributes, manager=manager, **variant_fields
    )
    if stocks:
        create_stocks(variant=variant, stocks=stocks, manager=manager)
    return variant
