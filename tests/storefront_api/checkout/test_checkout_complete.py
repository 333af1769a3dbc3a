"""checkoutComplete over the API: the order in the payload, once; refusals with Saleor's codes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.checkout.models import Checkout
from backend.discounts.models import VoucherCustomer
from backend.inventory.models import Stock
from backend.orders.models import Order, VendorOrder
from backend.shipping.models import ShippingRate
from tests.factories import AddressFactory, ProductTypeFactory, create_listed_product
from tests.voucher_factories import make_voucher

from .conftest import (
    ERROR_FIELDS,
    GAZIPUR_ADDRESS,
    create_checkout,
    line,
    method_id,
    ready_checkout,
    variant_id,
    warehouse_id,
)

COMPLETE = f"""
mutation($id: ID) {{
  checkoutComplete(id: $id) {{
    order {{ id number total {{ gross {{ amount }} net {{ amount }} }} }}
    confirmationNeeded confirmationData {ERROR_FIELDS}
  }}
}}"""


@pytest.fixture
def service_variant(channel):
    product_type = ProductTypeFactory(is_shipping_required=False)
    return create_listed_product(
        channel=channel, price=Decimal("115.00"), product_type=product_type
    ).variants.get()


def _ready(client, variant) -> dict:
    checkout = create_checkout(
        client, [{"variantId": variant_id(variant), "quantity": 2}], email="karim@example.com"
    )["checkout"]
    row = Checkout.objects.get()
    row.billing_address = AddressFactory()
    row.save(update_fields=["billing_address"])
    return checkout


pytestmark = pytest.mark.usefixtures("bangladesh")

ADD_PROMO = """
mutation($id: ID, $code: String!) {
  checkoutAddPromoCode(id: $id, promoCode: $code) { errors { field code } }
}"""


def test_complete_returns_the_order_and_again_the_same_one(api_client, service_variant):
    checkout = _ready(api_client, service_variant)
    first = api_client.execute(COMPLETE, {"id": checkout["id"]})["checkoutComplete"]
    assert first["errors"] == []
    assert first["confirmationNeeded"] is False
    assert first["confirmationData"] is None
    assert first["order"]["total"] == {"gross": {"amount": 230.0}, "net": {"amount": 200.0}}
    second = api_client.execute(COMPLETE, {"id": checkout["id"]})["checkoutComplete"]
    assert second["order"]["id"] == first["order"]["id"]
    assert Order.objects.count() == 1


def test_a_physical_checkout_needs_a_shipping_address(api_client, variant):
    checkout = _ready(api_client, variant)
    result = api_client.execute(COMPLETE, {"id": checkout["id"]})["checkoutComplete"]
    assert result["order"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("shippingAddress", "SHIPPING_ADDRESS_NOT_SET")
    ]
    assert Order.objects.count() == 0


def test_an_empty_checkout(api_client, service_variant):
    checkout = create_checkout(api_client, [], email="karim@example.com")["checkout"]
    result = api_client.execute(COMPLETE, {"id": checkout["id"]})["checkoutComplete"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("lines", "NO_LINES")]


def test_someone_elses_checkout_is_not_found(api_client, customer_user, service_variant):
    checkout = _ready(api_client.as_user(customer_user), service_variant)
    result = api_client.execute(COMPLETE, {"id": checkout["id"]})["checkoutComplete"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("id", "NOT_FOUND")]
    assert Order.objects.count() == 0


# --- with delivery, vouchers and the channel's rules (real places) ----------------------------

ORDER_FIELDS = """
    id number status chargeStatus userEmail voucherCode
    deliveryMethod { __typename ... on ShippingMethod { id } ... on Warehouse { id } }
    shippingPrice { gross { amount } net { amount } tax { amount } }
    subtotal { gross { amount } }
    total { gross { amount } net { amount } tax { amount } }
    discounts { total { amount } }
    lines { quantity variant { id } totalPrice { gross { amount } } }
