import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.inventory.allocation import (
    InsufficientStock,
    InsufficientStockItem,
    StockLine,
    allocate_stocks,
    decrease_stocks,
    restock,
)
from backend.inventory.models import Allocation, Stock
from tests.backend.inventory.stock_helpers import reserve, stocked_variant
from tests.factories import ChannelFactory, OrderLineFactory


@pytest.fixture
def channel(db):
    return ChannelFactory()


def counters(variant) -> list[tuple[int, int]]:
    """(quantity, quantity_allocated) of the variant's stock rows, in pk order."""
    return list(
        Stock.objects.filter(product_variant=variant)
        .order_by("pk")
        .values_list("quantity", "quantity_allocated")
    )


def test_fulfilment_takes_the_lines_allocations(channel):
    # given 3 of a line allocated over two warehouses (2 + 1)
    variant = stocked_variant(channel, 2, 4)
    first, second = Stock.objects.filter(product_variant=variant).order_by("pk")
    line = OrderLineFactory(variant=variant, quantity=3)
    allocate_stocks([StockLine(variant.pk, 3, line.pk)], channel_id=channel.pk)
    # when 2 are fulfilled, then the last one
    taken = decrease_stocks([StockLine(variant.pk, 2, line.pk)], channel_id=channel.pk)
    assert taken == {line.pk: [(first.pk, 2)]}
    assert counters(variant) == [(0, 0), (4, 1)]
    taken = decrease_stocks([StockLine(variant.pk, 1, line.pk)], channel_id=channel.pk)
    # then
    assert taken == {line.pk: [(second.pk, 1)]}
    assert counters(variant) == [(0, 0), (3, 0)]
    assert not Allocation.objects.exists()


def test_an_unallocated_line_takes_free_stock(channel):
    # given 3 units, 1 reserved by a checkout
    variant = stocked_variant(channel, 3)
    stock = Stock.objects.get(product_variant=variant)
    reserve(variant, stock, 1)
    line = OrderLineFactory(variant=variant, quantity=2)
    # when
    taken = decrease_stocks([StockLine(variant.pk, 2, line.pk)], channel_id=channel.pk)
    # then
    assert taken == {line.pk: [(stock.pk, 2)]}
    assert counters(variant) == [(1, 0)]


def test_fulfilment_beyond_free_stock_is_refused_and_changes_nothing(channel):
    variant = stocked_variant(channel, 3)
    reserve(variant, Stock.objects.get(product_variant=variant), 2)
    allocated_line = OrderLineFactory(variant=variant, quantity=1)
    allocate_stocks([StockLine(variant.pk, 1, allocated_line.pk)], channel_id=channel.pk)
    line = OrderLineFactory(variant=variant, quantity=1)
    with pytest.raises(InsufficientStock) as error:
        decrease_stocks(
            [StockLine(variant.pk, 1, allocated_line.pk), StockLine(variant.pk, 1, line.pk)],
            channel_id=channel.pk,
        )
    assert error.value.items == [InsufficientStockItem(variant.pk, requested=1, available=0)]
    assert counters(variant) == [(3, 1)]
    assert Allocation.objects.get().quantity_allocated == 1


def test_untracked_variant_is_fulfilled_beyond_its_stock(channel):
    # given an untracked variant with 1 unit
    variant = stocked_variant(channel, 1)
    variant.track_inventory = False
    variant.save()
    stock = Stock.objects.get(product_variant=variant)
    line = OrderLineFactory(variant=variant, quantity=3)
    # when
    taken = decrease_stocks([StockLine(variant.pk, 3, line.pk)], channel_id=channel.pk)
    # then the unit is taken and the rest recorded against the same row
    assert taken == {line.pk: [(stock.pk, 3)]}
    assert counters(variant) == [(0, 0)]


def test_untracked_variant_without_a_stock_row_cannot_be_fulfilled(channel):
    variant = stocked_variant(channel)
    variant.track_inventory = False
    variant.save()
    line = OrderLineFactory(variant=variant, quantity=1)
    with pytest.raises(InsufficientStock) as error:
        decrease_stocks([StockLine(variant.pk, 1, line.pk)], channel_id=channel.pk)
    assert error.value.items == [InsufficientStockItem(variant.pk, requested=1, available=0)]


def test_fulfilment_runs_the_same_queries_for_1_and_20_lines(channel):
    def run(count: int) -> int:
        lines = []
        for _ in range(count):
            variant = stocked_variant(channel, 2, 5)
            line = OrderLineFactory(variant=variant, quantity=4)
            lines.append(StockLine(variant.pk, 4, line.pk))
        allocate_stocks(lines[: max(count // 2, 1)], channel_id=channel.pk)
        with CaptureQueriesContext(connection) as queries:
            taken = decrease_stocks(lines, channel_id=channel.pk)
        assert sum(units for line in lines for _, units in taken[line.line_id]) == 4 * count
        return len(queries)

    assert run(1) == run(20)


def test_restock_puts_units_back_on_the_shelf(channel):
    variant = stocked_variant(channel, 2)
    stock = Stock.objects.get(product_variant=variant)
    restock([(stock.pk, 3)])
    assert counters(variant) == [(5, 0)]
    assert not Allocation.objects.exists()


def test_restock_can_allocate_the_units_to_their_order_line_again(channel):
    # given a line of 3 fulfilled from its allocation, and a line allocated 1
    variant = stocked_variant(channel, 5)
    stock = Stock.objects.get(product_variant=variant)
    fulfilled = OrderLineFactory(variant=variant, quantity=3)
    waiting = OrderLineFactory(variant=variant, quantity=1)
    allocate_stocks(
        [StockLine(variant.pk, 3, fulfilled.pk), StockLine(variant.pk, 1, waiting.pk)],
        channel_id=channel.pk,
    )
    decrease_stocks([StockLine(variant.pk, 3, fulfilled.pk)], channel_id=channel.pk)
    # when the fulfilment is cancelled: 2 units back to the fulfilled line, 1 to the waiting line
    restock([(stock.pk, 2), (stock.pk, 1)], order_line_ids=[fulfilled.pk, waiting.pk])
    # then
    assert counters(variant) == [(5, 4)]
    assert dict(Allocation.objects.values_list("order_line_id", "quantity_allocated")) == {
        fulfilled.pk: 2,
        waiting.pk: 2,
    }


def test_restock_needs_one_order_line_per_line(channel):
    variant = stocked_variant(channel, 1)
    stock = Stock.objects.get(product_variant=variant)
    with pytest.raises(ValueError):
        restock([(stock.pk, 1)], order_line_ids=[])
