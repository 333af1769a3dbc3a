"""A Saleor storefront's cart and checkout page against Haat: its own operations
(tests/storefront_api/storefront_operations) fill a cart from two vendors, give a Bangladeshi
address, choose the post, apply a code and complete the order as cash on delivery."""

from __future__ import annotations

import pytest

from backend.orders.models import Order
from tests.storefront_api.operations import run_operation
from tests.voucher_factories import make_voucher

from .conftest import GAZIPUR_ADDRESS, method_id, variant_id

pytestmark = pytest.mark.usefixtures("bangladesh")


def test_the_storefront_fills_a_cart_and_completes_it_unpaid(api_client, shop):
    make_voucher("EID10", value="10.00", channel=shop.channel)
    # the cart: created empty, then a line from each vendor
    created = run_operation(api_client, "cart", "cartCreate", channel="bd")["checkoutCreate"]
    assert created["errors"] == []
    checkout_id = created["checkout"]["id"]
    for variant in (shop.gazipur_variant, shop.rangpur_variant):
        added = run_operation(
            api_client, "cart", "cartAddLine", id=checkout_id, productVariantId=variant_id(variant)
        )["checkoutLinesAdd"]
        assert added["errors"] == []
    # the checkout page: reads the checkout, then sends contact, addresses, delivery and a code
    page = run_operation(
        api_client, "checkout_page", "checkout", id=checkout_id, languageCode="BN"
    )["checkout"]
    assert page["giftCards"] == []
    # cash (at the centre or on delivery) is on by default: the channel takes unpaid orders
    assert [gateway["id"] for gateway in page["availablePaymentGateways"]] == ["haat.payments.cash"]
    assert len(page["lines"]) == 2
    steps = [
        ("emailUpdate", "checkoutEmailUpdate", {"email": "karim@example.com"}),
        (
            "shippingAddressUpdate",
            "checkoutShippingAddressUpdate",
            {"shippingAddress": GAZIPUR_ADDRESS},
        ),
        (
            "billingAddressUpdate",
            "checkoutBillingAddressUpdate",
            {"billingAddress": GAZIPUR_ADDRESS},
        ),
        (
            "deliveryMethodUpdate",
            "checkoutDeliveryMethodUpdate",
            {"deliveryMethodId": method_id(shop.postal)},
        ),
        ("addPromoCode", "checkoutAddPromoCode", {"promoCode": "EID10"}),
    ]
    for operation, name, variables in steps:
        payload = run_operation(
            api_client,
            "checkout_page",
            operation,
            checkoutId=checkout_id,
            languageCode="BN",
            **variables,
        )[name]
        assert payload["errors"] == [], name
        page = payload["checkout"]
    # what the page shows before the customer places the order
    assert page["deliveryMethod"] == {"id": method_id(shop.postal)}
    assert [method["price"]["amount"] for method in page["shippingMethods"]] == [150.0]
    assert page["shippingMethods"][0]["minimumDeliveryDays"] == 3
    assert page["shippingPrice"]["gross"] == {"currency": "BDT", "amount": 150.0}
    assert page["subtotalPrice"]["gross"]["amount"] == 172.5 - 10.0
    assert page["totalPrice"]["gross"]["amount"] == 312.5
    assert (page["voucherCode"], page["discountName"], page["discount"]["amount"]) == (
        "EID10",
        "EID10",
        10.0,
    )
    assert page["shippingAddress"]["countryArea"] == "Gazipur"
    # completed as cash on delivery
    result = run_operation(api_client, "checkout_page", "complete", checkoutId=checkout_id)[
        "checkoutComplete"
    ]
    assert result["errors"] == []
    order = Order.objects.get()
    assert result["order"]["id"] is not None
    assert order.total_gross_amount == 312.5
    assert order.charge_status == "none"
