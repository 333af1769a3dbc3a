import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from backend.channels.models import AllocationStrategy
from backend.inventory.allocation import (
    InsufficientStock,
    InsufficientStockItem,
    StockLine,
    allocate_stocks,
    deallocate_stocks,
)
from backend.inventory.models import Allocation, ClickAndCollectOption, Reservation, Stock
from plugins.framework.base import BasePlugin
from plugins.framework.manager import clear_registry_cache
from tests.backend.inventory.stock_helpers import (
    allocated,
    channel_warehouse,
    reserve,
    stocked_variant,
)
from tests.factories import (
    ChannelFactory,
    CheckoutLineFactory,
    OrderLineFactory,
    ProductVariantFactory,
    StockFactory,
    WarehouseFactory,
)


@pytest.fixture
def channel(db):
    return ChannelFactory()


def test_allocation_takes_from_the_channels_warehouses_in_order(channel):
    # given 2 units in the first warehouse added to the channel and 5 in the second
    variant = stocked_variant(channel, 2, 5)
    first, second = Stock.objects.filter(product_variant=variant).order_by("pk")
    line = OrderLineFactory(variant=variant, quantity=4)
    # when
    allocate_stocks([StockLine(variant.pk, 4, line.pk)], channel_id=channel.pk)
    # then
    assert allocated(variant) == {first.warehouse_id: 2, second.warehouse_id: 2}
    assert set(
        Allocation.objects.values_list("order_line_id", "stock_id", "quantity_allocated")
    ) == {
        (line.pk, first.pk, 2),
        (line.pk, second.pk, 2),
    }


def test_sorting_order_follows_the_order_warehouses_joined_the_channel(channel):
    # given the warehouse created second joined the channel first
    late, early = WarehouseFactory(), WarehouseFactory()
    early.channels.add(channel)
    late.channels.add(channel)
    variant = stocked_variant(channel, 5, 5, warehouses=[late, early])
    line = OrderLineFactory(variant=variant, quantity=3)
    # when
    allocate_stocks([StockLine(variant.pk, 3, line.pk)], channel_id=channel.pk)
    # then
    assert allocated(variant) == {early.pk: 3, late.pk: 0}


def test_high_stock_strategy_takes_from_the_fullest_warehouse(channel):
    channel.allocation_strategy = AllocationStrategy.PRIORITIZE_HIGH_STOCK
    channel.save()
    small, large = channel_warehouse(channel), channel_warehouse(channel)
    variant = stocked_variant(channel, 3, 8, warehouses=[small, large])
    line = OrderLineFactory(variant=variant, quantity=3)
    allocate_stocks([StockLine(variant.pk, 3, line.pk)], channel_id=channel.pk)
    assert allocated(variant) == {small.pk: 0, large.pk: 3}


def test_warehouses_outside_the_channel_are_not_used(channel):
    # given 1 unit in the channel and 9 in a warehouse of another channel
    outside = WarehouseFactory()
    variant = stocked_variant(channel, 1)
    StockFactory(product_variant=variant, warehouse=outside, quantity=9)
    line = OrderLineFactory(variant=variant, quantity=2)
    # when
    with pytest.raises(InsufficientStock) as error:
        allocate_stocks([StockLine(variant.pk, 2, line.pk)], channel_id=channel.pk)
    # then
    assert error.value.items == [InsufficientStockItem(variant.pk, requested=2, available=1)]


def test_every_short_variant_is_reported_and_nothing_is_written(channel):
    # given three variants, two of them short
    plenty, short, absent = (
        stocked_variant(channel, 9),
        stocked_variant(channel, 1),
        ProductVariantFactory(),
    )
    lines = [
        StockLine(plenty.pk, 2, OrderLineFactory(variant=plenty, quantity=2).pk),
        StockLine(short.pk, 3, OrderLineFactory(variant=short, quantity=3).pk),
        StockLine(absent.pk, 1, OrderLineFactory(variant=absent).pk),
    ]
    # when
    with pytest.raises(InsufficientStock) as error:
        allocate_stocks(lines, channel_id=channel.pk)
    # then
    assert error.value.items == [
        InsufficientStockItem(short.pk, requested=3, available=1),
        InsufficientStockItem(absent.pk, requested=1, available=0),
    ]
    assert not Allocation.objects.exists()
    assert set(Stock.objects.values_list("quantity_allocated", flat=True)) == {0}


