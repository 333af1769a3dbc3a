import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.inventory.availability import (
    available_quantities,
    available_quantities_by_variant,
)
from backend.inventory.models import Stock
from tests.backend.inventory.stock_helpers import reserve, stocked_variant
from tests.factories import ChannelFactory, StockFactory, WarehouseFactory


@pytest.fixture
def channel(db):
    return ChannelFactory()


def test_available_is_quantity_less_allocated_less_others_live_reservations(channel):
    # given 10 units in one warehouse (2 allocated, 3 reserved by one checkout, 4 by another,
    # 1 by an expired reservation), 5 in a second, and 7 outside the channel
    variant = stocked_variant(channel, 10, 5)
    first, second = Stock.objects.filter(product_variant=variant).order_by("pk")
    Stock.objects.filter(pk=first.pk).update(quantity_allocated=2)
    mine = reserve(variant, first, 3)
    reserve(variant, first, 4)
    reserve(variant, first, 1, minutes=-1)
    StockFactory(product_variant=variant, warehouse=WarehouseFactory(), quantity=7)
    # when
    with CaptureQueriesContext(connection) as queries:
        everyone = available_quantities(variant_ids=[variant.pk], channel_id=channel.pk)
    mine_excluded = available_quantities(
        variant_ids=[variant.pk],
        channel_id=channel.pk,
        exclude_checkout_token=mine.checkout_line.checkout_id,
    )
    only_second = available_quantities(
        variant_ids=[variant.pk], channel_id=channel.pk, warehouse_ids=[second.warehouse_id]
    )
    # then
    assert len(queries) == 1
    assert everyone == {(first.warehouse_id, variant.pk): 1, (second.warehouse_id, variant.pk): 5}
    assert mine_excluded[(first.warehouse_id, variant.pk)] == 4
    assert only_second == {(second.warehouse_id, variant.pk): 5}
    assert available_quantities_by_variant(variant_ids=[variant.pk], channel_id=channel.pk) == {
        variant.pk: 6
    }


def test_a_warehouse_never_counts_below_zero(channel):
    # given reservations beyond what a warehouse holds (its quantity was lowered since)
    variant = stocked_variant(channel, 2, 3)
    first = Stock.objects.filter(product_variant=variant).order_by("pk").first()
    reserve(variant, first, 2)
    Stock.objects.filter(pk=first.pk).update(quantity=0)
    # then the other warehouse's units are still all there
    assert available_quantities_by_variant(variant_ids=[variant.pk], channel_id=channel.pk) == {
        variant.pk: 3
    }
