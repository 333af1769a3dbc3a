"""order(id), orders, draftOrders and me.orders: who reads what, and N+1-free lists."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from storefront_api.core.ids import to_global_id
from tests.conftest import ApiClient
from tests.factories import UserFactory, create_listed_product

from .conftest import place

pytestmark = pytest.mark.django_db

ORDER = """
query Order($id: ID!) {
  order(id: $id) {
    id number status chargeStatus isPaid paymentStatus userEmail
    total { gross { amount currency } net { amount } tax { amount } }
    subtotal { gross { amount } }
    shippingPrice { gross { amount } }
    totalBalance { amount }
    lines { productName quantity quantityToFulfill unitPrice { gross { amount } net { amount } }
            variant { id } }
    vendorOrders { vendor { name } status subtotal { gross { amount } } lines { productName } }
    shippingAddress { postalCode }
    channel { slug }
    user { id }
  }
}
"""


def gid(order) -> str:
    return to_global_id("Order", str(order.pk))


def test_a_guest_reads_their_order_by_its_id_alone(api_client, shop):
    # given a guest's order
    channel, ours, theirs = shop
    order = place(channel, [ours, theirs])

    # when anyone holding its id asks for it
    data = api_client.execute(ORDER, {"id": gid(order)})["order"]

    # then the whole order comes back, priced as placed
    assert data["id"] == gid(order)
    assert data["number"] == str(order.number)
    assert (data["status"], data["chargeStatus"], data["isPaid"]) == ("UNFULFILLED", "NONE", False)
    assert data["paymentStatus"] == "NOT_CHARGED"
    assert data["total"]["gross"] == {"amount": 580.0, "currency": "BDT"}
    assert data["subtotal"]["gross"]["amount"] == 460.0
    assert data["totalBalance"]["amount"] == -580.0
    assert len(data["lines"]) == 2 and len(data["vendorOrders"]) == 2
    assert data["lines"][0]["unitPrice"]["net"]["amount"] == 100.0
    assert data["lines"][0]["variant"] is not None
    assert data["shippingAddress"]["postalCode"] == "1341"
    assert data["user"] is None


def test_a_customers_order_is_theirs_and_staffs_alone(shop, customer_user, order_manager):
    # given a customer's order
    channel, ours, _ = shop
    order = place(channel, [ours], user=customer_user)
    stranger = UserFactory()

    # when the customer, another customer, anonymous and staff ask for it
    mine = ApiClient(customer_user).execute(ORDER, {"id": gid(order)})["order"]
    theirs = ApiClient(stranger).execute(ORDER, {"id": gid(order)})["order"]
    anonymous = ApiClient().execute(ORDER, {"id": gid(order)})["order"]
    staff = ApiClient(order_manager).execute(ORDER, {"id": gid(order)})["order"]

    # then only the customer and staff see it
    assert mine["user"] == {"id": to_global_id("User", customer_user.pk)}
    assert theirs is None and anonymous is None
    assert staff["user"] == mine["user"]


def test_a_vendor_sees_only_its_part_of_an_order(shop, customer_user, entrepreneur, vendor):
    # given a customer's order of two vendors' goods
    channel, ours, theirs = shop
    order = place(channel, [ours, theirs], user=customer_user)

    # when one vendor's owner reads it
    data = ApiClient(entrepreneur).execute(ORDER, {"id": gid(order)})["order"]

    # then they see their own lines and part only, not the customer's account
    assert [line["productName"] for line in data["lines"]] == [ours.product.name]
    assert [part["vendor"]["name"] for part in data["vendorOrders"]] == [vendor.name]
    assert data["user"] is None


def test_order_answers_null_for_a_malformed_or_unknown_id(api_client):
    # when the id is not an order's
    unknown = to_global_id("Order", "00000000-0000-0000-0000-000000000000")
    for order_id in ("nonsense", to_global_id("Order", "12"), unknown):
        # then the answer is null, not an error
        assert api_client.execute(ORDER, {"id": order_id})["order"] is None


ORDERS = """
query Orders($filter: OrderFilterInput, $first: Int, $sort: OrderSortingInput) {
  orders(first: $first, filter: $filter, sortBy: $sort) {
    totalCount
    edges { node { number status total { gross { amount } }
      lines { productName variant { id } } vendorOrders { vendor { name } lines { quantity } }
      fulfillments { id } shippingAddress { postalCode } channel { slug } } }
  }
}
"""


def test_orders_need_manage_orders_or_a_vendor(shop, customer_user, staff_user):
    channel, ours, _ = shop
    place(channel, [ours])
    # when anonymous, a customer or staff without MANAGE_ORDERS list orders
    for client in (ApiClient(), ApiClient(customer_user), ApiClient(staff_user)):
        response = client.execute_raw(ORDERS, {"first": 10})
        # then the query is refused
        assert response["data"]["orders"] is None
        assert response["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_orders_filter_by_status_customer_vendor_and_number(
    shop, customer_user, order_manager, other_vendor, entrepreneur
):
    # given three orders: confirmed, unconfirmed, and one of the other vendor only
    channel, ours, theirs = shop
    confirmed = place(channel, [ours], user=customer_user)
    unconfirmed = place(channel, [ours], confirm=False)
    other = place(channel, [theirs])
    staff = ApiClient(order_manager)

    def numbers(filter_input, client=staff):
        edges = client.execute(ORDERS, {"first": 10, "filter": filter_input})["orders"]["edges"]
        return [int(edge["node"]["number"]) for edge in edges]

    # then each filter finds its orders, newest first
    assert numbers({}) == [other.number, unconfirmed.number, confirmed.number]
    assert numbers({"status": ["UNCONFIRMED"]}) == [unconfirmed.number]
    assert numbers({"customer": customer_user.phone.replace("+88", "")}) == [confirmed.number]
    assert numbers({"vendors": [to_global_id("Vendor", other_vendor.pk)]}) == [other.number]
    assert numbers({"search": f"#{confirmed.number}"}) == [confirmed.number]
    assert numbers({"created": {"gte": "2000-01-01"}}) == numbers({})
    # and a vendor's owner lists only the orders holding their part
    assert numbers({}, ApiClient(entrepreneur)) == [unconfirmed.number, confirmed.number]


def test_orders_sort_by_number_ascending(shop, order_manager):
    channel, ours, _ = shop
    first, second = place(channel, [ours], quantity=1), place(channel, [ours], quantity=1)
    edges = ApiClient(order_manager).execute(
        ORDERS, {"first": 10, "sort": {"field": "NUMBER", "direction": "ASC"}}
    )["orders"]["edges"]
    assert [int(edge["node"]["number"]) for edge in edges] == [first.number, second.number]


def _queries(client, query, variables) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.execute(query, variables)
    return len(captured)


def test_orders_run_the_same_queries_for_1_and_20_orders(shop, order_manager):
    # given one order, then 20
    channel, ours, theirs = shop
    staff = ApiClient(order_manager)
    place(channel, [ours, theirs], quantity=1)
    one = _queries(staff, ORDERS, {"first": 1})
    for _ in range(19):
        place(channel, [ours, theirs], quantity=1)
    # when 20 are listed, then it takes as many queries as for 1
    assert _queries(staff, ORDERS, {"first": 20}) == one


def test_an_order_runs_the_same_queries_for_1_and_20_lines(shop, order_manager, vendor):
    # given an order of one line and one of 20 lines
    channel, ours, _ = shop
    staff = ApiClient(order_manager)
    small = place(channel, [ours], quantity=1)
    variants = [
        create_listed_product(vendor=vendor, channel=channel).default_variant for _ in range(20)
    ]
    large = place(channel, variants, quantity=1)
    # then both read in the same number of queries
    assert _queries(staff, ORDER, {"id": gid(small)}) == _queries(staff, ORDER, {"id": gid(large)})


ME_ORDERS = "{ me { orders(first: 10) { totalCount edges { node { number } } } } }"


def test_me_orders_lists_the_customers_own_orders(shop, customer_user):
    channel, ours, _ = shop
    mine = place(channel, [ours], user=customer_user, quantity=1)
    place(channel, [ours], quantity=1)
    data = ApiClient(customer_user).execute(ME_ORDERS)["me"]["orders"]
    assert data["totalCount"] == 1
    assert data["edges"][0]["node"]["number"] == str(mine.number)


DRAFTS = "{ draftOrders(first: 10) { totalCount edges { node { number status } } } }"


def test_draft_orders_are_for_manage_orders_staff(order_manager, staff_user, channel):
    from backend.orders.draft_orders import create_draft_order

    draft = create_draft_order(channel_id=channel.pk, requestor=order_manager)
    data = ApiClient(order_manager).execute(DRAFTS)["draftOrders"]
    assert data["edges"] == [{"node": {"number": str(draft.number), "status": "DRAFT"}}]
    refused = ApiClient(staff_user).execute_raw(DRAFTS)
    assert refused["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    # and a draft is nobody's order yet: its id reads null for others
    assert ApiClient().execute(ORDER, {"id": gid(draft)})["order"] is None
