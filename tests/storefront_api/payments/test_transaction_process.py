"""transactionProcess: the gateway settles a session the storefront started; refusals."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from backend.checkout.models import Checkout
from payments.transactions.models import TransactionEvent, TransactionItem
from plugins.framework.configuration import update_plugin_configuration

from .conftest import PROCESS, checkout_gid, initialize

pytestmark = pytest.mark.django_db

CREATE = """
mutation Create($id: ID!, $transaction: TransactionCreateInput!) {
  transactionCreate(id: $id, transaction: $transaction) {
    transaction { id } errors { field code }
  }
}
"""


def _errors(result) -> list[tuple]:
    return [(e["field"], e["code"]) for e in result["errors"]]


@pytest.fixture
def started(api_client, payable_checkout, dummy_gateway) -> dict:
    """A session the dummy gateway answered with CHARGE_ACTION_REQUIRED: the transaction."""
    result = initialize(api_client, checkout_gid(payable_checkout), "CHARGE_ACTION_REQUIRED")
    assert result["errors"] == []
    return result["transaction"]


def test_process_settles_the_payment_once(api_client, payable_checkout, started):
    # when the storefront is back and the gateway confirms the charge
    data = {"event": {"type": "CHARGE_SUCCESS"}}
    result = api_client.execute(PROCESS, {"id": started["id"], "data": data})["transactionProcess"]
    # then it is charged, and the checkout counts it
    assert result["errors"] == []
    assert result["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert result["transaction"]["chargedAmount"]["amount"] == 230.0
    assert Checkout.objects.get().total_charged_amount == 230
    # and processing it again (by its token) answers as it stands, charging nothing more
    again = api_client.execute(PROCESS, {"token": started["token"], "data": data})[
        "transactionProcess"
    ]
    assert again["transactionEvent"]["id"] == result["transactionEvent"]["id"]
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1


def test_ids_that_name_no_transaction(api_client, started):
    unknown = to_global_id("TransactionItem", "00000000-0000-0000-0000-000000000001")
    cases = [
        ({}, "GRAPHQL_ERROR"),
        ({"id": started["id"], "token": started["token"]}, "GRAPHQL_ERROR"),
        ({"id": "not-an-id"}, "GRAPHQL_ERROR"),
        ({"id": to_global_id("Checkout", started["token"])}, "GRAPHQL_ERROR"),
        ({"id": unknown}, "NOT_FOUND"),
    ]
    for variables, code in cases:
        result = api_client.execute(PROCESS, variables)["transactionProcess"]
        assert _errors(result) == [("id", code)], variables
        assert result["transaction"] is None


def test_another_customers_transaction_is_not_found(
    customer, other_customer, api_client, customer_checkout, dummy_gateway
):
    started = initialize(customer, checkout_gid(customer_checkout), "CHARGE_ACTION_REQUIRED")
    for client in (other_customer, api_client):
        result = client.execute(PROCESS, {"id": started["transaction"]["id"]})["transactionProcess"]
        assert _errors(result) == [("id", "NOT_FOUND")]
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 0


def test_a_gateway_turned_off_is_missing(api_client, started, channel):
    update_plugin_configuration(
        plugin_id="saleor.io.dummy-payment-app", channel=channel, active=False, configuration=[]
    )
    result = api_client.execute(PROCESS, {"id": started["id"]})["transactionProcess"]
    assert _errors(result) == [("id", "MISSING_PAYMENT_APP")]


def test_a_transaction_of_no_gateway_cannot_be_processed(
    api_client, payable_checkout, payments_staff
):
    created = payments_staff.execute(
        CREATE,
        {"id": checkout_gid(payable_checkout), "transaction": {"name": "Bank transfer"}},
    )["transactionCreate"]
    assert created["errors"] == []
    result = api_client.execute(PROCESS, {"id": created["transaction"]["id"]})["transactionProcess"]
    assert _errors(result) == [("id", "MISSING_PAYMENT_APP_RELATION")]


def test_a_transaction_whose_checkout_is_gone_is_invalid(payments_staff, started):
    Checkout.objects.all().delete()
    assert TransactionItem.objects.get().checkout_id is None
    result = payments_staff.execute(PROCESS, {"id": started["id"]})["transactionProcess"]
    assert _errors(result) == [("id", "INVALID")]
