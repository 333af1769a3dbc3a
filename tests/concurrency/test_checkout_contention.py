"""Many buyers at once, end to end: every buyer posts `checkoutComplete` for a checkout of their
own, prepared before the race (lines, addresses, a shipping method), from a thread of its own
on a database connection of its own, all released together. The issue's figures: 10 units, 40
buyers; a voucher limited to 10 uses; one checkout completed by 8 requests at once.

What must hold after every race: exactly as many orders as the stock (or the voucher) allows,
the others refused with Saleor's error, the stock never allocated beyond its quantity, no
deadlock (PostgreSQL's OperationalError comes back as an INTERNAL_ERROR and fails the test), and
nothing half-written: every order's lines are fully allocated, every checkout either became an
order (and is gone) or is still there with its lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from uuid import UUID

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from graphql_relay import to_global_id

from backend.channels.models import Channel
from backend.checkout.create import create_checkout
from backend.checkout.lines import LineInput, add_lines
from backend.checkout.models import Checkout, CheckoutLine
from backend.checkout.promo import add_promo_code
from backend.discounts.models import VoucherCode
from backend.inventory.models import Reservation, Stock, Warehouse
from backend.orders.models import Order, OrderLine
from backend.shipping.models import ShippingZoneKind
from backend.shipping.services import (
    RateSlab,
    create_shipping_method,
    create_shipping_zone,
    set_shipping_method_channel_listing,
    set_shipping_rates,
)
from tests.conftest import ApiClient
from tests.factories import (
    AddressFactory,
    ChannelFactory,
    StockFactory,
    WarehouseFactory,
    create_listed_product,
)
from tests.voucher_factories import make_voucher

from .parallel import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BUYERS = 40  # the figure; each holds a connection (PostgreSQL allows 100)
UNITS = 10
VOUCHER_BUYERS = 24
VOUCHER_USES = 10
SAME_CHECKOUT_REQUESTS = 8

PLACED = "PLACED"
INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK"
VOUCHER_NOT_APPLICABLE = "VOUCHER_NOT_APPLICABLE"
NO_LINES = "NO_LINES"

COMPLETE = """
mutation Complete($id: ID) {
  checkoutComplete(id: $id) {
    order { id }
    errors { field code variants }
  }
}
"""


@pytest.fixture(autouse=True)
def _statements_may_wait_for_the_queue(settings):
    """The last of 40 buyers waits for the stock row's lock while the 39 before it complete;
    in one test process their requests also take turns on the GIL (production spreads them
    over processes), so on a loaded machine that wait can pass the API's 5 s statement
    timeout. A deadlock is still caught at once: PostgreSQL breaks it within its
    deadlock_timeout and the request fails."""
    settings.GRAPHQL_STATEMENT_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class Shop:
    """The `bd` channel with a postal shipping method that reaches every address."""

    channel: Channel
    shipping_method_id: str
    shipping_method_name: str


def open_shop(*, reserve_minutes: int | None) -> Shop:
    channel = ChannelFactory()
    channel.reserve_stock_duration_minutes = reserve_minutes
    channel.save(update_fields=["reserve_stock_duration_minutes"])
    zone = create_shipping_zone(
        name="Bangladesh", kind=ShippingZoneKind.REST_OF_COUNTRY, channels=[channel], default=True
    )
    method = create_shipping_method(name="Postal parcel")
    set_shipping_method_channel_listing(method=method, channel=channel)
    set_shipping_rates(
        method=method,
        zone=zone,
        channel=channel,
        slabs=[RateSlab(max_weight=None, price=Decimal("60.00"))],
    )
    return Shop(
        channel=channel, shipping_method_id=str(method.pk), shipping_method_name=method.name
    )


def fill_cart(shop: Shop, buyer: int, variants: Sequence) -> UUID:
    """A guest's checkout with one of each variant, added one after the other (each held for
    the channel's reservation time, when it has one)."""
    first, *others = variants
    token = create_checkout(
        requestor=None,
        channel_slug=shop.channel.slug,
        lines=[LineInput(variant_id=first.pk, quantity=1)],
        email=f"buyer-{buyer}@example.com",
    ).checkout.token
    for variant in others:
        add_lines(token=token, requestor=None, lines=[LineInput(variant_id=variant.pk, quantity=1)])
    return token


