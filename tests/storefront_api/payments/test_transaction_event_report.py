"""transactionEventReport: a payment app reports what its gateway did, once; it reports only on
its own transactions."""

from __future__ import annotations

import base64
from datetime import datetime
from decimal import Decimal

import pytest

from backend.checkout.models import Checkout
from payments.transactions.models import TransactionEvent, TransactionItem
from tests.conftest import ApiClient

from .conftest import checkout_gid, denied, initialize

pytestmark = pytest.mark.django_db

CREATE = """
mutation Create($id: ID!, $transaction: TransactionCreateInput!) {
  transactionCreate(id: $id, transaction: $transaction) { transaction { id } errors { code } }
}
"""
REPORT = """
mutation Report(
  $id: ID, $token: UUID, $type: TransactionEventTypeEnum!, $ref: String!,
  $amount: PositiveDecimal, $message: String, $actions: [TransactionActionEnum!],
  $metadata: [MetadataInput!], $private: [MetadataInput!]
) {
  transactionEventReport(
    id: $id, token: $token, type: $type, pspReference: $ref, amount: $amount,
    message: $message, availableActions: $actions, transactionMetadata: $metadata,
    transactionPrivateMetadata: $private
  ) {
    alreadyProcessed
    transaction {
      pspReference actions chargedAmount { amount } authorizedAmount { amount }
      metadata { key value } privateMetadata { key value }
    }
    transactionEvent { id type amount { amount } pspReference message createdBy { __typename } }
    errors { field code message }
  }
}
"""


def _errors(result) -> list[tuple]:
    return [(e["field"], e["code"]) for e in result["errors"]]


def _own_transaction(client, checkout) -> str:
    created = client.execute(CREATE, {"id": checkout_gid(checkout), "transaction": {}})
    assert created["transactionCreate"]["errors"] == []
    return created["transactionCreate"]["transaction"]["id"]


def report(client, transaction_id, event_type="CHARGE_SUCCESS", ref="TRX-1", **variables):
    return client.execute(
        REPORT, {"id": transaction_id, "type": event_type, "ref": ref, **variables}
    )["transactionEventReport"]


