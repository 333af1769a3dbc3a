"""Checkout.availablePaymentGateways and paymentGatewayInitialize: which gateways take a
checkout, and each one's public setup for it."""

from __future__ import annotations

import base64

import pytest

from payments.transactions.models import TransactionItem

from .conftest import DUMMY, checkout_gid

pytestmark = pytest.mark.django_db

GATEWAYS = """
query Gateways($id: ID) {
  checkout(id: $id) { availablePaymentGateways { id name currencies config { field value } } }
}
"""
GATEWAY_INITIALIZE = """
mutation Setup($id: ID!, $amount: PositiveDecimal, $gateways: [PaymentGatewayToInitialize!]) {
  paymentGatewayInitialize(id: $id, amount: $amount, paymentGateways: $gateways) {
    gatewayConfigs { id data errors { field code message } }
    errors { field code message }
  }
}
"""


def _gateways(client, checkout) -> list:
    return client.execute(GATEWAYS, {"id": checkout_gid(checkout)})["checkout"][
        "availablePaymentGateways"
    ]


def test_the_checkout_lists_the_gateways_active_in_its_channel(
    api_client, payable_checkout, enable_gateway, channel
):
    # given no gateway on, then the dummy gateway turned on for the channel
    assert _gateways(api_client, payable_checkout) == []
    enable_gateway("payments.gateways.dummy.plugin.DummyGatewayPlugin", DUMMY, channel)
    # then the checkout lists it
    assert _gateways(api_client, payable_checkout) == [
        {"id": DUMMY, "name": "Dummy payment app", "currencies": ["BDT"], "config": []}
    ]


def test_each_gateway_asked_gives_its_setup(api_client, payable_checkout, dummy_gateway):
    result = api_client.execute(
        GATEWAY_INITIALIZE,
        {
            "id": checkout_gid(payable_checkout),
            "gateways": [{"id": DUMMY, "data": {"hello": "world"}}, {"id": "no.such.gateway"}],
        },
    )["paymentGatewayInitialize"]
    assert result["errors"] == []
    dummy, missing = result["gatewayConfigs"]
    # the dummy's public data, for what is left to pay
    assert dummy == {
        "id": DUMMY,
        "data": {"paymentMethods": ["dummy"], "amount": "230.00"},
        "errors": [],
    }
    # a gateway not active in the channel is NOT_FOUND
    assert missing["id"] == "no.such.gateway"
    assert missing["data"] is None
    assert [(e["field"], e["code"]) for e in missing["errors"]] == [("id", "NOT_FOUND")]
    assert TransactionItem.objects.count() == 0


def test_without_a_list_every_gateway_is_asked_for_the_amount_given(
    api_client, payable_checkout, dummy_gateway
):
    result = api_client.execute(
        GATEWAY_INITIALIZE, {"id": checkout_gid(payable_checkout), "amount": "100.50"}
    )["paymentGatewayInitialize"]
    assert result["gatewayConfigs"] == [
        {"id": DUMMY, "data": {"paymentMethods": ["dummy"], "amount": "100.50"}, "errors": []}
    ]


def test_refusals(api_client, other_customer, customer_checkout, dummy_gateway):
    cases = [
        (api_client, "not-an-id", "GRAPHQL_ERROR"),
        (api_client, base64.b64encode(b"Product:1").decode(), "INVALID"),
        # a customer's checkout does not exist for anyone else
        (other_customer, checkout_gid(customer_checkout), "NOT_FOUND"),
        (api_client, checkout_gid(customer_checkout), "NOT_FOUND"),
    ]
    for client, source_id, code in cases:
        result = client.execute(GATEWAY_INITIALIZE, {"id": source_id})["paymentGatewayInitialize"]
        assert result["gatewayConfigs"] is None
        assert [(e["field"], e["code"]) for e in result["errors"]] == [("id", code)]