def get_ready(shop: Shop, token: UUID) -> None:
    """Addresses and the postal method, as checkoutShippingAddressUpdate,
    checkoutBillingAddressUpdate and checkoutDeliveryMethodUpdate leave them (written directly:
    forty buyers through those three would take most of the test's time; completion quotes
    the method again and refuses one that does not apply)."""
    checkout = Checkout.objects.get(token=token)
    checkout.shipping_address = AddressFactory()
    checkout.billing_address = AddressFactory()
    checkout.shipping_method_id = shop.shipping_method_id
    checkout.shipping_method_name = shop.shipping_method_name
    checkout.save(
        update_fields=[
            "shipping_address",
            "billing_address",
            "shipping_method_id",
            "shipping_method_name",
        ]
    )


def ready_checkouts(shop: Shop, carts: Sequence[Sequence]) -> list[UUID]:
    tokens = []
    for buyer, variants in enumerate(carts):
        token = fill_cart(shop, buyer, variants)
        get_ready(shop, token)
        tokens.append(token)
    return tokens


def complete(token: UUID) -> Callable[[], dict]:
    """A storefront's checkoutComplete for the checkout: the payload."""

    def post() -> dict:
        content = ApiClient().execute_raw(COMPLETE, {"id": to_global_id("Checkout", str(token))})
        assert "errors" not in content, content["errors"]
        return content["data"]["checkoutComplete"]

    return post


def complete_all(tokens: Sequence[UUID]) -> list[dict]:
    return run_together([complete(token) for token in tokens])


def outcome(payload: dict) -> str:
    if payload["order"] is not None:
        assert payload["errors"] == []
        return PLACED
    [error] = payload["errors"]
    return error["code"]


def codes_by_field(error: ValidationError) -> list[tuple[str, str]]:
    return [(field, item.code) for field, items in error.error_dict.items() for item in items]


def variant_ids(*variants) -> set[str]:
    return {to_global_id("ProductVariant", variant.pk) for variant in variants}


def assert_stock_refusals(payloads: list[dict], *variants) -> None:
    """Saleor's checkoutComplete answer to short stock: no field, the short variants named."""
    for payload in payloads:
        if payload["order"] is None:
            [error] = payload["errors"]
            assert (error["field"], error["code"]) == (None, INSUFFICIENT_STOCK)
            assert set(error["variants"]) == variant_ids(*variants)


def assert_placed_orders_are_the_orders(payloads: list[dict]) -> None:
    placed = [payload["order"]["id"] for payload in payloads if payload["order"] is not None]
    orders = [to_global_id("Order", str(pk)) for pk in Order.objects.values_list("pk", flat=True)]
    assert sorted(placed) == sorted(orders)


def assert_allocated(variant, units: int = UNITS) -> None:
    """`units` allocated, none beyond any stock row's quantity, each counted by allocations."""
    stocks = list(Stock.objects.filter(product_variant=variant))
    assert sum(stock.quantity_allocated for stock in stocks) == units
    assert all(stock.quantity_allocated <= stock.quantity for stock in stocks)
    allocated = OrderLine.objects.filter(variant=variant).aggregate(
        total=Sum("allocations__quantity_allocated")
    )["total"]
    assert (allocated or 0) == units


def assert_nothing_half_written(
    tokens: Sequence[UUID], lines_per_checkout: int = 1, empty_carts: Sequence[UUID] = ()
) -> None:
    """Each checkout became one order and is gone, or is untouched (its lines still there);
    each order is whole (its lines, each fully allocated)."""
    completed = set(Order.objects.values_list("checkout_token", flat=True))
    remaining = dict(
        Checkout.objects.annotate(line_count=Count("lines")).values_list("token", "line_count")
    )
    assert completed.isdisjoint(remaining)
    assert completed | set(remaining) == set(tokens)
    assert remaining == {
        token: 0 if token in empty_carts else lines_per_checkout for token in remaining
    }
    assert Order.objects.count() == len(completed)
    short = OrderLine.objects.annotate(
        allocated=Coalesce(Sum("allocations__quantity_allocated"), 0)
    ).exclude(allocated=F("quantity"))
    assert list(short) == []
    assert not Order.objects.annotate(line_count=Count("lines")).exclude(
        line_count=lines_per_checkout
    )


