"""orderFulfill and orderFulfillmentCancel: stock leaves and returns, a vendor acts on its part."""

from __future__ import annotations

import pytest

from backend.inventory.models import Stock
from backend.orders.models import Fulfillment, FulfillmentStatus, OrderStatus
from plugins.notifications.models import NotificationMessage
from storefront_api.core.ids import to_global_id
from tests.conftest import ApiClient

from .conftest import place

pytestmark = pytest.mark.django_db

FULFILL = """
mutation Fulfill($order: ID!, $input: OrderFulfillInput!) {
  orderFulfill(order: $order, input: $input) {
    order { status vendorOrders { vendor { name } status } lines { quantityFulfilled } }
    fulfillments { fulfillmentOrder status trackingNumber lines { quantity } warehouse { id } }
    errors { field code }
  }
}
"""
CANCEL_FULFILMENT = """
mutation Cancel($id: ID!) {
  orderFulfillmentCancel(id: $id) {
    fulfillment { status } order { status } errors { field code }
  }
}
"""


def gid(order) -> str:
    return to_global_id("Order", str(order.pk))


def fulfil_input(order, variant, quantity, tracking="EB123456785BD"):
    line = order.lines.get(variant=variant)
    stock = Stock.objects.get(product_variant=variant)
    return {
        "lines": [
            {
                "orderLineId": to_global_id("OrderLine", str(line.pk)),
                "stocks": [
                    {
                        "quantity": quantity,
                        "warehouse": to_global_id("Warehouse", stock.warehouse_id),
                    }
                ],
            }
        ],
        "trackingNumber": tracking,
    }


def test_a_vendor_fulfils_its_lines_and_the_stock_leaves(
    shop, entrepreneur, vendor, django_capture_on_commit_callbacks
):
    # given a two-vendor order of 2 units each
    channel, ours, theirs = shop
    order = place(channel, [ours, theirs])
    client = ApiClient(entrepreneur)

    # when our vendor sends 1 unit, then the other
    with django_capture_on_commit_callbacks(execute=True):
        first = client.execute(
            FULFILL, {"order": gid(order), "input": fulfil_input(order, ours, 1)}
        )
    data = first["orderFulfill"]
    assert data["errors"] == []
    assert data["fulfillments"][0]["fulfillmentOrder"] == 1
    assert data["fulfillments"][0]["trackingNumber"] == "EB123456785BD"
    assert data["order"]["status"] == "PARTIALLY_FULFILLED"
    stock = Stock.objects.get(product_variant=ours)
    assert (stock.quantity, stock.quantity_allocated) == (99, 1)
    second = client.execute(FULFILL, {"order": gid(order), "input": fulfil_input(order, ours, 1)})
    # then our part is fulfilled, the order partly (the other vendor's part waits)
    assert second["orderFulfill"]["order"]["vendorOrders"] == [
        {"vendor": {"name": vendor.name}, "status": "FULFILLED"}
    ]
    assert second["orderFulfill"]["order"]["status"] == "PARTIALLY_FULFILLED"
    stock.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated) == (98, 0)
    # and the customer got a Bangla SMS for each parcel, the first one sent after commit
    messages = NotificationMessage.objects.filter(event="order_fulfillment_confirmation")
    first_sms = messages.order_by("pk").first()
    assert messages.count() == 2
    assert first_sms.status == "sent"
    assert first_sms.body.startswith("হাট: অর্ডার #")
    assert "ট্র্যাকিং নম্বর EB123456785BD" in first_sms.body


def test_fulfil_errors(shop, order_manager, other_entrepreneur, customer_user, staff_user):
    channel, ours, theirs = shop
    order = place(channel, [ours, theirs])
    staff = ApiClient(order_manager)

    def errors(payload, client=staff):
        return client.execute(FULFILL, {"order": gid(order), "input": payload})["orderFulfill"][
            "errors"
        ]

    assert errors(fulfil_input(order, ours, 3)) == [
        {"field": "orderLineId", "code": "FULFILL_ORDER_LINE"}
    ]
    assert errors(fulfil_input(order, ours, 0)) == [{"field": "lines", "code": "ZERO_QUANTITY"}]
    bad_warehouse = fulfil_input(order, ours, 1)
    bad_warehouse["lines"][0]["stocks"][0]["warehouse"] = to_global_id("Warehouse", 999999)
    assert errors(bad_warehouse) == [{"field": "warehouse", "code": "NOT_FOUND"}]
    # another vendor may not send our lines; customers and plain staff may not fulfil
    for user in (other_entrepreneur, customer_user, staff_user, None):
        response = ApiClient(user).execute_raw(
            FULFILL, {"order": gid(order), "input": fulfil_input(order, ours, 1)}
        )
        assert response["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    # an unconfirmed order is INVALID
    unconfirmed = place(channel, [ours], confirm=False)
    response = staff.execute(
        FULFILL, {"order": gid(unconfirmed), "input": fulfil_input(unconfirmed, ours, 1)}
    )
    assert response["orderFulfill"]["errors"] == [{"field": "order", "code": "INVALID"}]
    assert not Fulfillment.objects.exists()


def test_fulfilling_everything_completes_the_order_and_cancelling_restocks(shop, order_manager):
    channel, ours, _ = shop
    order = place(channel, [ours])
    staff = ApiClient(order_manager)
    data = staff.execute(FULFILL, {"order": gid(order), "input": fulfil_input(order, ours, 2)})
    assert data["orderFulfill"]["order"]["status"] == "FULFILLED"
    fulfilment = Fulfillment.objects.get(order=order)

    # when the fulfilment is cancelled
    fulfilment_id = to_global_id("Fulfillment", fulfilment.pk)
    cancelled = staff.execute(CANCEL_FULFILMENT, {"id": fulfilment_id})["orderFulfillmentCancel"]

    # then the units are back on the shelf, allocated to the order again
    assert cancelled == {
        "fulfillment": {"status": "CANCELED"},
        "order": {"status": "UNFULFILLED"},
        "errors": [],
    }
    stock = Stock.objects.get(product_variant=ours)
    assert (stock.quantity, stock.quantity_allocated) == (100, 2)
    assert order.lines.get().quantity_fulfilled == 0
    # and a cancelled fulfilment cannot be cancelled again
    again = staff.execute(CANCEL_FULFILMENT, {"id": fulfilment_id})["orderFulfillmentCancel"]
    assert again["errors"] == [{"field": "id", "code": "CANNOT_CANCEL_FULFILLMENT"}]
    assert Fulfillment.objects.get().status == FulfillmentStatus.CANCELED


def test_fulfilment_cancel_refuses_another_vendor(
    shop, order_manager, other_entrepreneur, customer_user
):
    channel, ours, _ = shop
    order = place(channel, [ours])
    ApiClient(order_manager).execute(
        FULFILL, {"order": gid(order), "input": fulfil_input(order, ours, 2)}
    )
    fulfilment_id = to_global_id("Fulfillment", Fulfillment.objects.get().pk)
    for user in (other_entrepreneur, customer_user, None):
        response = ApiClient(user).execute_raw(CANCEL_FULFILMENT, {"id": fulfilment_id})
        assert response["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
