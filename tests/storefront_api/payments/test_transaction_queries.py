"""Reading payments: `transaction(id|token)`, Checkout.transactions, Order.transactions and the
order's payment fields, each for whom Saleor shows it."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from payments.transactions.models import TransactionItem
from tests.conftest import ApiClient

from .conftest import checkout_gid, denied, initialize, order_gid

pytestmark = pytest.mark.django_db

TRANSACTION = """
query Transaction($id: ID, $token: UUID) {
  transaction(id: $id, token: $token) {
    id chargedAmount { amount } order { id } checkout { id }
    createdBy { __typename ... on User { id } }
  }
}
"""
PRIVATE = "query($id: ID) { transaction(id: $id) { privateMetadata { key } metadata { key } } }"
CHECKOUT_TRANSACTIONS = """
query($id: ID) { checkout(id: $id) { transactions { id events { type } } } }
"""
ORDER_TRANSACTIONS = """
query($id: ID) { order(id: $id) { transactions { id order { id } events { type } } } }
"""
ORDER_MANAGER_FIELDS = {
    "grantedRefunds": "grantedRefunds { id }",
    "totalGrantedRefund": "totalGrantedRefund { amount }",
    "totalRemainingGrant": "totalRemainingGrant { amount }",
    "totalRefundPending": "totalRefundPending { amount }",
    "totalAuthorizePending": "totalAuthorizePending { amount }",
    "totalChargePending": "totalChargePending { amount }",
    "totalCancelPending": "totalCancelPending { amount }",
}
PUBLIC_ORDER_FIELDS = """
query($id: ID) {
  order(id: $id) {
    actions isPaid chargeStatus totalCharged { amount } totalRefunded { amount }
    totalCanceled { amount } totalAuthorized { amount } totalBalance { amount }
  }
}
"""


def test_transaction_by_id_or_token_for_handle_payments(
    paid_order, payments_staff, customer, api_client, orders_staff, customer_user
):
    item = TransactionItem.objects.get()
    by_token = payments_staff.execute(TRANSACTION, {"token": str(item.token)})["transaction"]
    by_id = payments_staff.execute(TRANSACTION, {"id": by_token["id"]})["transaction"]
    assert by_token == by_id
    assert by_id["chargedAmount"] == {"amount": 230.0}
    assert by_id["order"] == {"id": order_gid(paid_order)}
    assert by_id["checkout"] is None  # the checkout became the order
    # the customer who paid, for those who manage payments
    assert by_id["createdBy"] == {
        "__typename": "User",
        "id": to_global_id("User", customer_user.pk),
    }
    # an unknown id is null; anyone without HANDLE_PAYMENTS is refused
    assert payments_staff.execute(TRANSACTION, {"id": "nope"})["transaction"] is None
    for client in (customer, api_client, orders_staff):
        assert denied(client.execute_raw(TRANSACTION, {"token": str(item.token)}))


def test_private_metadata_is_for_handle_payments(paid_order, payments_staff, payment_app):
    item = TransactionItem.objects.get()
    item.private_metadata = {"secret": "x"}
    item.metadata = {"open": "y"}
    item.save(update_fields=["private_metadata", "metadata"])
    gid = payments_staff.execute(TRANSACTION, {"token": str(item.token)})["transaction"]["id"]
    assert payments_staff.execute(PRIVATE, {"id": gid})["transaction"] == {
        "privateMetadata": [{"key": "secret"}],
        "metadata": [{"key": "open"}],
    }


def test_checkout_transactions_for_checkout_and_payment_managers(
    api_client, payable_checkout, dummy_gateway, payments_staff, staff_user
):
    initialize(api_client, checkout_gid(payable_checkout))
    variables = {"id": checkout_gid(payable_checkout)}
    # the shopper holding the checkout and staff without the permissions are refused
    for client in (api_client, ApiClient(staff_user)):
        assert denied(client.execute_raw(CHECKOUT_TRANSACTIONS, variables))
    transactions = payments_staff.execute(CHECKOUT_TRANSACTIONS, variables)["checkout"][
        "transactions"
    ]
    assert [[e["type"] for e in t["events"]] for t in transactions] == [
        ["CHARGE_REQUEST", "CHARGE_SUCCESS"]
    ]


def test_order_transactions_are_for_order_managers(paid_order, customer, orders_staff):
    # (staff and apps with HANDLE_PAYMENTS may read them too, where they may read the order)
    variables = {"id": order_gid(paid_order)}
    assert denied(customer.execute_raw(ORDER_TRANSACTIONS, variables))
    transactions = orders_staff.execute(ORDER_TRANSACTIONS, variables)["order"]["transactions"]
    assert len(transactions) == 1
    assert transactions[0]["order"] == {"id": order_gid(paid_order)}


def test_grants_and_pending_totals_are_for_order_managers(paid_order, customer, orders_staff):
    for name, selection in ORDER_MANAGER_FIELDS.items():
        query = f"query($id: ID) {{ order(id: $id) {{ {selection} }} }}"
        variables = {"id": order_gid(paid_order)}
        assert denied(customer.execute_raw(query, variables)), name
        assert name in orders_staff.execute(query, variables)["order"]


def test_the_customer_reads_what_was_paid(paid_order, customer):
    order = customer.execute(PUBLIC_ORDER_FIELDS, {"id": order_gid(paid_order)})["order"]
    assert order == {
        "actions": [],
        "isPaid": True,
        "chargeStatus": "FULL",
        "totalCharged": {"amount": 230.0},
        "totalRefunded": {"amount": 0.0},
        "totalCanceled": {"amount": 0.0},
        "totalAuthorized": {"amount": 0.0},
        "totalBalance": {"amount": 0.0},
    }


def test_an_unpaid_order_may_be_marked_as_paid(
    customer, service_variant, orders_staff, dummy_gateway
):
    from .conftest import COMPLETE, make_payable_checkout

    checkout = make_payable_checkout(customer, service_variant)
    order_id = customer.execute(COMPLETE, {"id": checkout_gid(checkout)})["checkoutComplete"][
        "order"
    ]["id"]
    order = orders_staff.execute(PUBLIC_ORDER_FIELDS, {"id": order_id})["order"]
    assert (order["actions"], order["isPaid"], order["totalBalance"]) == (
        ["MARK_AS_PAID"],
        False,
        {"amount": -230.0},
    )
