"""draftOrderCreate, draftOrderUpdate, draftOrderDelete, draftOrderComplete (staff)."""

from __future__ import annotations

import pytest

from backend.inventory.models import Stock
from backend.orders.models import Order, OrderEvents, OrderStatus
from backend.places.loading import load_places
from plugins.notifications.models import NotificationMessage
from storefront_api.core.ids import to_global_id
from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db

CREATE = """
mutation Create($input: DraftOrderCreateInput!) {
  draftOrderCreate(input: $input) {
    order { id number status total { gross { amount } net { amount } } lines { quantity }
            canFinalize vendorOrders { id } }
    errors { field code addressType }
  }
}
"""
UPDATE = """
mutation Update($id: ID!, $input: DraftOrderInput!) {
  draftOrderUpdate(id: $id, input: $input) {
    order { userEmail customerNote shippingAddress { city postalCode } canFinalize }
    errors { field code addressType }
  }
}
"""
DELETE = """
mutation Delete($id: ID!) { draftOrderDelete(id: $id) { order { id } errors { field code } } }
"""
COMPLETE = """
mutation Complete($id: ID!) {
  draftOrderComplete(id: $id) { order { status origin chargeStatus } errors { field code } }
}
"""
ADDRESS = {
    "firstName": "Karim",
    "streetAddress1": "House 5, Road 2",
    "countryArea": "gazipur",
    "city": "Kaliakair",
    "cityArea": "Mouchak",
    "postalCode": "১৭৫০",
    "phone": "01712345678",
}


def channel_gid(channel) -> str:
    return to_global_id("Channel", channel.pk)


def create(client, channel, variant, quantity=2, **fields):
    lines = [{"variantId": to_global_id("ProductVariant", variant.pk), "quantity": quantity}]
    variables = {"input": {"channelId": channel_gid(channel), "lines": lines, **fields}}
    return client.execute(CREATE, variables)["draftOrderCreate"]


def test_a_draft_is_priced_from_the_channel_completed_and_allocated(
    shop, order_manager, django_capture_on_commit_callbacks
):
    # given a draft of 2 units at 115 (VAT 15 % inside)
    load_places()
    channel, ours, _ = shop
    staff = ApiClient(order_manager)
    data = create(staff, channel, ours, userEmail="karim@example.com")
    assert data["errors"] == []
    draft = data["order"]
    assert (draft["status"], draft["total"]["gross"]["amount"]) == ("DRAFT", 230.0)
    assert draft["total"]["net"]["amount"] == 200.0
    assert draft["canFinalize"] is True
    assert Stock.objects.get(product_variant=ours).quantity_allocated == 0

    # when it gets a shipping address, then completing it allocates and tells the customer
    updated = staff.execute(UPDATE, {"id": draft["id"], "input": {"shippingAddress": ADDRESS}})
    assert updated["draftOrderUpdate"]["errors"] == []
    assert updated["draftOrderUpdate"]["order"]["shippingAddress"]["postalCode"] == "1750"
    with django_capture_on_commit_callbacks(execute=True):
        completed = staff.execute(COMPLETE, {"id": draft["id"]})["draftOrderComplete"]
    assert completed == {
        "order": {"status": "UNFULFILLED", "origin": "DRAFT", "chargeStatus": "NONE"},
        "errors": [],
    }
    assert Stock.objects.get(product_variant=ours).quantity_allocated == 2
    order = Order.objects.get()
    assert order.customer_phone == "+8801712345678"
    assert list(order.events.values_list("type", flat=True))[:3] == [
        OrderEvents.DRAFT_CREATED,
        OrderEvents.PLACED_FROM_DRAFT,
        OrderEvents.CONFIRMED,
    ]
    assert (
        NotificationMessage.objects.filter(event="order_confirmation").count() == 2
    )  # SMS, e-mail
    # and a completed draft can be neither completed nor deleted again
    again = staff.execute(COMPLETE, {"id": draft["id"]})["draftOrderComplete"]
    assert again["errors"] == [{"field": "id", "code": "NOT_EDITABLE"}]
    deleted = staff.execute(DELETE, {"id": draft["id"]})["draftOrderDelete"]
    assert deleted["errors"] == [{"field": "id", "code": "CANNOT_DELETE"}]


def test_draft_errors(shop, order_manager):
    load_places()
    channel, ours, _ = shop
    staff = ApiClient(order_manager)
    # no channel
    missing = staff.execute(CREATE, {"input": {}})["draftOrderCreate"]
    assert missing["errors"] == [{"field": "channelId", "code": "REQUIRED", "addressType": None}]
    # a bad address names its field and which address
    bad = create(staff, channel, ours, shippingAddress={**ADDRESS, "postalCode": "9999"})
    assert bad["errors"] == [{"field": "postalCode", "code": "INVALID", "addressType": "SHIPPING"}]
    # completing without a shipping address, or beyond the stock
    draft = create(staff, channel, ours, quantity=500, userEmail="a@example.com")["order"]
    no_address = staff.execute(COMPLETE, {"id": draft["id"]})["draftOrderComplete"]
    assert no_address["errors"] == [
        {"field": "shippingAddress", "code": "ORDER_NO_SHIPPING_ADDRESS"}
    ]
    staff.execute(UPDATE, {"id": draft["id"], "input": {"shippingAddress": ADDRESS}})
    short = staff.execute(COMPLETE, {"id": draft["id"]})["draftOrderComplete"]
    assert short["errors"] == [{"field": "lines", "code": "INSUFFICIENT_STOCK"}]
    assert Order.objects.get().status == OrderStatus.DRAFT
    # an empty draft cannot be completed; it can be deleted
    empty = staff.execute(
        CREATE, {"input": {"channelId": channel_gid(channel), "userEmail": "b@example.com"}}
    )["draftOrderCreate"]["order"]
    no_lines = staff.execute(COMPLETE, {"id": empty["id"]})["draftOrderComplete"]
    assert no_lines["errors"] == [{"field": "lines", "code": "REQUIRED"}]
    assert staff.execute(DELETE, {"id": empty["id"]})["draftOrderDelete"]["errors"] == []
    assert Order.objects.count() == 1


def test_drafts_are_for_manage_orders_staff(
    shop, staff_user, customer_user, entrepreneur, order_manager
):
    channel, ours, _ = shop
    draft = create(ApiClient(order_manager), channel, ours)["order"]
    for user in (None, staff_user, customer_user, entrepreneur):
        client = ApiClient(user)
        lines = [{"variantId": to_global_id("ProductVariant", ours.pk), "quantity": 1}]
        variables = {"input": {"channelId": channel_gid(channel), "lines": lines}}
        for query, args in (
            (CREATE, variables),
            (UPDATE, {"id": draft["id"], "input": {"customerNote": "x"}}),
            (DELETE, {"id": draft["id"]}),
            (COMPLETE, {"id": draft["id"]}),
        ):
            response = client.execute_raw(query, args)
            assert response["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert Order.objects.get().status == OrderStatus.DRAFT
