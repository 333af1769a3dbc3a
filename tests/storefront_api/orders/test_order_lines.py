"""orderLinesCreate, orderLineUpdate, orderLineDelete on unconfirmed orders: totals follow,
stock allocations follow."""

from __future__ import annotations

import pytest

from backend.inventory.models import Stock
from storefront_api.core.ids import to_global_id
from tests.conftest import ApiClient
from tests.factories import ProductVariantFactory

from .conftest import place

pytestmark = pytest.mark.django_db

CREATE = """
mutation Add($id: ID!, $input: [OrderLineCreateInput!]!) {
  orderLinesCreate(id: $id, input: $input) {
    order { subtotal { gross { amount } net { amount } } total { gross { amount } }
            vendorOrders { subtotal { gross { amount } } } }
    orderLines { quantity productName }
    errors { field code }
  }
}
"""
UPDATE = """
mutation Update($id: ID!, $quantity: Int!) {
  orderLineUpdate(id: $id, input: {quantity: $quantity}) {
    order { total { gross { amount } } }
    orderLine { quantity totalPrice { gross { amount } net { amount } } }
    errors { field code }
  }
}
"""
DELETE = """
mutation Delete($id: ID!) {
  orderLineDelete(id: $id) {
    order { lines { id } vendorOrders { id } total { gross { amount } } }
    errors { field code }
  }
}
"""


def gid(order) -> str:
    return to_global_id("Order", str(order.pk))


def line_gid(line) -> str:
    return to_global_id("OrderLine", str(line.pk))


def variant_gid(variant) -> str:
    return to_global_id("ProductVariant", variant.pk)


def test_lines_added_to_an_unconfirmed_order_are_priced_and_allocated(shop, order_manager):
    # given an unconfirmed order of 2 of our variant (230 + 60 shipping)
    channel, ours, theirs = shop
    order = place(channel, [ours], confirm=False)
    # when staff add 1 more of ours and 3 of theirs
    data = ApiClient(order_manager).execute(
        CREATE,
        {
            "id": gid(order),
            "input": [
                {"variantId": variant_gid(ours), "quantity": 1},
                {"variantId": variant_gid(theirs), "quantity": 3},
            ],
        },
    )["orderLinesCreate"]
    # then the totals follow the channel's VAT-inclusive prices (115 each), the other vendor
    # gets a part, and the stock is held
    assert data["errors"] == []
    assert data["order"]["subtotal"]["gross"]["amount"] == 690.0
    assert data["order"]["subtotal"]["net"]["amount"] == 600.0
    assert data["order"]["total"]["gross"]["amount"] == 750.0
    assert sorted(
        part["subtotal"]["gross"]["amount"] for part in data["order"]["vendorOrders"]
    ) == [
        345.0,
        345.0,
    ]
    assert sorted(line["quantity"] for line in data["orderLines"]) == [3, 3]
    assert Stock.objects.get(product_variant=theirs).quantity_allocated == 3
    assert Stock.objects.get(product_variant=ours).quantity_allocated == 3


def test_lines_create_errors_and_refusals(shop, order_manager, staff_user, entrepreneur):
    channel, ours, _ = shop
    unconfirmed = place(channel, [ours], confirm=False)
    confirmed = place(channel, [ours])
    staff = ApiClient(order_manager)

    def errors(order, variant_id, quantity):
        variables = {"id": gid(order), "input": [{"variantId": variant_id, "quantity": quantity}]}
        return staff.execute(CREATE, variables)["orderLinesCreate"]["errors"]

    assert errors(confirmed, variant_gid(ours), 1) == [{"field": "id", "code": "NOT_EDITABLE"}]
    assert errors(unconfirmed, variant_gid(ours), 0) == [
        {"field": "quantity", "code": "ZERO_QUANTITY"}
    ]
    unlisted = ProductVariantFactory()
    assert errors(unconfirmed, variant_gid(unlisted), 1) == [
        {"field": "variantId", "code": "NOT_AVAILABLE_IN_CHANNEL"}
    ]
    assert errors(unconfirmed, variant_gid(ours), 500) == [
        {"field": "quantity", "code": "INSUFFICIENT_STOCK"}
    ]
    for user in (None, staff_user, entrepreneur):
        response = ApiClient(user).execute_raw(
            CREATE,
            {"id": gid(unconfirmed), "input": [{"variantId": variant_gid(ours), "quantity": 1}]},
        )
        assert response["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert unconfirmed.lines.get().quantity == 2


def test_line_update_and_delete(shop, order_manager):
    channel, ours, theirs = shop
    order = place(channel, [ours, theirs], confirm=False)
    staff = ApiClient(order_manager)
    line = order.lines.get(variant=ours)
    # when a line's quantity changes to 5
    data = staff.execute(UPDATE, {"id": line_gid(line), "quantity": 5})["orderLineUpdate"]
    # then its total and the order's follow, and 5 units are held
    assert data["orderLine"] == {
        "quantity": 5,
        "totalPrice": {"gross": {"amount": 575.0}, "net": {"amount": 500.0}},
    }
    assert data["order"]["total"]["gross"]["amount"] == 575.0 + 230.0 + 120.0
    assert Stock.objects.get(product_variant=ours).quantity_allocated == 5
    # when the other vendor's line is deleted, its part goes too, and its stock is freed
    other = order.lines.get(variant=theirs)
    deleted = staff.execute(DELETE, {"id": line_gid(other)})["orderLineDelete"]
    assert deleted["errors"] == []
    assert len(deleted["order"]["lines"]) == 1 and len(deleted["order"]["vendorOrders"]) == 1
    assert deleted["order"]["total"]["gross"]["amount"] == 575.0 + 60.0
    assert Stock.objects.get(product_variant=theirs).quantity_allocated == 0
    # and a negative quantity is INVALID_QUANTITY, an unknown line NOT_FOUND
    bad = staff.execute(UPDATE, {"id": line_gid(line), "quantity": -1})["orderLineUpdate"]
    assert bad["errors"] == [{"field": "quantity", "code": "INVALID_QUANTITY"}]
    gone = staff.execute(DELETE, {"id": line_gid(other)})["orderLineDelete"]
    assert gone["errors"] == [{"field": "id", "code": "NOT_FOUND"}]


def test_line_update_is_refused_on_confirmed_orders_and_to_non_staff(
    shop, order_manager, customer_user
):
    channel, ours, _ = shop
    order = place(channel, [ours], user=customer_user)
    line = order.lines.get()
    data = ApiClient(order_manager).execute(UPDATE, {"id": line_gid(line), "quantity": 1})
    assert data["orderLineUpdate"]["errors"] == [{"field": "id", "code": "NOT_EDITABLE"}]
    for user in (None, customer_user):
        response = ApiClient(user).execute_raw(UPDATE, {"id": line_gid(line), "quantity": 1})
        assert response["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
        response = ApiClient(user).execute_raw(DELETE, {"id": line_gid(line)})
        assert response["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert order.lines.get().quantity == 2
