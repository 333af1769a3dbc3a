"""checkoutDeliveryMethodUpdate: a shipping method or a collection point, per-vendor parcels,
Saleor's refusals, and a choice dropped when the address or the lines change so it no longer
applies."""

from __future__ import annotations

from decimal import Decimal

import pytest
from graphql_relay import to_global_id

from backend.checkout.models import Checkout
from tests.factories import ProductTypeFactory, WarehouseFactory, create_listed_product

from .conftest import (
    DHAKA_ADDRESS,
    ERROR_FIELDS,
    choose_delivery,
    create_checkout,
    line,
    method_id,
    ready_checkout,
    warehouse_id,
)

ADDRESS = f"""
mutation($id: ID, $address: AddressInput!) {{
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {{
    checkout {{
      deliveryMethod {{ __typename ... on ShippingMethod {{ id }} ... on Warehouse {{ id }} }}
      shippingMethods {{ id price {{ amount }} }}
      shippingPrice {{ gross {{ amount }} }}
    }}
    {ERROR_FIELDS}
  }}
}}"""
ADD = f"""
mutation($id: ID, $lines: [CheckoutLineInput!]!) {{
  checkoutLinesAdd(id: $id, lines: $lines) {{
    checkout {{
      deliveryMethod {{ __typename }}
      shippingMethods {{ id price {{ amount }} }}
      shippingPrice {{ gross {{ amount }} }}
    }}
    {ERROR_FIELDS}
  }}
}}"""
DELETE = f"""
mutation($id: ID, $ids: [ID!]!) {{
  checkoutLinesDelete(id: $id, linesIds: $ids) {{
    checkout {{ deliveryMethod {{ __typename }} isShippingRequired }} {ERROR_FIELDS}
  }}
}}"""

pytestmark = pytest.mark.usefixtures("bangladesh")


def _errors(result) -> list[tuple]:
    return [(error["field"], error["code"]) for error in result["errors"]]


def test_shipping_methods_are_offered_cheapest_first_and_one_is_chosen(api_client, shop):
    # given a cart of the Gazipur vendor's goods, shipped to Gazipur
    checkout = ready_checkout(api_client, [line(shop.gazipur_variant, 2)])
    assert [(m["name"], m["price"]["amount"]) for m in checkout["shippingMethods"]] == [
        ("Postal parcel", 50.0),
        ("Courier", 80.0),
    ]
    assert checkout["deliveryMethod"] is None
    # when the customer picks the post
    result = choose_delivery(api_client, checkout, method_id(shop.postal))
    # then it is the delivery method, and shipping (15% VAT inside) joins the total
    assert result["errors"] == []
    chosen = result["checkout"]
    assert chosen["deliveryMethod"] == {
        "__typename": "ShippingMethod",
        "id": method_id(shop.postal),
    }
    assert chosen["shippingPrice"] == {
        "gross": {"amount": 50.0},
        "net": {"amount": 43.48},
        "tax": {"amount": 6.52},
    }
    assert chosen["totalPrice"]["gross"]["amount"] == 280.0
    assert chosen["totalPrice"]["net"]["amount"] == 243.48
    assert chosen["totalPrice"]["tax"]["amount"] == 36.52
    row = Checkout.objects.get()
    assert (row.shipping_method_id, row.shipping_method_name) == (
        str(shop.postal.pk),
        "Postal parcel",
    )


def test_two_vendors_in_two_districts_ship_two_parcels_and_pay_their_sum(api_client, shop):
    # given goods from Gazipur and Rangpur, shipped to Gazipur
    checkout = ready_checkout(api_client, [line(shop.gazipur_variant), line(shop.rangpur_variant)])
    # then only the post can carry both parcels: ৳50 in the district + ৳100 from Rangpur
    assert [(m["name"], m["price"]["amount"]) for m in checkout["shippingMethods"]] == [
        ("Postal parcel", 150.0)
    ]
    # when it is chosen
    chosen = choose_delivery(api_client, checkout, method_id(shop.postal))["checkout"]
    # then each vendor's parcel is shown with its price, and shipping is their sum
    assert chosen["vendorShipping"] == [
        {"vendor": {"slug": shop.gazipur_vendor.slug}, "price": {"amount": 50.0}},
        {"vendor": {"slug": shop.rangpur_vendor.slug}, "price": {"amount": 100.0}},
    ]
    assert chosen["shippingPrice"]["gross"]["amount"] == 150.0
    assert chosen["totalPrice"]["gross"]["amount"] == 115.0 + 57.5 + 150.0


def test_a_collection_point_is_chosen_and_ships_nothing(api_client, shop):
    checkout = ready_checkout(api_client, [line(shop.gazipur_variant)])
    assert checkout["availableCollectionPoints"] == [{"id": warehouse_id(shop.pickup)}]
    result = choose_delivery(api_client, checkout, warehouse_id(shop.pickup))
    assert result["errors"] == []
    chosen = result["checkout"]
    assert chosen["deliveryMethod"] == {"__typename": "Warehouse", "id": warehouse_id(shop.pickup)}
    assert chosen["shippingPrice"]["gross"]["amount"] == 0.0
    assert chosen["totalPrice"]["gross"]["amount"] == 115.0
    assert Checkout.objects.get().collection_point == shop.pickup


def test_choosing_a_method_replaces_the_collection_point_and_null_clears(api_client, shop):
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant)], delivery=warehouse_id(shop.pickup)
    )
    chosen = choose_delivery(api_client, checkout, method_id(shop.courier))["checkout"]
    assert chosen["deliveryMethod"]["id"] == method_id(shop.courier)
    assert Checkout.objects.get().collection_point is None
    cleared = choose_delivery(api_client, checkout, None)
    assert cleared["errors"] == []
    assert cleared["checkout"]["deliveryMethod"] is None
    assert cleared["checkout"]["shippingPrice"]["gross"]["amount"] == 0.0
    assert Checkout.objects.get().shipping_method_id == ""


