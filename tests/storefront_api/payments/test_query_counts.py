"""The SQL payments cost does not grow with them: a checkout's or an order's transactions with
their events, and a page of orders with their transactions and grants, run the same number of
statements for 1 and for 5."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import (
    COMPLETE,
    checkout_gid,
    initialize,
    make_payable_checkout,
    order_gid,
    order_of,
)

pytestmark = pytest.mark.django_db

TRANSACTION_SELECTION = """
    id token chargedAmount { amount } chargePendingAmount { amount } actions pspReference
    createdBy { __typename }
    events { id type amount { amount } pspReference createdBy { __typename } }
"""
CHECKOUT = f"""
query($id: ID) {{
  checkout(id: $id) {{ id transactions {{ {TRANSACTION_SELECTION} checkout {{ id }} }} }}
}}
"""
ORDER = f"""
query($id: ID) {{
  order(id: $id) {{
    id totalCharged {{ amount }} totalRefunded {{ amount }} totalBalance {{ amount }}
    transactions {{ {TRANSACTION_SELECTION} order {{ id }} }}
  }}
}}
"""
ORDERS = f"""
query {{
  orders(first: 20) {{
    edges {{ node {{
      id chargeStatus totalBalance {{ amount }} totalRefunded {{ amount }}
      totalChargePending {{ amount }} totalRemainingGrant {{ amount }}
      transactions {{ {TRANSACTION_SELECTION} }}
      grantedRefunds {{ id amount {{ amount }} transaction {{ id }} transactionEvents {{ id }} }}
    }} }}
  }}
}}
"""


def _counted(client, query: str, variables: dict | None = None) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        data = client.execute(query, variables or {})
    return len(queries), data


def test_a_checkouts_transactions_cost_the_same_for_1_and_5(
    api_client, payable_checkout, dummy_gateway, payments_staff
):
    variables = {"id": checkout_gid(payable_checkout)}
    counts = []
    for wanted in (1, 5):
        while len(payments_staff.execute(CHECKOUT, variables)["checkout"]["transactions"]) < wanted:
            initialize(api_client, variables["id"], "CHARGE_SUCCESS", amount="10.00")
        count, data = _counted(payments_staff, CHECKOUT, variables)
        assert len(data["checkout"]["transactions"]) == wanted
        assert all(len(t["events"]) == 2 for t in data["checkout"]["transactions"])
        counts.append(count)
    assert counts[0] == counts[1]


def test_an_orders_transactions_cost_the_same_for_1_and_5(
    customer, service_variant, dummy_gateway, orders_staff
):
    checkout = make_payable_checkout(customer, service_variant)
    order_id = customer.execute(COMPLETE, {"id": checkout_gid(checkout)})["checkoutComplete"][
        "order"
    ]["id"]
    variables = {"id": order_id}
    counts = []
    for wanted in (1, 5):
        while len(orders_staff.execute(ORDER, variables)["order"]["transactions"]) < wanted:
            initialize(customer, order_id, "CHARGE_SUCCESS", amount="10.00")
        count, data = _counted(orders_staff, ORDER, variables)
        assert len(data["order"]["transactions"]) == wanted
        assert data["order"]["totalCharged"] == {"amount": 10.0 * wanted}
        counts.append(count)
    assert counts[0] == counts[1]


def test_a_page_of_orders_with_payments_costs_the_same_for_1_and_5(
    customer, paid_only_channel, service_variant, dummy_gateway, orders_staff
):
    counts = []
    for wanted in (1, 5):
        while len(orders_staff.execute(ORDERS)["orders"]["edges"]) < wanted:
            checkout = make_payable_checkout(customer, service_variant)
            initialize(customer, checkout_gid(checkout))
            placed = customer.execute(COMPLETE, {"id": checkout_gid(checkout)})
            order = order_of(placed["checkoutComplete"]["order"]["id"])
            grant = orders_staff.execute(
                """mutation($id: ID!, $input: OrderGrantRefundCreateInput!) {
                  orderGrantRefundCreate(id: $id, input: $input) { errors { code } } }""",
                {
                    "id": order_gid(order),
                    "input": {
                        "amount": "5.00",
                        "transactionId": orders_staff.execute(ORDER, {"id": order_gid(order)})[
                            "order"
                        ]["transactions"][0]["id"],
                    },
                },
            )
            assert grant["orderGrantRefundCreate"]["errors"] == []
        count, data = _counted(orders_staff, ORDERS)
        edges = data["orders"]["edges"]
        assert len(edges) == wanted
        assert all(len(edge["node"]["grantedRefunds"]) == 1 for edge in edges)
        counts.append(count)
    assert counts[0] == counts[1]
