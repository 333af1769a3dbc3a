"""orderGrantRefundCreate and transactionRequestRefundForGrantedRefund: staff grant a refund,
the order counts it at once, and the grant is paid back through its transaction once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from graphql_relay import to_global_id

from backend.orders.models import Order
from payments.transactions.models import GrantedRefundStatus, OrderGrantedRefund, TransactionItem
from plugins.framework.configuration import update_plugin_configuration
from tests.conftest import ApiClient

from .conftest import (
    COMPLETE,
    INITIALIZE,
    REQUEST_ACTION,
    checkout_gid,
    denied,
    order_gid,
    order_of,
)
from .plugins import SLOW_REFUNDS, report_refund

pytestmark = pytest.mark.django_db

GRANT = """
mutation Grant($id: ID!, $input: OrderGrantRefundCreateInput!) {
  orderGrantRefundCreate(id: $id, input: $input) {
    order {
      chargeStatus totalGrantedRefund { amount } totalRemainingGrant { amount }
      totalBalance { amount } grantedRefunds { id }
    }
    grantedRefund {
      id amount { amount currency } reason status shippingCostsIncluded
      lines { id quantity reason orderLine { id } }
      transaction { id } user { email } app { name } transactionEvents { type }
    }
    errors { field code message lines { field code lineId } }
  }
}
"""
REFUND_GRANT = """
mutation Send($grant: ID!) {
  transactionRequestRefundForGrantedRefund(grantedRefundId: $grant) {
    transaction {
      refundedAmount { amount } chargedAmount { amount } refundPendingAmount { amount }
    }
    errors { field code message }
  }
}
"""
GRANTS = """
query Grants($id: ID) {
  order(id: $id) {
    chargeStatus totalRefunded { amount } totalRemainingGrant { amount }
    grantedRefunds { status transactionEvents { type amount { amount } } }
  }
}
"""


UNKNOWN_TRANSACTION = to_global_id("TransactionItem", "00000000-0000-0000-0000-000000000002")
UNKNOWN_ORDER = to_global_id("Order", "00000000-0000-0000-0000-000000000003")


def _errors(result) -> list[tuple]:
    return [(e["field"], e["code"]) for e in result["errors"]]


def _transaction_gid(order: Order) -> str:
    return to_global_id("TransactionItem", str(TransactionItem.objects.get(order=order).token))


def _line_gid(order: Order) -> str:
    return to_global_id("OrderLine", str(order.lines.get().pk))


def grant(client, order, **fields) -> dict:
    payload = {"transactionId": _transaction_gid(order), **fields}
    return client.execute(GRANT, {"id": order_gid(order), "input": payload})[
        "orderGrantRefundCreate"
    ]


def test_a_grant_of_an_amount_makes_the_paid_order_overcharged(paid_order, orders_staff):
    result = grant(orders_staff, paid_order, amount="50.00", reason="Late delivery")
    assert result["errors"] == []
    granted = result["grantedRefund"]
    row = OrderGrantedRefund.objects.get()
    assert granted == {
        "id": to_global_id("OrderGrantedRefund", str(row.pk)),
        "amount": {"amount": 50.0, "currency": "BDT"},
        "reason": "Late delivery",
        "status": "NONE",
        "shippingCostsIncluded": False,
        "lines": [],
        "transaction": {"id": _transaction_gid(paid_order)},
        "user": {"email": "orders@haat.test"},
        "app": None,
        "transactionEvents": [],
    }
    assert result["order"] == {
        "chargeStatus": "OVERCHARGED",
        "totalGrantedRefund": {"amount": 50.0},
        "totalRemainingGrant": {"amount": 50.0},
        "totalBalance": {"amount": 50.0},
        "grantedRefunds": [{"id": granted["id"]}],
    }


def test_a_grant_of_lines_is_worth_their_units(paid_order, orders_staff):
    line = _line_gid(paid_order)
    result = grant(
        orders_staff,
        paid_order,
        lines=[{"id": line, "quantity": 1, "reason": "Broken"}],
        grantRefundForShipping=True,
    )
    assert result["errors"] == []
    granted = result["grantedRefund"]
    assert granted["amount"]["amount"] == 115.0  # one unit; the service ships for nothing
    assert granted["shippingCostsIncluded"] is True
    assert [(x["quantity"], x["reason"], x["orderLine"]["id"]) for x in granted["lines"]] == [
        (1, "Broken", line)
    ]
    # shipping is granted once, and the line's last unit once
    again = grant(orders_staff, paid_order, amount="1.00", grantRefundForShipping=True)
    assert _errors(again) == [("grantRefundForShipping", "SHIPPING_COSTS_ALREADY_GRANTED")]
    too_many = grant(orders_staff, paid_order, lines=[{"id": line, "quantity": 2}])
    assert _errors(too_many) == [("lines", "INVALID")]
    assert too_many["errors"][0]["lines"] == [
        {"field": "quantity", "code": "QUANTITY_GREATER_THAN_AVAILABLE", "lineId": line}
    ]
    assert OrderGrantedRefund.objects.count() == 1


def test_grant_refusals(paid_order, orders_staff):
    elsewhere = to_global_id("OrderLine", "00000000-0000-0000-0000-000000000001")
    cases = [
        ({}, [("amount", "REQUIRED")]),
        ({"amount": "230.01"}, [("amount", "AMOUNT_GREATER_THAN_AVAILABLE")]),
        ({"amount": "-1"}, [("amount", "INVALID")]),
        ({"amount": "1.001"}, [("amount", "INVALID")]),
        ({"amount": "1", "transactionId": UNKNOWN_TRANSACTION}, [("transactionId", "NOT_FOUND")]),
        ({"amount": "1", "transactionId": "nope"}, [("transactionId", "GRAPHQL_ERROR")]),
        ({"lines": [{"id": elsewhere, "quantity": 1}]}, [("lines", "INVALID")]),
        ({"lines": [{"id": "nope", "quantity": 1}]}, [("lines", "INVALID")]),
    ]
    for fields, expected in cases:
        assert _errors(grant(orders_staff, paid_order, **fields)) == expected, fields
    lines = grant(orders_staff, paid_order, lines=[{"id": elsewhere, "quantity": 1}])
    assert lines["errors"][0]["lines"] == [
        {"field": "id", "code": "NOT_FOUND", "lineId": elsewhere}
    ]
    malformed = grant(orders_staff, paid_order, lines=[{"id": "nope", "quantity": 1}])
    assert malformed["errors"][0]["lines"] == [
        {"field": "id", "code": "GRAPHQL_ERROR", "lineId": "nope"}
    ]
    for order_id, code in (("nope", "GRAPHQL_ERROR"), (UNKNOWN_ORDER, "NOT_FOUND")):
        payload = {"amount": "1", "transactionId": _transaction_gid(paid_order)}
        result = orders_staff.execute(GRANT, {"id": order_id, "input": payload})[
            "orderGrantRefundCreate"
        ]
        assert _errors(result) == [("id", code)]
    assert OrderGrantedRefund.objects.count() == 0
    assert Order.objects.get(pk=paid_order.pk).charge_status == "full"


def test_only_order_managers_grant(
    paid_order, api_client, customer, staff_user, payments_staff, payment_app
):
    for client in (api_client, customer, ApiClient(staff_user), payments_staff, payment_app):
        response = client.execute_raw(
            GRANT,
            {
                "id": order_gid(paid_order),
                "input": {"amount": "1", "transactionId": _transaction_gid(paid_order)},
            },
        )
        assert denied(response)
    assert OrderGrantedRefund.objects.count() == 0


def test_a_grant_is_refunded_once(paid_order, orders_staff, payments_staff):
    granted = grant(orders_staff, paid_order, amount="50.00")["grantedRefund"]
    # when it is sent to the gateway
    sent = payments_staff.execute(REFUND_GRANT, {"grant": granted["id"]})[
        "transactionRequestRefundForGrantedRefund"
    ]
    # then the transaction refunds it, the grant is SUCCESS and the order is paid again
    assert sent["errors"] == []
    assert sent["transaction"]["refundedAmount"]["amount"] == 50.0
    assert sent["transaction"]["chargedAmount"]["amount"] == 180.0
    order = orders_staff.execute(GRANTS, {"id": order_gid(paid_order)})["order"]
    assert order == {
        "chargeStatus": "FULL",
        "totalRefunded": {"amount": 50.0},
        "totalRemainingGrant": {"amount": 0.0},
        "grantedRefunds": [
            {
                "status": "SUCCESS",
                "transactionEvents": [
                    {"type": "REFUND_REQUEST", "amount": {"amount": 50.0}},
                    {"type": "REFUND_SUCCESS", "amount": {"amount": 50.0}},
                ],
            }
        ],
    }
    # and sending it again is refused
    again = payments_staff.execute(REFUND_GRANT, {"grant": granted["id"]})[
        "transactionRequestRefundForGrantedRefund"
    ]
    assert _errors(again) == [("grantedRefundId", "REFUND_ALREADY_PROCESSED")]
    assert TransactionItem.objects.get().refunded_value == Decimal("50.00")


@pytest.fixture
def slow_order(customer, customer_checkout, enable_gateway, channel) -> Order:
    """The customer's order of 230.00, paid through a gateway whose refunds settle later."""
    enable_gateway("tests.storefront_api.payments.plugins.SlowRefundGateway", SLOW_REFUNDS, channel)
    paid = customer.execute(
        INITIALIZE,
        {"id": checkout_gid(customer_checkout), "gateway": {"id": SLOW_REFUNDS}},
    )["transactionInitialize"]
    assert paid["errors"] == []
    completed = customer.execute(COMPLETE, {"id": checkout_gid(customer_checkout)})
    return order_of(completed["checkoutComplete"]["order"]["id"])


