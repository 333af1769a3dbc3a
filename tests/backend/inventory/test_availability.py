import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.inventory.availability import (
    available_quantities,
    available_quantities_by_variant,
    available_quantities_for_checkouts,
)
from backend.inventory.models import Stock
from tests.backend.inventory.stock_helpers import reserve, stocked_variant
from tests.factories import ChannelFactory, CheckoutFactory, StockFactory, WarehouseFactory


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


def test_many_checkouts_each_count_only_the_others_reservations(channel):
    # given 10 units in one warehouse and 5 in another (2 allocated in the first), reserved 3 by
    # one checkout and 4 by a second (both in the first warehouse), 1 by an expired reservation;
    # a second variant with 6 units; and 7 units outside the channel
    variant = stocked_variant(channel, 10, 5)
    other_variant = stocked_variant(channel, 6)
    first = Stock.objects.filter(product_variant=variant).order_by("pk").first()
    Stock.objects.filter(pk=first.pk).update(quantity_allocated=2)
    one = reserve(variant, first, 3).checkout_line.checkout_id
    two = reserve(variant, first, 4).checkout_line.checkout_id
    reserve(variant, first, 1, minutes=-1)
    StockFactory(product_variant=variant, warehouse=WarehouseFactory(), quantity=7)
    stranger = CheckoutFactory(channel=channel).token
    wanted = {
        one: (channel.pk, [variant.pk]),
        two: (channel.pk, [variant.pk, other_variant.pk]),
        stranger: (channel.pk, [variant.pk]),
    }
    # when
    with CaptureQueriesContext(connection) as queries:
        available = available_quantities_for_checkouts(wanted)
    # then each sees the units less the others' reservations, in two queries
    assert len(queries) == 2
    assert available == {
        one: {variant.pk: 10 - 2 - 4 + 5},
        two: {variant.pk: 10 - 2 - 3 + 5, other_variant.pk: 6},
        stranger: {variant.pk: 10 - 2 - 3 - 4 + 5},
    }
    # and the one-checkout rule agrees
    per_warehouse = available_quantities(
        variant_ids=[variant.pk], channel_id=channel.pk, exclude_checkout_token=one
    )
    assert sum(per_warehouse.values()) == available[one][variant.pk]


def test_checkouts_without_variants_cost_nothing(channel, django_assert_num_queries):
    token = CheckoutFactory(channel=channel).token
    with django_assert_num_queries(0):
        assert available_quantities_for_checkouts({token: (channel.pk, [])}) == {token: {}}