def test_forty_buyers_of_ten_units_place_ten_orders():
    # given 10 units and 40 ready checkouts of one unit each (no reservations: every cart
    # could be filled)
    shop = open_shop(reserve_minutes=None)
    variant = create_listed_product(channel=shop.channel, stock=UNITS).variants.get()
    tokens = ready_checkouts(shop, [[variant]] * BUYERS)
    # when the 40 complete at once
    payloads = complete_all(tokens)
    # then 10 orders, 30 refusals naming the variant
    assert Counter(map(outcome, payloads)) == {PLACED: UNITS, INSUFFICIENT_STOCK: BUYERS - UNITS}
    assert_stock_refusals(payloads, variant)
    assert_placed_orders_are_the_orders(payloads)
    assert set(
        Order.objects.values_list("shipping_method_name", "shipping_price_gross_amount")
    ) == {("Postal parcel", Decimal("60.00"))}
    assert_allocated(variant)
    assert_nothing_half_written(tokens)


def test_with_reservations_only_ten_carts_take_the_units_and_those_ten_buy():
    # given 10 units, each cart that takes one holding it for 10 minutes, and 40 buyers, each
    # with a checkout, adding the variant to their carts in turn
    shop = open_shop(reserve_minutes=10)
    variant = create_listed_product(channel=shop.channel, stock=UNITS).variants.get()
    tokens = [
        create_checkout(
            requestor=None, channel_slug=shop.channel.slug, email=f"buyer-{buyer}@example.com"
        ).checkout.token
        for buyer in range(BUYERS)
    ]
    refusals = []
    for token in tokens:
        try:
            add_lines(
                token=token, requestor=None, lines=[LineInput(variant_id=variant.pk, quantity=1)]
            )
        except ValidationError as error:
            refusals.append(codes_by_field(error))
    # then the first 10 hold a unit each; the 30 others are refused at add-to-cart
    holders, refused = tokens[:UNITS], tokens[UNITS:]
    assert refusals == [[("quantity", "insufficient_stock")]] * len(refused)
    assert Reservation.objects.count() == UNITS
    for token in holders:
        get_ready(shop, token)
    # when all 40 complete at once
    payloads = complete_all(tokens)
    # then the 10 holders buy, and the 30 empty carts are refused as Saleor refuses them
    assert [outcome(payload) for payload in payloads] == [PLACED] * len(holders) + [NO_LINES] * len(
        refused
    )
    assert {(e["field"], e["code"]) for p in payloads for e in p["errors"]} == {("lines", NO_LINES)}
    assert_placed_orders_are_the_orders(payloads)
    assert_allocated(variant)
    assert_nothing_half_written(tokens, empty_carts=refused)
    assert not Reservation.objects.exists()


def test_with_reservations_the_holders_beat_carts_whose_hold_lapsed():
    # given 10 units; 30 buyers filled their carts long ago (their 10-minute holds lapsed),
    # then 10 buyers filled theirs and now hold the 10 units
    shop = open_shop(reserve_minutes=10)
    variant = create_listed_product(channel=shop.channel, stock=UNITS).variants.get()
    lapsed = []
    for buyer in range(BUYERS - UNITS):
        token = fill_cart(shop, buyer, [variant])
        Reservation.objects.filter(checkout_line__checkout_id=token).update(
            reserved_until=timezone.now() - timedelta(minutes=1)
        )
        lapsed.append(token)
    holders = [fill_cart(shop, buyer, [variant]) for buyer in range(BUYERS - UNITS, BUYERS)]
    for token in lapsed + holders:
        get_ready(shop, token)
    assert Reservation.objects.filter(reserved_until__gt=timezone.now()).count() == UNITS
    # so a 41st buyer is refused at add-to-cart
    with pytest.raises(ValidationError) as refused:
        fill_cart(shop, BUYERS, [variant])
    assert codes_by_field(refused.value) == [("quantity", "insufficient_stock")]
    # when all 40 complete at once
    tokens = lapsed + holders
    payloads = complete_all(tokens)
    # then exactly the holders bought; the lapsed carts are refused at completion
    outcomes = dict(zip(tokens, map(outcome, payloads), strict=True))
    assert {token for token, result in outcomes.items() if result == PLACED} == set(holders)
    assert {outcomes[token] for token in lapsed} == {INSUFFICIENT_STOCK}
    assert_stock_refusals(payloads, variant)
    assert_placed_orders_are_the_orders(payloads)
    assert_allocated(variant)
    assert_nothing_half_written(tokens)
    # and the holds became allocations
    assert not Reservation.objects.filter(reserved_until__gt=timezone.now()).exists()