def test_a_grant_being_refunded_is_pending_until_the_gateway_answers(
    slow_order, orders_staff, payments_staff
):
    granted = grant(orders_staff, slow_order, amount="50.00")["grantedRefund"]
    sent = payments_staff.execute(REFUND_GRANT, {"grant": granted["id"]})[
        "transactionRequestRefundForGrantedRefund"
    ]
    assert sent["errors"] == []
    assert sent["transaction"]["refundPendingAmount"]["amount"] == 50.0
    assert OrderGrantedRefund.objects.get().status == GrantedRefundStatus.PENDING
    # while pending, it is not sent again
    again = payments_staff.execute(REFUND_GRANT, {"grant": granted["id"]})[
        "transactionRequestRefundForGrantedRefund"
    ]
    assert _errors(again) == [("grantedRefundId", "REFUND_IS_PENDING")]
    # the gateway refuses it: the grant may be sent again; then it refunds it
    item = TransactionItem.objects.get()
    report_refund(item.pk, Decimal("50.00"), refused=True)
    assert OrderGrantedRefund.objects.get().status == GrantedRefundStatus.FAILURE
    resent = payments_staff.execute(REFUND_GRANT, {"grant": granted["id"]})
    assert resent["transactionRequestRefundForGrantedRefund"]["errors"] == []
    report_refund(item.pk, Decimal("50.00"))
    assert OrderGrantedRefund.objects.get().status == GrantedRefundStatus.SUCCESS
    item.refresh_from_db()
    assert (item.refunded_value, item.charged_value) == (Decimal("50.00"), Decimal("180.00"))
    assert Order.objects.get(pk=slow_order.pk).charge_status == "full"