def test_two_lines_of_one_variant_share_its_stock(channel):
    variant = stocked_variant(channel, 3)
    first = OrderLineFactory(variant=variant, quantity=2)
    second = OrderLineFactory(variant=variant, quantity=2)
    with pytest.raises(InsufficientStock) as error:
        allocate_stocks(
            [StockLine(variant.pk, 2, first.pk), StockLine(variant.pk, 2, second.pk)],
            channel_id=channel.pk,
        )
    assert error.value.items == [InsufficientStockItem(variant.pk, requested=2, available=1)]


def test_other_checkouts_live_reservations_hold_stock(channel):
    # given 5 units, 4 of them reserved by another checkout, 1 by an expired reservation
    variant = stocked_variant(channel, 5)
    stock = Stock.objects.get(product_variant=variant)
    reserve(variant, stock, 4)
    reserve(variant, stock, 1, minutes=-1)
    line = OrderLineFactory(variant=variant, quantity=2)
    # when
    with pytest.raises(InsufficientStock) as error:
        allocate_stocks([StockLine(variant.pk, 2, line.pk)], channel_id=channel.pk)
    # then: the expired reservation holds nothing
    assert error.value.items == [InsufficientStockItem(variant.pk, requested=2, available=1)]


def test_the_checkouts_own_reservation_becomes_its_allocation(channel):
    # given all 3 units reserved by the checkout being completed
    variant = stocked_variant(channel, 3)
    stock = Stock.objects.get(product_variant=variant)
    own = reserve(variant, stock, 3)
    line = OrderLineFactory(variant=variant, quantity=3)
    # when
    allocate_stocks(
        [StockLine(variant.pk, 3, line.pk)],
        channel_id=channel.pk,
        checkout_token=own.checkout_line.checkout_id,
    )
    # then
    assert allocated(variant) == {stock.warehouse_id: 3}
    assert not Reservation.objects.exists()


def test_local_stock_collection_point_gives_only_its_own_stock(channel):
    point = channel_warehouse(channel, click_and_collect_option=ClickAndCollectOption.LOCAL_STOCK)
    other = channel_warehouse(channel)
    variant = stocked_variant(channel, 9, 1, warehouses=[other, point])
    line = OrderLineFactory(variant=variant, quantity=2)
    with pytest.raises(InsufficientStock) as error:
        allocate_stocks(
            [StockLine(variant.pk, 2, line.pk)], channel_id=channel.pk, collection_point_id=point.pk
        )
    assert error.value.items == [InsufficientStockItem(variant.pk, requested=2, available=1)]


def test_all_warehouses_collection_point_gives_its_own_stock_first(channel):
    point = channel_warehouse(
        channel, click_and_collect_option=ClickAndCollectOption.ALL_WAREHOUSES
    )
    other = channel_warehouse(channel)
    variant = stocked_variant(channel, 9, 1, warehouses=[other, point])
    line = OrderLineFactory(variant=variant, quantity=2)
    allocate_stocks(
        [StockLine(variant.pk, 2, line.pk)], channel_id=channel.pk, collection_point_id=point.pk
    )
    assert allocated(variant) == {point.pk: 1, other.pk: 1}


def test_untracked_variant_is_allocated_as_far_as_its_rows_hold_and_never_fails(channel):
    # given an untracked variant with 1 unit, and one with no stock row at all
    variant = stocked_variant(channel, 1)
    variant.track_inventory = False
    variant.save()
    line = OrderLineFactory(variant=variant, quantity=3)
    # when
    allocate_stocks([StockLine(variant.pk, 3, line.pk)], channel_id=channel.pk)
    # then
    assert list(allocated(variant).values()) == [1]


def test_a_line_without_an_order_line_or_quantity_is_a_programming_error(channel):
    variant = stocked_variant(channel, 1)
    with pytest.raises(ValueError):
        allocate_stocks([StockLine(variant.pk, 1)], channel_id=channel.pk)
    with pytest.raises(ValueError):
        allocate_stocks([StockLine(variant.pk, 0, OrderLineFactory().pk)], channel_id=channel.pk)


@pytest.mark.django_db(transaction=True)
def test_allocation_outside_a_transaction_is_refused():
    channel = ChannelFactory()
    variant = stocked_variant(channel, 1)
    line = OrderLineFactory(variant=variant)
    with pytest.raises(RuntimeError):
        allocate_stocks([StockLine(variant.pk, 1, line.pk)], channel_id=channel.pk)
    assert not Allocation.objects.exists()


def _allocation_queries(channel, count: int) -> int:
    lines = []
    for _ in range(count):
        variant = stocked_variant(channel, 5, 5)
        lines.append(StockLine(variant.pk, 7, OrderLineFactory(variant=variant, quantity=7).pk))
    with CaptureQueriesContext(connection) as queries:
        allocate_stocks(lines, channel_id=channel.pk)
    assert (
        Allocation.objects.filter(order_line_id__in=[line.line_id for line in lines]).count()
        == 2 * count
    )
    return len(queries)