def test_a_method_that_cannot_carry_every_parcel_is_not_applicable(api_client, shop):
    # given a Rangpur parcel, which the courier (same district only) cannot carry
    checkout = ready_checkout(
        api_client,
        [line(shop.gazipur_variant), line(shop.rangpur_variant)],
        delivery=method_id(shop.postal),
    )
    # when the customer asks for the courier
    result = choose_delivery(api_client, checkout, method_id(shop.courier))
    # then it is refused and the post stays chosen
    assert result["checkout"] is None
    assert _errors(result) == [("deliveryMethodId", "DELIVERY_METHOD_NOT_APPLICABLE")]
    assert Checkout.objects.get().shipping_method_id == str(shop.postal.pk)


def test_an_unknown_method_is_not_applicable(api_client, shop):
    checkout = ready_checkout(api_client, [line(shop.gazipur_variant)])
    result = choose_delivery(api_client, checkout, to_global_id("ShippingMethod", 999999))
    assert _errors(result) == [("deliveryMethodId", "DELIVERY_METHOD_NOT_APPLICABLE")]


def test_a_warehouse_without_click_and_collect_is_not_applicable(api_client, shop):
    checkout = ready_checkout(api_client, [line(shop.gazipur_variant)])
    for warehouse in (shop.gazipur_warehouse, WarehouseFactory()):
        result = choose_delivery(api_client, checkout, warehouse_id(warehouse))
        assert _errors(result) == [("deliveryMethodId", "DELIVERY_METHOD_NOT_APPLICABLE")]
    assert Checkout.objects.get().collection_point is None


def test_a_shipping_method_needs_the_shipping_address(api_client, shop):
    checkout = create_checkout(api_client, [line(shop.gazipur_variant)])["checkout"]
    assert checkout["shippingMethods"] == []
    result = choose_delivery(api_client, checkout, method_id(shop.postal))
    assert _errors(result) == [("deliveryMethodId", "SHIPPING_ADDRESS_NOT_SET")]


def test_a_checkout_that_ships_nothing_takes_no_delivery(api_client, shop):
    service = create_listed_product(
        channel=shop.channel,
        vendor=shop.gazipur_vendor,
        warehouse=shop.gazipur_warehouse,
        price=Decimal("200.00"),
        product_type=ProductTypeFactory(is_shipping_required=False),
    ).variants.get()
    checkout = ready_checkout(api_client, [line(service)])
    assert checkout["isShippingRequired"] is False
    assert checkout["shippingMethods"] == []
    for method in (method_id(shop.postal), warehouse_id(shop.pickup)):
        result = choose_delivery(api_client, checkout, method)
        assert _errors(result) == [("deliveryMethodId", "SHIPPING_NOT_REQUIRED")]


def test_a_malformed_delivery_method_id(api_client, shop):
    checkout = ready_checkout(api_client, [line(shop.gazipur_variant)])
    result = choose_delivery(api_client, checkout, to_global_id("Product", 1))
    assert _errors(result) == [("deliveryMethodId", "GRAPHQL_ERROR")]


def test_a_new_address_the_method_does_not_serve_drops_it(api_client, shop):
    # given the courier chosen for a Gazipur address
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant)], delivery=method_id(shop.courier)
    )
    # when the customer moves the delivery to Dhaka (another district: no courier)
    result = api_client.execute(ADDRESS, {"id": checkout["id"], "address": DHAKA_ADDRESS})[
        "checkoutShippingAddressUpdate"
    ]
    # then the courier is dropped, and the post is offered at the division's price
    assert result["errors"] == []
    assert result["checkout"]["deliveryMethod"] is None
    assert result["checkout"]["shippingPrice"]["gross"]["amount"] == 0.0
    assert result["checkout"]["shippingMethods"] == [
        {"id": method_id(shop.postal), "price": {"amount": 70.0}}
    ]
    assert Checkout.objects.get().shipping_method_id == ""


def test_a_new_address_the_method_still_serves_keeps_it_at_the_new_price(api_client, shop):
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant)], delivery=method_id(shop.postal)
    )
    result = api_client.execute(ADDRESS, {"id": checkout["id"], "address": DHAKA_ADDRESS})[
        "checkoutShippingAddressUpdate"
    ]
    assert result["checkout"]["deliveryMethod"] == {
        "__typename": "ShippingMethod",
        "id": method_id(shop.postal),
    }
    assert result["checkout"]["shippingPrice"]["gross"]["amount"] == 70.0


def test_a_line_the_method_cannot_carry_drops_it(api_client, shop):
    # given the courier chosen for Gazipur goods
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant)], delivery=method_id(shop.courier)
    )
    # when a Rangpur vendor's product joins the cart
    result = api_client.execute(ADD, {"id": checkout["id"], "lines": [line(shop.rangpur_variant)]})[
        "checkoutLinesAdd"
    ]
    # then the courier no longer applies and is dropped
    assert result["errors"] == []
    assert result["checkout"]["deliveryMethod"] is None
    assert result["checkout"]["shippingMethods"] == [
        {"id": method_id(shop.postal), "price": {"amount": 150.0}}
    ]


def test_an_emptied_cart_drops_the_collection_point(api_client, shop):
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant)], delivery=warehouse_id(shop.pickup)
    )
    result = api_client.execute(
        DELETE, {"id": checkout["id"], "ids": [checkout["lines"][0]["id"]]}
    )["checkoutLinesDelete"]
    assert result["errors"] == []
    assert result["checkout"] == {"deliveryMethod": None, "isShippingRequired": False}
    assert Checkout.objects.get().collection_point is None
