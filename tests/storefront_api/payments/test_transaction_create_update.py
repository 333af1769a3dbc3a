"""transactionCreate and transactionUpdate: payment apps (and staff) record the transactions
they handle themselves; an app changes only its own."""

from __future__ import annotations

import base64
from decimal import Decimal

import pytest

from backend.checkout.models import Checkout
from payments.transactions.models import TransactionItem
from tests.conftest import ApiClient

from .conftest import checkout_gid, denied, initialize

pytestmark = pytest.mark.django_db

CREATE = """
mutation Create($id: ID!, $transaction: TransactionCreateInput!, $event: TransactionEventInput) {
  transactionCreate(id: $id, transaction: $transaction, transactionEvent: $event) {
    transaction {
      id name message pspReference actions externalUrl
      chargedAmount { amount } authorizedAmount { amount }
      metadata { key value } privateMetadata { key value }
      events { type amount { amount } message pspReference }
      createdBy { __typename ... on App { name } ... on User { email } }
      checkout { id }
    }
    errors { field code message }
  }
}
"""
UPDATE = """
mutation Update($id: ID, $token: UUID, $transaction: TransactionUpdateInput,
                $event: TransactionEventInput) {
  transactionUpdate(id: $id, token: $token, transaction: $transaction, transactionEvent: $event) {
    transaction {
      name chargedAmount { amount } refundedAmount { amount } canceledAmount { amount }
      authorizedAmount { amount } metadata { key value } events { type amount { amount } }
    }
    errors { field code message }
  }
}
"""


def _errors(result) -> list[tuple]:
    return [(e["field"], e["code"]) for e in result["errors"]]


def bdt(amount: str) -> dict:
    return {"amount": amount, "currency": "BDT"}


def create(client, checkout, transaction: dict, event: dict | None = None) -> dict:
    return client.execute(
        CREATE, {"id": checkout_gid(checkout), "transaction": transaction, "event": event}
    )["transactionCreate"]


def test_a_payment_app_records_its_transaction(payable_checkout, payment_app):
    result = create(
        payment_app,
        payable_checkout,
        {
            "name": "bKash",
            "pspReference": "TRX-1",
            "amountCharged": bdt("230.00"),
            "availableActions": ["REFUND", "REFUND"],
            "externalUrl": "https://merchant.bkash.com/TRX-1",
            "metadata": [{"key": "wallet", "value": "017"}],
            "privateMetadata": [{"key": "agent", "value": "A-9"}],
        },
        {"message": "Paid by the app", "pspReference": "note-1"},
    )
    assert result["errors"] == []
    transaction = result["transaction"]
    assert transaction["name"] == "bKash"
    assert transaction["pspReference"] == "TRX-1"
    assert transaction["actions"] == ["REFUND"]
    assert transaction["chargedAmount"] == {"amount": 230.0}
    assert transaction["metadata"] == [{"key": "wallet", "value": "017"}]
    assert transaction["privateMetadata"] == [{"key": "agent", "value": "A-9"}]
    assert [(e["type"], e["amount"]["amount"]) for e in transaction["events"]] == [
        ("CHARGE_SUCCESS", 230.0),
        ("INFO", 0.0),
    ]
    assert transaction["createdBy"] == {"__typename": "App", "name": "bKash app"}
    assert transaction["checkout"] == {"id": checkout_gid(payable_checkout)}
    assert TransactionItem.objects.get().app_identifier == "app.bkash"
    assert Checkout.objects.get().total_charged_amount == Decimal("230.00")


def test_create_refusals(payable_checkout, payment_app):
    cases = [
        (
            {"amountCharged": {"amount": "1", "currency": "USD"}},
            [("currency", "INCORRECT_CURRENCY")],
        ),
        (
            {"amountCharged": bdt("1"), "amountAuthorized": {"amount": "1", "currency": "USD"}},
            [("currency", "INCORRECT_CURRENCY")],
        ),
        ({"metadata": [{"key": " ", "value": "x"}]}, [("metadata", "METADATA_KEY_REQUIRED")]),
        ({"amountCharged": bdt("1.001")}, [("amountCharged", "INVALID")]),
        ({"name": "x" * 513}, [("name", "INVALID")]),
        ({"pspReference": "x" * 513}, [("pspReference", "INVALID")]),
        ({"externalUrl": "javascript:alert(1)"}, [("externalUrl", "INVALID")]),
    ]
    for transaction, expected in cases:
        assert _errors(create(payment_app, payable_checkout, transaction)) == expected
    assert TransactionItem.objects.count() == 0
    # one gateway reference is one payment
    assert create(payment_app, payable_checkout, {"pspReference": "TRX-1"})["errors"] == []
    again = create(payment_app, payable_checkout, {"pspReference": "TRX-1"})
    assert _errors(again) == [("pspReference", "UNIQUE")]
    # ids that name no checkout or order
    for source_id, code in (
        ("nope", "GRAPHQL_ERROR"),
        (base64.b64encode(b"Product:1").decode(), "INVALID"),
        (checkout_gid(Checkout(token="00000000-0000-0000-0000-000000000009")), "NOT_FOUND"),
    ):
        result = payment_app.execute(CREATE, {"id": source_id, "transaction": {}})
        assert _errors(result["transactionCreate"]) == [("id", code)]
    assert TransactionItem.objects.count() == 1


