"""checkoutCreate: a cart in a channel, priced with VAT split out, with Saleor's errors."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from backend.checkout.models import Checkout
from backend.core.models import SiteSettings
from tests.factories import (
    ChannelFactory,
    ProductVariantFactory,
    VendorFactory,
    create_listed_product,
)

from .conftest import create_checkout, variant_id


def test_create_prices_the_lines_with_vat_split_out(api_client, variant):
    # when an anonymous shopper creates a checkout with 2 of a ৳115.00 variant
    result = create_checkout(api_client, [{"variantId": variant_id(variant), "quantity": 2}])
    # then it is priced: gross 230.00 = net 200.00 + VAT 30.00
    assert result["errors"] == []
    checkout = result["checkout"]
    line = checkout["lines"][0]
    assert line["quantity"] == 2
    assert line["unitPrice"]["gross"]["amount"] == 115.0
    assert line["unitPrice"]["net"]["amount"] == 100.0
    assert line["unitPrice"]["tax"]["amount"] == 15.0
    assert line["totalPrice"] == {
        "gross": {"amount": 230.0},
        "net": {"amount": 200.0},
        "tax": {"amount": 30.0},
    }
    assert checkout["subtotalPrice"] == line["totalPrice"]
    assert checkout["totalPrice"]["gross"]["amount"] == 230.0
    assert checkout["totalPrice"]["currency"] == "BDT"
    assert checkout["shippingPrice"]["gross"]["amount"] == 0.0
    assert checkout["totalBalance"]["amount"] == -230.0
    assert checkout["chargeStatus"] == "NONE"
    assert checkout["authorizeStatus"] == "NONE"
    # cash (at the centre or on delivery) is on by default: the channel takes unpaid orders
    assert checkout["availablePaymentGateways"] == [{"id": "haat.payments.cash"}]
    assert checkout["giftCards"] == []
    assert (checkout["voucherCode"], checkout["discount"]) == (None, {"amount": 0.0})
    assert checkout["quantity"] == 2
    assert checkout["isShippingRequired"] is True
    assert checkout["user"] is None
    assert checkout["problems"] == []
    assert Checkout.objects.get().lines.get().quantity == 2


def test_a_signed_in_customer_owns_the_new_checkout(api_client, customer_user, variant):
    customer_user.email = "karim@example.com"
    customer_user.save()
    result = create_checkout(
        api_client.as_user(customer_user), [{"variantId": variant_id(variant), "quantity": 1}]
    )
    assert result["errors"] == []
    assert result["checkout"]["user"] is not None
    assert result["checkout"]["email"] == "karim@example.com"
    assert Checkout.objects.get().user == customer_user


def test_create_with_email_language_and_no_lines(api_client, variant):
    result = create_checkout(api_client, [], email="Rahim@Example.com", languageCode="EN")
    assert result["errors"] == []
    assert result["checkout"]["email"] == "rahim@example.com"
    assert result["checkout"]["languageCode"] == "EN"
    assert result["checkout"]["lines"] == []


def _single_error(result) -> dict:
    assert result["checkout"] is None
    assert len(result["errors"]) == 1, result["errors"]
    assert Checkout.objects.count() == 0
    return result["errors"][0]


def test_unknown_channel_is_not_found(api_client, variant):
    payload = {"channel": "nowhere", "lines": [{"variantId": variant_id(variant), "quantity": 1}]}
    result = api_client.execute(
        "mutation($input: CheckoutCreateInput!) { checkoutCreate(input: $input) "
        "{ checkout { id } errors { field code } } }",
        {"input": payload},
    )["checkoutCreate"]
    assert result["errors"] == [{"field": "channel", "code": "NOT_FOUND"}]


def test_inactive_channel(api_client, channel, variant):
    channel.is_active = False
    channel.save()
    error = _single_error(create_checkout(api_client, []))
    assert (error["field"], error["code"]) == ("channel", "CHANNEL_INACTIVE")


def test_channel_slug_is_required_when_there_are_several(api_client, variant):
    ChannelFactory(slug="other")
    result = api_client.execute(
        "mutation { checkoutCreate(input: {lines: []}) { checkout { id } errors { field code } } }"
    )["checkoutCreate"]
    assert result["errors"] == [{"field": "channel", "code": "MISSING_CHANNEL_SLUG"}]


def test_the_only_channel_is_the_default(api_client, variant):
    result = api_client.execute(
        "mutation { checkoutCreate(input: {lines: []}) { checkout { channel { slug } } "
        "errors { code } } }"
    )["checkoutCreate"]
    assert result == {"checkout": {"channel": {"slug": "bd"}}, "errors": []}


def test_variant_not_sold_in_the_channel(api_client, channel, variant):
    unlisted = ProductVariantFactory(product=variant.product)
    error = _single_error(
        create_checkout(api_client, [{"variantId": variant_id(unlisted), "quantity": 1}])
    )
    assert error["code"] == "UNAVAILABLE_VARIANT_IN_CHANNEL"
    assert error["field"] == "lines"
    assert error["variants"] == [variant_id(unlisted)]


def test_unpublished_product(api_client, product, variant):
    product.channel_listings.update(is_published=False)
    error = _single_error(
        create_checkout(api_client, [{"variantId": variant_id(variant), "quantity": 1}])
    )
    assert (error["field"], error["code"]) == ("lines", "PRODUCT_NOT_PUBLISHED")
    assert error["variants"] == [variant_id(variant)]


def test_product_of_a_suspended_vendor_is_not_published(api_client, product, variant):
    product.vendor.status = "suspended"
    product.vendor.save()
    error = _single_error(
        create_checkout(api_client, [{"variantId": variant_id(variant), "quantity": 1}])
    )
    assert error["code"] == "PRODUCT_NOT_PUBLISHED"


def test_product_not_yet_for_sale(api_client, product, variant):
    product.channel_listings.update(
        available_for_purchase_at=timezone.now() + timezone.timedelta(days=1)
    )
    error = _single_error(
        create_checkout(api_client, [{"variantId": variant_id(variant), "quantity": 1}])
    )
    assert (error["field"], error["code"]) == ("lines", "PRODUCT_UNAVAILABLE_FOR_PURCHASE")


def test_more_than_in_stock(api_client, variant):
    error = _single_error(
        create_checkout(api_client, [{"variantId": variant_id(variant), "quantity": 11}])
    )
    assert (error["field"], error["code"]) == ("quantity", "INSUFFICIENT_STOCK")
    assert error["variants"] == [variant_id(variant)]


def test_more_than_the_shop_allows_per_checkout(api_client, variant):
    SiteSettings.objects.update_or_create(pk=1, defaults={"limit_quantity_per_checkout": 3})
    error = _single_error(
        create_checkout(api_client, [{"variantId": variant_id(variant), "quantity": 4}])
    )
    assert (error["field"], error["code"]) == ("quantity", "QUANTITY_GREATER_THAN_LIMIT")


def test_more_than_the_variant_allows_per_customer(api_client, variant):
    variant.quantity_limit_per_customer = 1
    variant.save()
    error = _single_error(
        create_checkout(api_client, [{"variantId": variant_id(variant), "quantity": 2}])
    )
    assert (error["field"], error["code"]) == ("quantity", "QUANTITY_GREATER_THAN_LIMIT")


@pytest.mark.parametrize("quantity", [0, -1])
def test_zero_or_negative_quantity(api_client, variant, quantity):
    error = _single_error(
        create_checkout(api_client, [{"variantId": variant_id(variant), "quantity": quantity}])
    )
    assert (error["field"], error["code"]) == ("quantity", "ZERO_QUANTITY")


def test_malformed_variant_id(api_client, variant):
    error = _single_error(
        create_checkout(api_client, [{"variantId": to_global_id("Product", 1), "quantity": 1}])
    )
    assert (error["field"], error["code"]) == ("variantId", "GRAPHQL_ERROR")


def test_missing_variant_is_not_found(api_client, variant):
    error = _single_error(
        create_checkout(
            api_client, [{"variantId": to_global_id("ProductVariant", 999999), "quantity": 1}]
        )
    )
    assert (error["field"], error["code"]) == ("variantId", "NOT_FOUND")


def test_invalid_email(api_client, variant):
    error = _single_error(create_checkout(api_client, [], email="not-an-email"))
    assert (error["field"], error["code"]) == ("email", "INVALID")


def test_address_errors_name_the_field_and_the_address(api_client, variant):
    # when the shipping address lacks its required fields
    result = create_checkout(
        api_client, [], shippingAddress={"firstName": "Rahim", "country": "BD"}
    )
    # then each is REQUIRED, on the shipping address; nothing is written
    assert result["checkout"] is None
    assert sorted((e["field"], e["code"], e["addressType"]) for e in result["errors"]) == [
        ("city", "REQUIRED", "SHIPPING"),
        ("countryArea", "REQUIRED", "SHIPPING"),
        ("postalCode", "REQUIRED", "SHIPPING"),
        ("streetAddress1", "REQUIRED", "SHIPPING"),
    ]
    assert Checkout.objects.count() == 0


def test_billing_address_errors_say_billing(api_client, variant):
    result = create_checkout(api_client, [], billingAddress={"country": "BD"})
    assert {error["addressType"] for error in result["errors"]} == {"BILLING"}


def test_custom_price_is_refused(api_client, variant):
    error = _single_error(
        create_checkout(
            api_client, [{"variantId": variant_id(variant), "quantity": 1, "price": "1.00"}]
        )
    )
    assert (error["field"], error["code"]) == ("price", "INVALID")


def test_two_vendors_are_two_parts(api_client, channel, variant):
    other = create_listed_product(
        channel=channel, vendor=VendorFactory(), price=Decimal("57.50")
    ).variants.get()
    result = create_checkout(
        api_client,
        [
            {"variantId": variant_id(variant), "quantity": 1},
            {"variantId": variant_id(other), "quantity": 1},
        ],
    )
    assert result["errors"] == []
    parts = result["checkout"]["vendorShipping"]
    assert len(parts) == 2
    assert [part["price"]["amount"] for part in parts] == [0.0, 0.0]  # no delivery chosen yet
    net = result["checkout"]["subtotalPrice"]["net"]["amount"]
    assert net == 150.0  # 100.00 + 50.00, each exact
