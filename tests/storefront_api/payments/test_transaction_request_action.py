"""transactionRequestAction: staff and apps with HANDLE_PAYMENTS refund, charge and cancel
through the gateway; the order's totals follow; everyone else is refused."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from payments.transactions.models import TransactionEvent, TransactionItem
from plugins.framework.configuration import update_plugin_configuration

from .conftest import (
    COMPLETE,
    REQUEST_ACTION,
    checkout_gid,
    denied,
    initialize,
    order_gid,
    order_of,
)

pytestmark = pytest.mark.django_db

ORDER_TOTALS = """
query Totals($id: ID) {
  order(id: $id) {
    chargeStatus authorizeStatus
    totalCharged { amount } totalRefunded { amount } totalAuthorized { amount }
    totalCanceled { amount } totalBalance { amount }
    totalRefundPending { amount } totalChargePending { amount } totalCancelPending { amount }
    totalAuthorizePending { amount }
  }
}
"""


def _errors(result) -> list[tuple]:
    return [(e["field"], e["code"]) for e in result["errors"]]


def _token_gid(item: TransactionItem) -> str:
    return to_global_id("TransactionItem", str(item.token))


def test_staff_refund_part_of_a_paid_order(paid_order, payments_staff, orders_staff):
    item = TransactionItem.objects.get(order=paid_order)
    # when staff with HANDLE_PAYMENTS refund 100.00 of it
    result = payments_staff.execute(
        REQUEST_ACTION, {"id": _token_gid(item), "action": "REFUND", "amount": "100.00"}
    )["transactionRequestAction"]
    # then the gateway refunds it at once
    assert result["errors"] == []
    transaction = result["transaction"]
    assert transaction["chargedAmount"]["amount"] == 130.0
    assert transaction["refundedAmount"]["amount"] == 100.0
    assert transaction["refundPendingAmount"]["amount"] == 0.0
    assert [event["type"] for event in transaction["events"]][-2:] == [
        "REFUND_REQUEST",
        "REFUND_SUCCESS",
    ]
    # and the order's totals say so
    totals = orders_staff.execute(ORDER_TOTALS, {"id": order_gid(paid_order)})["order"]
    assert totals == {
        "chargeStatus": "PARTIAL",
        "authorizeStatus": "PARTIAL",
        "totalCharged": {"amount": 130.0},
        "totalRefunded": {"amount": 100.0},
        "totalAuthorized": {"amount": 0.0},
        "totalCanceled": {"amount": 0.0},
        "totalBalance": {"amount": -100.0},
        "totalRefundPending": {"amount": 0.0},
        "totalChargePending": {"amount": 0.0},
        "totalCancelPending": {"amount": 0.0},
        "totalAuthorizePending": {"amount": 0.0},
    }


def test_an_app_refunds_all_by_token(paid_order, payment_app):
    item = TransactionItem.objects.get(order=paid_order)
    result = payment_app.execute(REQUEST_ACTION, {"token": str(item.token), "action": "REFUND"})[
        "transactionRequestAction"
    ]
    assert result["errors"] == []
    assert result["transaction"]["refundedAmount"]["amount"] == 230.0
    assert order_of(order_gid(paid_order)).charge_status == "none"


@pytest.fixture
def authorized_order(customer, customer_checkout, dummy_gateway, payment_app) -> str:
    """The customer's order of 230.00, authorized (not charged) through the dummy gateway."""
    gid = checkout_gid(customer_checkout)
    started = initialize(payment_app, gid, "AUTHORIZATION_SUCCESS", action="AUTHORIZATION")
    assert started["errors"] == []
    completed = customer.execute(COMPLETE, {"id": gid})["checkoutComplete"]
    assert completed["errors"] == []
    return completed["order"]["id"]


def test_staff_charge_and_cancel_an_authorization(authorized_order, payments_staff, orders_staff):
    item = TransactionItem.objects.get()
    # charge 200.00 of the 230.00 authorized
    charged = payments_staff.execute(
        REQUEST_ACTION, {"id": _token_gid(item), "action": "CHARGE", "amount": "200"}
    )["transactionRequestAction"]
    assert charged["errors"] == []
    assert charged["transaction"]["chargedAmount"]["amount"] == 200.0
    assert charged["transaction"]["authorizedAmount"]["amount"] == 30.0
    # and release the rest
    canceled = payments_staff.execute(REQUEST_ACTION, {"id": _token_gid(item), "action": "CANCEL"})[
        "transactionRequestAction"
    ]
    assert canceled["errors"] == []
    assert canceled["transaction"]["canceledAmount"]["amount"] == 30.0
    assert canceled["transaction"]["authorizedAmount"]["amount"] == 0.0
    totals = orders_staff.execute(ORDER_TOTALS, {"id": authorized_order})["order"]
    assert (totals["chargeStatus"], totals["totalCharged"], totals["totalCanceled"]) == (
        "PARTIAL",
        {"amount": 200.0},
        {"amount": 30.0},
    )


def test_amounts_beyond_what_is_available_are_invalid(paid_order, payments_staff):
    item = TransactionItem.objects.get(order=paid_order)
    for action, amount in (("REFUND", "230.01"), ("CHARGE", None), ("CANCEL", None)):
        result = payments_staff.execute(
            REQUEST_ACTION, {"id": _token_gid(item), "action": action, "amount": amount}
        )["transactionRequestAction"]
        assert _errors(result) == [("amount", "INVALID")], action
    assert TransactionEvent.objects.filter(transaction=item).count() == 2  # request, success


def test_a_gateway_turned_off_cannot_act(paid_order, payments_staff, channel):
    update_plugin_configuration(
        plugin_id="saleor.io.dummy-payment-app", channel=channel, active=False, configuration=[]
    )
    item = TransactionItem.objects.get(order=paid_order)
    result = payments_staff.execute(REQUEST_ACTION, {"id": _token_gid(item), "action": "REFUND"})[
        "transactionRequestAction"
    ]
    assert _errors(result) == [("actionType", "MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK")]
    assert TransactionItem.objects.get(pk=item.pk).refunded_value == 0


def test_unknown_and_malformed_transactions(payments_staff, db):
    unknown = to_global_id("TransactionItem", "00000000-0000-0000-0000-000000000001")
    for variables, code in (({"id": unknown}, "NOT_FOUND"), ({"id": "nope"}, "GRAPHQL_ERROR")):
        result = payments_staff.execute(REQUEST_ACTION, {**variables, "action": "REFUND"})[
            "transactionRequestAction"
        ]
        assert _errors(result) == [("id", code)]


def test_only_handle_payments_may_ask(
    paid_order, api_client, customer, staff_user, orders_staff, plain_app
):
    from tests.conftest import ApiClient

    item = TransactionItem.objects.get(order=paid_order)
    # anonymous, the customer, staff without permissions, order managers (Saleor asks for
    # HANDLE_PAYMENTS alone) and an app without it
    for client in (api_client, customer, ApiClient(staff_user), orders_staff, plain_app):
        response = client.execute_raw(REQUEST_ACTION, {"id": _token_gid(item), "action": "REFUND"})
        assert denied(response)
    assert TransactionItem.objects.get(pk=item.pk).refunded_value == 0