def test_only_handle_payments_creates(
    payable_checkout, api_client, customer, staff_user, orders_staff, plain_app
):
    for client in (api_client, customer, ApiClient(staff_user), orders_staff, plain_app):
        response = client.execute_raw(
            CREATE, {"id": checkout_gid(payable_checkout), "transaction": {"name": "x"}}
        )
        assert denied(response)
    assert TransactionItem.objects.count() == 0


def _gid(item: TransactionItem) -> str:
    return base64.b64encode(f"TransactionItem:{item.token}".encode()).decode()


def test_an_app_updates_its_own_transaction(payable_checkout, payment_app):
    create(payment_app, payable_checkout, {"amountAuthorized": bdt("230")})
    item = TransactionItem.objects.get()
    result = payment_app.execute(
        UPDATE,
        {
            "token": str(item.token),
            "transaction": {
                "name": "bKash (captured)",
                "amountCharged": bdt("200"),
                "amountAuthorized": bdt("0"),
                "amountCanceled": bdt("30"),
                "metadata": [{"key": "k", "value": "v"}],
            },
        },
    )["transactionUpdate"]
    assert result["errors"] == []
    transaction = result["transaction"]
    assert transaction["name"] == "bKash (captured)"
    assert (transaction["chargedAmount"], transaction["canceledAmount"]) == (
        {"amount": 200.0},
        {"amount": 30.0},
    )
    assert transaction["authorizedAmount"] == {"amount": 0.0}
    assert transaction["metadata"] == [{"key": "k", "value": "v"}]
    # a canceled amount cannot go down; amounts are in the transaction's currency; metadata
    # keys are not blank; a gateway reference is one transaction's
    create(payment_app, payable_checkout, {"pspReference": "TRX-9"})
    for change, expected in (
        ({"metadata": [{"key": " ", "value": "x"}]}, [("metadata", "METADATA_KEY_REQUIRED")]),
        ({"pspReference": "TRX-9"}, [("pspReference", "UNIQUE")]),
        ({"amountCanceled": bdt("10")}, [("amountCanceled", "INVALID")]),
        (
            {"amountCharged": {"amount": "1", "currency": "USD"}},
            [("currency", "INCORRECT_CURRENCY")],
        ),
    ):
        refused = payment_app.execute(UPDATE, {"id": _gid(item), "transaction": change})
        assert _errors(refused["transactionUpdate"]) == expected
    assert TransactionItem.objects.get(pk=item.pk).charged_value == Decimal("200.00")
    assert TransactionItem.objects.get(pk=item.pk).psp_reference == ""


def test_who_may_update_what(
    payable_checkout, payment_app, other_payment_app, payments_staff, plain_app, api_client
):
    create(payment_app, payable_checkout, {"name": "bKash"})
    app_owned = TransactionItem.objects.get()
    change = {"id": _gid(app_owned), "transaction": {"name": "Changed"}}
    # another app and staff may not change an app's transaction; no permission, no entry
    for client in (other_payment_app, payments_staff, plain_app, api_client):
        assert denied(client.execute_raw(UPDATE, change))
    assert TransactionItem.objects.get().name == "bKash"
    # staff change the transactions staff recorded
    create(payments_staff, payable_checkout, {"name": "Bank transfer"})
    staff_owned = TransactionItem.objects.get(name="Bank transfer")
    result = payments_staff.execute(
        UPDATE, {"id": _gid(staff_owned), "transaction": {"amountCharged": bdt("10")}}
    )["transactionUpdate"]
    assert result["errors"] == []
    assert denied(payment_app.execute_raw(UPDATE, {"id": _gid(staff_owned), "transaction": {}}))


def test_a_gateways_transaction_is_its_own(
    payable_checkout, dummy_gateway, api_client, payments_staff, payment_app
):
    initialize(api_client, checkout_gid(payable_checkout))
    item = TransactionItem.objects.get()
    for client in (payments_staff, payment_app):
        assert denied(client.execute_raw(UPDATE, {"id": _gid(item), "transaction": {"name": "x"}}))


def test_unknown_transactions(payment_app, db):
    unknown = base64.b64encode(b"TransactionItem:00000000-0000-0000-0000-000000000001").decode()
    for variables, code in (({"id": unknown}, "NOT_FOUND"), ({}, "GRAPHQL_ERROR")):
        result = payment_app.execute(UPDATE, variables)["transactionUpdate"]
        assert _errors(result) == [("id", code)]