"""
# The storefront's `complete`, with the order fields its confirmation page reads.
COMPLETE_ORDER = f"""
mutation($checkoutId: ID!) {{
  checkoutComplete(id: $checkoutId) {{
    errors {{ field code message variants }}
    order {{ {ORDER_FIELDS} }}
  }}
}}"""


def complete(client, checkout: dict) -> dict:
    return client.execute(COMPLETE_ORDER, {"checkoutId": checkout["id"]})["checkoutComplete"]


def _refused(result, *expected: tuple) -> None:
    """The completion was refused with exactly `expected` (field, code) and wrote nothing."""
    assert result["order"] is None
    assert [(error["field"], error["code"]) for error in result["errors"]] == list(expected)
    assert Order.objects.count() == 0
    assert Checkout.objects.count() == 1


def test_two_vendors_by_post_make_one_order_with_each_vendors_parcel(api_client, shop):
    # given a cart from Gazipur and Rangpur, shipped by post to Gazipur (৳50 + ৳100)
    checkout = ready_checkout(
        api_client,
        [line(shop.gazipur_variant, 2), line(shop.rangpur_variant)],
        delivery=method_id(shop.postal),
    )
    # when it is completed
    result = complete(api_client, checkout)
    # then one unpaid order ships both parcels and pays their sum
    assert result["errors"] == []
    order = result["order"]
    assert (order["status"], order["chargeStatus"]) == ("UNFULFILLED", "NONE")
    assert order["deliveryMethod"] == {
        "__typename": "ShippingMethod",
        "id": method_id(shop.postal),
    }
    # each parcel's VAT is exact (43.48 + 6.52, 86.96 + 13.04) and the order's is their sum
    assert order["shippingPrice"] == {
        "gross": {"amount": 150.0},
        "net": {"amount": 130.44},
        "tax": {"amount": 19.56},
    }
    assert order["subtotal"]["gross"]["amount"] == 287.5
    assert order["total"]["gross"]["amount"] == 437.5
    assert order["userEmail"] == "karim@example.com"
    parts = {
        part.vendor_id: part.shipping_price_gross_amount
        for part in VendorOrder.objects.filter(order__pk=Order.objects.get().pk)
    }
    assert parts == {
        shop.gazipur_vendor.pk: Decimal("50.00"),
        shop.rangpur_vendor.pk: Decimal("100.00"),
    }
    assert Checkout.objects.count() == 0
    assert Stock.objects.get(product_variant=shop.gazipur_variant).quantity_allocated == 2


def test_a_collection_point_order_belongs_to_its_centre(api_client, shop):
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant)], delivery=warehouse_id(shop.pickup)
    )
    result = complete(api_client, checkout)
    assert result["errors"] == []
    assert result["order"]["deliveryMethod"] == {
        "__typename": "Warehouse",
        "id": warehouse_id(shop.pickup),
    }
    assert result["order"]["shippingPrice"]["gross"]["amount"] == 0.0
    order = Order.objects.get()
    assert order.collection_point == shop.pickup
    assert order.centre == shop.pickup.centre


def test_a_voucher_is_claimed_and_discounts_the_order(api_client, shop):
    code = make_voucher("TAKA50", value="50.00", channel=shop.channel, apply_once_per_customer=True)
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant, 2)], delivery=method_id(shop.postal)
    )
    api_client.execute(ADD_PROMO, {"id": checkout["id"], "code": "TAKA50"})
    result = complete(api_client, checkout)
    assert result["errors"] == []
    order = result["order"]
    assert order["voucherCode"] == "TAKA50"
    assert order["discounts"] == [{"total": {"amount": 50.0}}]
    assert order["total"]["gross"]["amount"] == 230.0 - 50.0 + 50.0
    code.refresh_from_db()
    assert code.used == 1
    assert VoucherCustomer.objects.filter(
        voucher_code=code, customer_key="karim@example.com"
    ).exists()
    # and the same customer cannot use it again
    again = ready_checkout(api_client, [line(shop.gazipur_variant)])
    refused = api_client.execute(ADD_PROMO, {"id": again["id"], "code": "TAKA50"})
    assert refused["checkoutAddPromoCode"]["errors"][0]["code"] == "VOUCHER_NOT_APPLICABLE"


def test_a_voucher_that_no_longer_applies_refuses_completion(api_client, shop):
    # given a code for orders over ৳200 on a ৳230 cart, then one unit removed
    make_voucher("BIG", value="20.00", min_spent="200.00", channel=shop.channel)
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant, 2)], delivery=method_id(shop.postal)
    )
    api_client.execute(ADD_PROMO, {"id": checkout["id"], "code": "BIG"})
    Checkout.objects.get().lines.update(quantity=1)
    # when it is completed, then Saleor's refusal
    _refused(complete(api_client, checkout), ("voucherCode", "VOUCHER_NOT_APPLICABLE"))


def test_a_channel_without_unpaid_orders_needs_payment(api_client, shop):
    shop.channel.allow_unpaid_orders = False
    shop.channel.save()
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant)], delivery=method_id(shop.postal)
    )
    _refused(complete(api_client, checkout), ("id", "CHECKOUT_NOT_FULLY_PAID"))


def test_unpaid_orders_are_placed_when_the_channel_allows_them(api_client, shop):
    assert shop.channel.allow_unpaid_orders is True
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant)], delivery=method_id(shop.postal)
    )
    assert complete(api_client, checkout)["order"]["chargeStatus"] == "NONE"


def test_without_email_or_phone(api_client, shop):
    no_phone = {**GAZIPUR_ADDRESS, "phone": ""}
    checkout = ready_checkout(
        api_client,
        [line(shop.gazipur_variant)],
        delivery=method_id(shop.postal),
        email=None,
        shippingAddress=no_phone,
        billingAddress=no_phone,
    )
    _refused(complete(api_client, checkout), ("email", "EMAIL_NOT_SET"))


def test_a_phone_is_contact_enough(api_client, shop):
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant)], delivery=method_id(shop.postal), email=None
    )
    result = complete(api_client, checkout)
    assert result["errors"] == []
    assert Order.objects.get().customer_phone == "+8801712345678"


def test_without_a_shipping_address(api_client, shop):
    checkout = create_checkout(
        api_client,
        [line(shop.gazipur_variant)],
        email="karim@example.com",
        billingAddress=GAZIPUR_ADDRESS,
    )["checkout"]
    _refused(complete(api_client, checkout), ("shippingAddress", "SHIPPING_ADDRESS_NOT_SET"))


def test_without_a_shipping_method(api_client, shop):
    checkout = ready_checkout(api_client, [line(shop.gazipur_variant)])
    _refused(complete(api_client, checkout), ("shippingMethod", "SHIPPING_METHOD_NOT_SET"))


def test_a_method_withdrawn_since_it_was_chosen(api_client, shop):
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant)], delivery=method_id(shop.courier)
    )
    ShippingRate.objects.filter(shipping_method=shop.courier).delete()
    _refused(complete(api_client, checkout), ("shippingMethod", "INVALID_SHIPPING_METHOD"))


def test_without_a_billing_address(api_client, shop):
    checkout = ready_checkout(
        api_client,
        [line(shop.gazipur_variant)],
        delivery=method_id(shop.postal),
        billingAddress=None,
    )
    _refused(complete(api_client, checkout), ("billingAddress", "BILLING_ADDRESS_NOT_SET"))


def test_stock_sold_since_names_the_variants(api_client, shop):
    checkout = ready_checkout(
        api_client,
        [line(shop.gazipur_variant, 3), line(shop.rangpur_variant)],
        delivery=method_id(shop.postal),
    )
    Stock.objects.filter(product_variant=shop.gazipur_variant).update(quantity=2)
    result = complete(api_client, checkout)
    _refused(result, (None, "INSUFFICIENT_STOCK"))
    assert result["errors"][0]["variants"] == [variant_id(shop.gazipur_variant)]
    assert Stock.objects.get(product_variant=shop.rangpur_variant).quantity_allocated == 0


def test_a_product_unpublished_since(api_client, shop):
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant)], delivery=method_id(shop.postal)
    )
    shop.gazipur_variant.product.channel_listings.update(is_published=False)
    result = complete(api_client, checkout)
    _refused(result, ("lines", "PRODUCT_NOT_PUBLISHED"))
    assert result["errors"][0]["variants"] == [variant_id(shop.gazipur_variant)]