def test_two_warehouses_of_five_units_each_are_both_emptied():
    # given 5 units in each of two of the vendor's warehouses in the channel
    shop = open_shop(reserve_minutes=None)
    product = create_listed_product(channel=shop.channel, stock=5)
    variant = product.variants.get()
    second = WarehouseFactory(vendor=product.vendor)
    second.channels.add(shop.channel)
    StockFactory(warehouse=second, product_variant=variant, quantity=5)
    tokens = ready_checkouts(shop, [[variant]] * BUYERS)
    # when
    payloads = complete_all(tokens)
    # then
    assert Counter(map(outcome, payloads)) == {PLACED: UNITS, INSUFFICIENT_STOCK: BUYERS - UNITS}
    assert_stock_refusals(payloads, variant)
    assert_placed_orders_are_the_orders(payloads)
    assert_allocated(variant)
    assert sorted(Stock.objects.values_list("quantity_allocated", flat=True)) == [5, 5]
    assert Warehouse.objects.filter(stocks__product_variant=variant).count() == 2
    assert_nothing_half_written(tokens)


def test_carts_of_two_variants_in_opposite_orders_neither_deadlock_nor_oversell():
    # given 10 of A and 10 of B; half the carts hold A then B, half B then A
    shop = open_shop(reserve_minutes=None)
    first, second = create_listed_product(
        channel=shop.channel, stock=UNITS, variants=2
    ).variants.order_by("pk")
    carts = [[first, second] if buyer % 2 else [second, first] for buyer in range(BUYERS)]
    tokens = ready_checkouts(shop, carts)
    assert [
        list(CheckoutLine.objects.filter(checkout_id=token).values_list("variant_id", flat=True))
        for token in tokens
    ] == [[variant.pk for variant in cart] for cart in carts]
    # when
    payloads = complete_all(tokens)
    # then 10 buyers get both, 30 are refused for both
    assert Counter(map(outcome, payloads)) == {PLACED: UNITS, INSUFFICIENT_STOCK: BUYERS - UNITS}
    assert_stock_refusals(payloads, first, second)
    assert_placed_orders_are_the_orders(payloads)
    assert_allocated(first)
    assert_allocated(second)
    assert_nothing_half_written(tokens, lines_per_checkout=2)


def test_a_voucher_limited_to_ten_uses_discounts_exactly_ten_orders():
    # given a code for ৳50.00 off that may be used 10 times, and 24 buyers of plenty of stock
    # (each a variant of their own, so that nothing but the voucher makes them wait) who all
    # applied it
    shop = open_shop(reserve_minutes=10)
    code = make_voucher("EID10", usage_limit=VOUCHER_USES, channel=shop.channel)
    product = create_listed_product(channel=shop.channel, stock=UNITS, variants=VOUCHER_BUYERS)
    tokens = ready_checkouts(shop, [[variant] for variant in product.variants.order_by("pk")])
    for token in tokens:
        add_promo_code(token=token, requestor=None, promo_code="EID10")
    # when they complete at once
    payloads = complete_all(tokens)
    # then exactly 10 orders, each with the discount; the others are refused as Saleor does
    assert Counter(map(outcome, payloads)) == {
        PLACED: VOUCHER_USES,
        VOUCHER_NOT_APPLICABLE: VOUCHER_BUYERS - VOUCHER_USES,
    }
    refusals = [payload["errors"] for payload in payloads if payload["order"] is None]
    assert {(error["field"], error["code"]) for [error] in refusals} == {
        (None, VOUCHER_NOT_APPLICABLE)
    }
    assert_placed_orders_are_the_orders(payloads)
    assert set(Order.objects.values_list("voucher_code", "discount_amount")) == {
        ("EID10", Decimal("50.00"))
    }
    code.refresh_from_db()
    assert code.used == VOUCHER_USES
    assert VoucherCode.objects.get().used == VOUCHER_USES
    assert_nothing_half_written(tokens)


def test_one_checkout_completed_by_eight_requests_at_once_is_one_order():
    # given one ready checkout (a retry, a double click and two tabs, all at once)
    shop = open_shop(reserve_minutes=10)
    variant = create_listed_product(channel=shop.channel, stock=UNITS).variants.get()
    [token] = ready_checkouts(shop, [[variant]])
    # when 8 requests complete it together
    payloads = complete_all([token] * SAME_CHECKOUT_REQUESTS)
    # then one order, and every request answers with it
    order = Order.objects.get()
    assert order.checkout_token == token
    assert [payload["errors"] for payload in payloads] == [[]] * SAME_CHECKOUT_REQUESTS
    assert {payload["order"]["id"] for payload in payloads} == {
        to_global_id("Order", str(order.pk))
    }
    assert_allocated(variant, units=1)
    assert_nothing_half_written([token])
