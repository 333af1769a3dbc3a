"""Many buyers, few units: real parallel transactions on PostgreSQL, each thread on its own
connection, all released together by a barrier. Nothing oversells and nothing deadlocks (a
deadlock surfaces as OperationalError and fails the test).

CONTENTION_BUYERS is 24, not the issue's 40: the PostgreSQL server is shared (100 connections in
all) by parallel test workers, and every buyer holds a connection of its own. The issue's 40
race end to end, through checkoutComplete, in test_checkout_contention.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from django.db import transaction
from django.db.models import Sum

from backend.inventory.allocation import InsufficientStock, StockLine, allocate_stocks
from backend.inventory.models import Allocation, Stock
from backend.inventory.reservations import reserve_stocks
from backend.orders.models import Order
from tests.backend.inventory.stock_helpers import channel_warehouse
from tests.factories import (
    ChannelFactory,
    CheckoutFactory,
    CheckoutLineFactory,
    OrderFactory,
    OrderLineFactory,
    ProductVariantFactory,
    StockFactory,
)

from .parallel import run_together

CONTENTION_BUYERS = 24
UNITS = 10

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SUCCEEDED = "succeeded"
SHORT = "insufficient stock"


def run_in_parallel(work: Callable[[int], None], count: int = CONTENTION_BUYERS) -> list[str]:
    """Run work(0..count-1) in threads released together, each on its own connection; each
    outcome in buyer order. Any error but InsufficientStock (a deadlock, a constraint
    violation) fails the test."""

    def buyer(index: int) -> Callable[[], str]:
        def buy() -> str:
            try:
                work(index)
            except InsufficientStock:
                return SHORT
            return SUCCEEDED

        return buy

    return run_together([buyer(index) for index in range(count)])


def place_order(index: int, *, channel, cart: list, checkout_token=None) -> None:
    """One buyer's completion: an order with a line per variant of the cart, allocated, in one
    transaction (rolled back when the stock is short)."""
    with transaction.atomic():
        order = OrderFactory(number=1000 + index, channel=channel)
        lines = [OrderLineFactory(order=order, variant=variant, quantity=1) for variant in cart]
        allocate_stocks(
            [StockLine(line.variant_id, 1, line.pk) for line in lines],
            channel_id=channel.pk,
            checkout_token=checkout_token,
        )


def assert_never_oversold(variant, allocated: int = UNITS) -> None:
    stocks = list(Stock.objects.filter(product_variant=variant))
    assert sum(stock.quantity_allocated for stock in stocks) == allocated
    assert all(stock.quantity_allocated <= stock.quantity for stock in stocks)
    total = Allocation.objects.filter(stock__product_variant=variant).aggregate(
        total=Sum("quantity_allocated")
    )["total"]
    assert total == allocated


def stocked(channel, *quantities):
    variant = ProductVariantFactory()
    for quantity in quantities:
        StockFactory(
            product_variant=variant, warehouse=channel_warehouse(channel), quantity=quantity
        )
    return variant


def test_ten_units_go_to_exactly_ten_of_the_buyers():
    # given 10 units in one warehouse
    channel = ChannelFactory()
    variant = stocked(channel, UNITS)
    # when every buyer completes at once
    outcomes = run_in_parallel(lambda index: place_order(index, channel=channel, cart=[variant]))
    # then
    assert Counter(outcomes) == {SUCCEEDED: UNITS, SHORT: CONTENTION_BUYERS - UNITS}
    assert Order.objects.count() == UNITS
    assert_never_oversold(variant)


def test_two_warehouses_of_five_units_each_are_both_emptied():
    channel = ChannelFactory()
    variant = stocked(channel, 5, 5)
    outcomes = run_in_parallel(lambda index: place_order(index, channel=channel, cart=[variant]))
    assert Counter(outcomes) == {SUCCEEDED: UNITS, SHORT: CONTENTION_BUYERS - UNITS}
    assert Order.objects.count() == UNITS
    assert_never_oversold(variant)
    assert list(Stock.objects.values_list("quantity_allocated", flat=True)) == [5, 5]


def test_carts_of_two_variants_in_opposite_orders_do_not_deadlock():
    # given 10 of A and 10 of B; half the buyers add A then B, half B then A
    channel = ChannelFactory()
    first, second = stocked(channel, UNITS), stocked(channel, UNITS)

    def buy(index: int) -> None:
        cart = [first, second] if index % 2 else [second, first]
        place_order(index, channel=channel, cart=cart)

    # when
    outcomes = run_in_parallel(buy)
    # then
    assert Counter(outcomes) == {SUCCEEDED: UNITS, SHORT: CONTENTION_BUYERS - UNITS}
    assert_never_oversold(first)
    assert_never_oversold(second)


def test_with_reservations_the_buyers_who_reserved_are_the_ones_who_buy():
    # given 10 units, and every buyer with a checkout of one unit
    channel = ChannelFactory()
    variant = stocked(channel, UNITS)
    checkout_lines = [
        CheckoutLineFactory(checkout=CheckoutFactory(channel=channel), variant=variant)
        for _ in range(CONTENTION_BUYERS)
    ]

    def reserve(index: int) -> None:
        line = checkout_lines[index]
        with transaction.atomic():
            reserve_stocks(
                [StockLine(variant.pk, 1, line.pk)],
                channel_id=channel.pk,
                checkout_token=line.checkout_id,
                ttl_minutes=10,
            )

    def complete(index: int) -> None:
        place_order(
            index, channel=channel, cart=[variant], checkout_token=checkout_lines[index].checkout_id
        )

    # when they all reserve at once, then all complete at once
    reserved = run_in_parallel(reserve)
    completed = run_in_parallel(complete)
    # then exactly the 10 who reserved bought, the others were refused both times
    assert Counter(reserved) == {SUCCEEDED: UNITS, SHORT: CONTENTION_BUYERS - UNITS}
    assert completed == reserved
    assert Order.objects.count() == UNITS
    assert_never_oversold(variant)


def test_two_checkouts_racing_for_the_last_unit_one_reserves_it():
    channel = ChannelFactory()
    variant = stocked(channel, 1)
    lines = [
        CheckoutLineFactory(checkout=CheckoutFactory(channel=channel), variant=variant)
        for _ in range(2)
    ]

    def reserve(index: int) -> None:
        with transaction.atomic():
            reserve_stocks(
                [StockLine(variant.pk, 1, lines[index].pk)],
                channel_id=channel.pk,
                checkout_token=lines[index].checkout_id,
                ttl_minutes=10,
            )

    outcomes = run_in_parallel(reserve, count=2)
    assert sorted(outcomes) == [SHORT, SUCCEEDED]
    winner = lines[outcomes.index(SUCCEEDED)]
    assert list(winner.reservations.values_list("quantity_reserved", flat=True)) == [1]
    assert variant.stocks.get().reservations.count() == 1
