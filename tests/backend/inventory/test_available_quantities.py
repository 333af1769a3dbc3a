"""available_quantities: what each warehouse of a channel can still give, in one query."""

import pytest

from backend.inventory.availability import available_quantities
from tests.factories import (
    ChannelFactory,
    ProductVariantFactory,
    StockFactory,
    WarehouseFactory,
)

pytestmark = pytest.mark.django_db


def _warehouse(channel):
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    return warehouse


def test_quantities_are_per_warehouse_and_variant_held_minus_allocated():
    # given two variants in two warehouses of the channel, some units allocated
    channel = ChannelFactory()
    first, second = _warehouse(channel), _warehouse(channel)
    shirt, sari = ProductVariantFactory(), ProductVariantFactory()
    StockFactory(warehouse=first, product_variant=shirt, quantity=5, quantity_allocated=2)
    StockFactory(warehouse=second, product_variant=shirt, quantity=4)
    StockFactory(warehouse=second, product_variant=sari, quantity=3, quantity_allocated=3)

    # when
    quantities = available_quantities(variant_ids=[shirt.pk, sari.pk], channel_id=channel.pk)

    # then every stock row answers for itself, a fully allocated one with 0
    assert quantities == {
        (first.pk, shirt.pk): 3,
        (second.pk, shirt.pk): 4,
        (second.pk, sari.pk): 0,
    }


def test_only_the_channels_warehouses_and_the_ones_asked_for_count(django_assert_num_queries):
    # given stock in the channel's two warehouses and in another channel's
    channel, export = ChannelFactory(), ChannelFactory(slug="export")
    mine, also_mine, theirs = _warehouse(channel), _warehouse(channel), _warehouse(export)
    variant = ProductVariantFactory()
    for warehouse in (mine, also_mine, theirs):
        StockFactory(warehouse=warehouse, product_variant=variant, quantity=7)

    # when narrowed to one warehouse (and one outside the channel)
    with django_assert_num_queries(1):
        quantities = available_quantities(
            variant_ids=[variant.pk], channel_id=channel.pk, warehouse_ids=[mine.pk, theirs.pk]
        )

    # then
    assert quantities == {(mine.pk, variant.pk): 7}