def test_send_refusals(paid_order, orders_staff, payments_staff, channel):
    granted = grant(orders_staff, paid_order, amount="150.00")["grantedRefund"]
    # the transaction has charged less than the grant since
    item = TransactionItem.objects.get()
    payments_staff.execute(
        REQUEST_ACTION,
        {
            "id": to_global_id("TransactionItem", str(item.token)),
            "action": "REFUND",
            "amount": "100",
        },
    )
    short = payments_staff.execute(REFUND_GRANT, {"grant": granted["id"]})
    assert _errors(short["transactionRequestRefundForGrantedRefund"]) == [
        ("grantedRefundId", "AMOUNT_GREATER_THAN_AVAILABLE")
    ]
    # the gateway is off: nothing is sent and the grant stays as it was
    small = grant(orders_staff, paid_order, amount="10.00")["grantedRefund"]
    update_plugin_configuration(
        plugin_id="saleor.io.dummy-payment-app", channel=channel, active=False, configuration=[]
    )
    off = payments_staff.execute(REFUND_GRANT, {"grant": small["id"]})
    assert _errors(off["transactionRequestRefundForGrantedRefund"]) == [
        ("actionType", "MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK")
    ]
    assert set(OrderGrantedRefund.objects.values_list("status", flat=True)) == {"NONE"}
    # unknown and malformed grants
    for grant_id, code in (
        (to_global_id("OrderGrantedRefund", "999999"), "NOT_FOUND"),
        ("nope", "GRAPHQL_ERROR"),
    ):
        result = payments_staff.execute(REFUND_GRANT, {"grant": grant_id})
        assert _errors(result["transactionRequestRefundForGrantedRefund"]) == [
            ("grantedRefundId", code)
        ]


def test_only_handle_payments_sends_a_grant(
    paid_order, api_client, customer, staff_user, orders_staff, plain_app
):
    granted = grant(orders_staff, paid_order, amount="50.00")["grantedRefund"]
    for client in (api_client, customer, ApiClient(staff_user), orders_staff, plain_app):
        assert denied(client.execute_raw(REFUND_GRANT, {"grant": granted["id"]}))
    assert OrderGrantedRefund.objects.get().status == GrantedRefundStatus.NONE
