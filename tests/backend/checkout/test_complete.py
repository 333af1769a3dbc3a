"""complete_checkout: one order per checkout, prices frozen, stock allocated, checkout gone."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from backend.checkout.complete import complete_checkout
from backend.checkout.create import create_checkout
from backend.checkout.lines import LineInput
from backend.checkout.models import Checkout
from backend.inventory.models import Stock
from backend.orders.models import Order
from tests.factories import (
    AddressFactory,
    ChannelFactory,
    ProductTypeFactory,
    create_listed_product,
)


@pytest.fixture
def service_variant(db):
    """An assisted service (nothing ships) at ৳115.00, 10 in stock."""
    channel = ChannelFactory()
    product_type = ProductTypeFactory(is_shipping_required=False, is_assisted_service=True)
    product = create_listed_product(
        channel=channel, price=Decimal("115.00"), stock=10, product_type=product_type
    )
    return product.variants.get()


def _ready_checkout(variant, quantity=2) -> Checkout:
    info = create_checkout(
        requestor=None,
        channel_slug="bd",
        lines=[LineInput(variant_id=variant.pk, quantity=quantity)],
        email="karim@example.com",
    )
    checkout = info.checkout
    checkout.billing_address = AddressFactory()
    checkout.save(update_fields=["billing_address"])
    return checkout


def _code(error: ValidationError) -> str:
    return next(iter(error.error_dict.values()))[0].code


def test_completion_places_one_order_with_frozen_prices(service_variant):
    # given a ready checkout for 2 x ৳115.00
    checkout = _ready_checkout(service_variant)
    # when it is completed
    order = complete_checkout(token=checkout.token, requestor=None)
    # then the order carries its prices; stock is allocated; the checkout is gone
    assert order.checkout_token == checkout.token
    assert order.total_gross_amount == Decimal("230.00")
    assert order.total_net_amount == Decimal("200.00")
    line = order.lines.get()
    assert (line.quantity, line.unit_price_gross_amount, line.unit_price_net_amount) == (
        2,
        Decimal("115.00"),
        Decimal("100.00"),
    )
    assert order.user_email == "karim@example.com"
    assert Stock.objects.get(product_variant=service_variant).quantity_allocated == 2
    assert not Checkout.objects.filter(token=checkout.token).exists()


def test_completing_again_returns_the_same_order(service_variant):
    checkout = _ready_checkout(service_variant)
    first = complete_checkout(token=checkout.token, requestor=None)
    second = complete_checkout(token=checkout.token, requestor=None)
    assert second.pk == first.pk
    assert Order.objects.count() == 1
    assert Stock.objects.get(product_variant=service_variant).quantity_allocated == 2


def test_an_incomplete_checkout_is_refused_and_nothing_is_written(service_variant):
    checkout = _ready_checkout(service_variant)
    checkout.billing_address = None
    checkout.save(update_fields=["billing_address"])
    with pytest.raises(ValidationError) as raised:
        complete_checkout(token=checkout.token, requestor=None)
    assert _code(raised.value) == "billing_address_not_set"
    assert Order.objects.count() == 0
    assert Checkout.objects.filter(token=checkout.token).exists()


def test_a_guest_needs_an_email_or_a_phone(service_variant):
    checkout = _ready_checkout(service_variant)
    checkout.email = None
    checkout.save(update_fields=["email"])
    checkout.billing_address.phone = ""  # an address's phone would do
    checkout.billing_address.save()
    with pytest.raises(ValidationError) as raised:
        complete_checkout(token=checkout.token, requestor=None)
    assert _code(raised.value) == "email_not_set"


def test_a_channel_without_unpaid_orders_refuses(service_variant):
    checkout = _ready_checkout(service_variant)
    checkout.channel.allow_unpaid_orders = False
    checkout.channel.save()
    with pytest.raises(ValidationError) as raised:
        complete_checkout(token=checkout.token, requestor=None)
    assert _code(raised.value) == "checkout_not_fully_paid"
    assert Order.objects.count() == 0


def test_stock_gone_since_the_cart_was_filled(service_variant):
    checkout = _ready_checkout(service_variant, quantity=5)
    Stock.objects.filter(product_variant=service_variant).update(quantity=4)
    with pytest.raises(ValidationError) as raised:
        complete_checkout(token=checkout.token, requestor=None)
    assert _code(raised.value) == "insufficient_stock"
    assert Order.objects.count() == 0
    assert Stock.objects.get(product_variant=service_variant).quantity_allocated == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_parallel_completions_place_one_order(service_variant):
    # given a ready checkout, completed by two connections at once
    checkout = _ready_checkout(service_variant)
    barrier = threading.Barrier(2)
    results: list = []

    def complete() -> None:
        try:
            barrier.wait()
            results.append(complete_checkout(token=checkout.token, requestor=None).pk)
        except Exception as error:
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=complete) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then both get the one order
    assert len(set(results)) == 1, results
    assert Order.objects.count() == 1
    assert Stock.objects.get(product_variant=service_variant).quantity_allocated == 2