def test_a_reported_charge_is_recorded_once(payable_checkout, payment_app):
    transaction_id = _own_transaction(payment_app, payable_checkout)
    first = report(
        payment_app,
        transaction_id,
        amount="230",
        message="Paid",
        actions=["REFUND"],
        metadata=[{"key": "wallet", "value": "017"}],
        private=[{"key": "agent", "value": "A-9"}],
    )
    assert first["errors"] == []
    assert first["alreadyProcessed"] is False
    assert first["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert first["transactionEvent"]["createdBy"] == {"__typename": "App"}
    transaction = first["transaction"]
    assert transaction["pspReference"] == "TRX-1"
    assert transaction["actions"] == ["REFUND"]
    assert transaction["chargedAmount"] == {"amount": 230.0}
    assert transaction["metadata"] == [{"key": "wallet", "value": "017"}]
    assert transaction["privateMetadata"] == [{"key": "agent", "value": "A-9"}]
    assert Checkout.objects.get().total_charged_amount == Decimal("230.00")
    # reported again (the amount may be left out): the same event, nothing charged twice
    again = report(payment_app, transaction_id)
    assert again["alreadyProcessed"] is True
    assert again["transactionEvent"]["id"] == first["transactionEvent"]["id"]
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1
    assert Checkout.objects.get().total_charged_amount == Decimal("230.00")


def test_report_refusals(payable_checkout, payment_app):
    transaction_id = _own_transaction(payment_app, payable_checkout)
    report(payment_app, transaction_id, "AUTHORIZATION_SUCCESS", ref="AUTH-1", amount="230")
    cases = [
        # the same reference with another amount
        (
            {"type": "AUTHORIZATION_SUCCESS", "ref": "AUTH-1", "amount": "1"},
            ("pspReference", "INCORRECT_DETAILS"),
        ),
        # a second authorization
        (
            {"type": "AUTHORIZATION_SUCCESS", "ref": "AUTH-2", "amount": "1"},
            ("type", "ALREADY_EXISTS"),
        ),
        # no amount, and no earlier event to take it from
        ({"type": "CHARGE_SUCCESS", "ref": "NEW"}, ("amount", "REQUIRED")),
        ({"type": "CHARGE_SUCCESS", "ref": "NEW", "amount": "1.001"}, ("amount", "INVALID")),
        ({"type": "CHARGE_SUCCESS", "ref": "x" * 513, "amount": "1"}, ("pspReference", "INVALID")),
        # a blank metadata key (the mutation's enum has no METADATA_KEY_REQUIRED: INVALID)
        (
            {"type": "INFO", "ref": "N", "amount": "0", "metadata": [{"key": "", "value": "x"}]},
            ("transactionMetadata", "INVALID"),
        ),
    ]
    for variables, expected in cases:
        result = payment_app.execute(REPORT, {"id": transaction_id, **variables})
        assert _errors(result["transactionEventReport"]) == [expected], variables
    item = TransactionItem.objects.get()
    assert (item.authorized_value, item.charged_value) == (Decimal("230.00"), Decimal("0"))
    assert item.events.count() == 1
    unknown = base64.b64encode(b"TransactionItem:00000000-0000-0000-0000-000000000001").decode()
    result = report(payment_app, unknown, amount="1")
    assert _errors(result) == [("id", "NOT_FOUND")]
    assert _errors(report(payment_app, "nope", amount="1")) == [("id", "GRAPHQL_ERROR")]


def test_an_app_reports_only_on_its_own_transactions(
    payable_checkout, payment_app, other_payment_app, payments_staff, dummy_gateway, api_client
):
    # another app's transaction, and a gateway's
    theirs = _own_transaction(payment_app, payable_checkout)
    initialize(api_client, checkout_gid(payable_checkout), "CHARGE_ACTION_REQUIRED")
    gateways = TransactionItem.objects.get(app_identifier="saleor.io.dummy-payment-app")
    gateway_id = base64.b64encode(f"TransactionItem:{gateways.token}".encode()).decode()
    for client, transaction_id in (
        (other_payment_app, theirs),
        (payments_staff, theirs),  # staff may not report on an app's transaction
        (payment_app, gateway_id),
    ):
        response = client.execute_raw(
            REPORT, {"id": transaction_id, "type": "CHARGE_SUCCESS", "ref": "X", "amount": "5"}
        )
        assert denied(response)
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 0
    # staff report on a transaction staff recorded
    staffs = _own_transaction(payments_staff, payable_checkout)
    assert report(payments_staff, staffs, amount="5")["errors"] == []


def test_only_handle_payments_reports(
    payable_checkout, payment_app, plain_app, orders_staff, staff_user, api_client, customer
):
    transaction_id = _own_transaction(payment_app, payable_checkout)
    for client in (plain_app, orders_staff, ApiClient(staff_user), api_client, customer):
        response = client.execute_raw(
            REPORT, {"id": transaction_id, "type": "CHARGE_SUCCESS", "ref": "X", "amount": "5"}
        )
        assert denied(response)
    assert TransactionEvent.objects.count() == 0


REPORT_AT = """
mutation Report($id: ID, $ref: String!, $time: DateTime) {
  transactionEventReport(
    id: $id, type: CHARGE_SUCCESS, pspReference: $ref, amount: "230", time: $time
  ) {
    alreadyProcessed transactionEvent { createdAt } errors { field code }
  }
}
"""


def test_a_reported_event_keeps_the_time_the_gateway_gives(payable_checkout, payment_app):
    transaction_id = _own_transaction(payment_app, payable_checkout)
    result = payment_app.execute(
        REPORT_AT, {"id": transaction_id, "ref": "TRX-9", "time": "2026-11-20T08:30:00+06:00"}
    )["transactionEventReport"]
    assert result["errors"] == []
    given = datetime.fromisoformat("2026-11-20T08:30:00+06:00")
    assert datetime.fromisoformat(result["transactionEvent"]["createdAt"]) == given
    assert TransactionEvent.objects.get(type="CHARGE_SUCCESS").created_at == given