def test_allocation_runs_the_same_queries_for_1_and_20_lines(channel):
    assert _allocation_queries(channel, 1) == _allocation_queries(channel, 20)


def test_allocation_with_a_checkout_runs_the_same_queries_for_1_and_20_lines(channel):
    def run(count: int) -> int:
        checkout_line = CheckoutLineFactory()
        lines = []
        for _ in range(count):
            variant = stocked_variant(channel, 5)
            reserve(
                variant, Stock.objects.get(product_variant=variant), 1, checkout_line=checkout_line
            )
            lines.append(StockLine(variant.pk, 2, OrderLineFactory(variant=variant, quantity=2).pk))
        with CaptureQueriesContext(connection) as queries:
            allocate_stocks(lines, channel_id=channel.pk, checkout_token=checkout_line.checkout_id)
        return len(queries)

    assert run(1) == run(20)


def test_deallocation_gives_the_units_back(channel):
    # given two lines allocated over two warehouses
    variant = stocked_variant(channel, 2, 5)
    first = OrderLineFactory(variant=variant, quantity=4)
    second = OrderLineFactory(variant=variant, quantity=1)
    allocate_stocks(
        [StockLine(variant.pk, 4, first.pk), StockLine(variant.pk, 1, second.pk)],
        channel_id=channel.pk,
    )
    # when the first line is cancelled
    deallocate_stocks([first.pk])
    # then only the second line's unit stays allocated
    assert sorted(allocated(variant).values()) == [0, 1]
    assert list(Allocation.objects.values_list("order_line_id", flat=True)) == [second.pk]


def test_deallocation_runs_the_same_queries_for_1_and_20_lines(channel):
    def run(count: int) -> int:
        lines = []
        for _ in range(count):
            variant = stocked_variant(channel, 1, 1)
            lines.append(StockLine(variant.pk, 2, OrderLineFactory(variant=variant, quantity=2).pk))
        allocate_stocks(lines, channel_id=channel.pk)
        with CaptureQueriesContext(connection) as queries:
            deallocate_stocks([line.line_id for line in lines])
        assert not Allocation.objects.filter(
            order_line_id__in=[line.line_id for line in lines]
        ).exists()
        return len(queries)

    assert run(1) == run(20)


class StockHooksPlugin(BasePlugin):
    PLUGIN_ID = "tests.allocation-stock-hooks"
    PLUGIN_NAME = "Stock hooks"
    DEFAULT_ACTIVE = True
    heard: list[tuple[str, int]] = []

    def product_variant_out_of_stock(self, stock, previous_value):
        StockHooksPlugin.heard.append(("out_of_stock", stock.quantity))
        return previous_value

    def product_variant_back_in_stock(self, stock, previous_value):
        StockHooksPlugin.heard.append(("back_in_stock", stock.quantity))
        return previous_value


@pytest.fixture
def stock_hooks(settings):
    StockHooksPlugin.heard = []
    settings.PLUGINS = ["tests.backend.inventory.test_allocation.StockHooksPlugin"]
    settings.PLUGINS_ENTRY_POINTS = False
    clear_registry_cache()
    yield StockHooksPlugin.heard
    clear_registry_cache()


def test_out_of_stock_and_back_in_stock_are_announced_after_commit(
    channel, stock_hooks, django_capture_on_commit_callbacks
):
    # given 2 units
    variant = stocked_variant(channel, 2)
    line = OrderLineFactory(variant=variant, quantity=2)
    # when both are allocated, then given back
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        allocate_stocks([StockLine(variant.pk, 2, line.pk)], channel_id=channel.pk)
    assert stock_hooks == []
    for callback in callbacks:
        callback()
    with django_capture_on_commit_callbacks(execute=True):
        deallocate_stocks([line.pk])
    # then
    assert stock_hooks == [("out_of_stock", 2), ("back_in_stock", 2)]


def test_nothing_is_announced_when_the_transaction_rolls_back(
    channel, stock_hooks, django_capture_on_commit_callbacks
):
    variant = stocked_variant(channel, 1)
    line = OrderLineFactory(variant=variant)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(InsufficientStock),
        transaction.atomic(),
    ):
        allocate_stocks([StockLine(variant.pk, 1, line.pk)], channel_id=channel.pk)
        raise InsufficientStock([])
    assert callbacks == []
    assert stock_hooks == []
    assert allocated(variant) == {Stock.objects.get().warehouse_id: 0}
