"""Stock fixtures shared by the inventory tests."""

from datetime import timedelta

from django.utils import timezone

from backend.inventory.models import Reservation, Stock
from tests.factories import (
    CheckoutLineFactory,
    ProductVariantFactory,
    StockFactory,
    WarehouseFactory,
)


def channel_warehouse(channel, **fields):
    warehouse = WarehouseFactory(**fields)
    warehouse.channels.add(channel)
    return warehouse


def stocked_variant(channel, *quantities, warehouses=None):
    """A variant with one stock row per quantity, each in its own channel warehouse."""
    variant = ProductVariantFactory()
    warehouses = warehouses or [channel_warehouse(channel) for _ in quantities]
    for warehouse, quantity in zip(warehouses, quantities, strict=True):
        StockFactory(product_variant=variant, warehouse=warehouse, quantity=quantity)
    return variant


def allocated(variant) -> dict[int, int]:
    """{warehouse id: quantity_allocated} of the variant's stock rows."""
    return dict(
        Stock.objects.filter(product_variant=variant).values_list(
            "warehouse_id", "quantity_allocated"
        )
    )


def reserve(variant, stock, quantity, *, minutes=10, checkout_line=None):
    line = checkout_line or CheckoutLineFactory(variant=variant, quantity=quantity)
    return Reservation.objects.create(
        checkout_line=line,
        stock=stock,
        quantity_reserved=quantity,
        reserved_until=timezone.now() + timedelta(minutes=minutes),
    )
