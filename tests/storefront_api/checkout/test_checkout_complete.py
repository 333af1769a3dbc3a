"""checkoutComplete over the API: the order in the payload, once; refusals with Saleor's codes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.checkout.models import Checkout
from backend.orders.models import Order
from tests.factories import AddressFactory, ProductTypeFactory, create_listed_product

from .conftest import ERROR_FIELDS, create_checkout, variant_id

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
