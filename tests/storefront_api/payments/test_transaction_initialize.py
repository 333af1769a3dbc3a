"""transactionInitialize: paying a checkout or an order through the dummy gateway; who may,
and each refusal's code."""

from __future__ import annotations

import base64
from decimal import Decimal

import pytest
from graphql_relay import to_global_id

from backend.checkout.models import Checkout
from payments.transactions.models import TransactionEvent, TransactionItem
from payments.transactions.sessions import TRANSACTION_ITEMS_LIMIT, initialize_transaction
from plugins.framework.manager import get_plugins_manager
from tests.payments.conftest import DUMMY, source_of

from .conftest import (
    COMPLETE,
    INITIALIZE,
    checkout_gid,
    denied,
    dummy,
    initialize,
    make_payable_checkout,
    order_of,
    payment_app,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.django_db


def test_a_charge_pays_the_checkout(api_client, payable_checkout, dummy_gateway):
    # when the storefront pays the whole checkout through the dummy gateway
    result = initialize(api_client, checkout_gid(payable_checkout))
    # then the transaction holds the charge, under Saleor's ID and names
    assert result["errors"] == []
    item = TransactionItem.objects.get()
    transaction = result["transaction"]
    assert base64.b64decode(transaction["id"]).decode() == f"TransactionItem:{item.token}"
    assert transaction["token"] == str(item.token)
    assert transaction["name"] == "Dummy payment app"
    assert transaction["chargedAmount"] == {"amount": 230.0, "currency": "BDT"}
    assert transaction["authorizedAmount"] == {"amount": 0.0, "currency": "BDT"}
    assert transaction["actions"] == ["REFUND"]
    assert transaction["pspReference"] == item.psp_reference != ""
    assert [event["type"] for event in transaction["events"]] == [
        "CHARGE_REQUEST",
        "CHARGE_SUCCESS",
    ]
    assert result["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert result["transactionEvent"]["amount"] == {"amount": 230.0}
    assert result["data"]["event"] == {"type": "CHARGE_SUCCESS"}
    # and the checkout counts it, with the customer's address from the request
    assert Checkout.objects.get().total_charged_amount == Decimal("230.00")
    assert item.customer_ip_address == "127.0.0.1"


def test_an_action_required_answer_gives_the_storefront_its_data(
    api_client, payable_checkout, dummy_gateway
):
    result = initialize(api_client, checkout_gid(payable_checkout), "CHARGE_ACTION_REQUIRED")
    assert result["errors"] == []
    assert result["transactionEvent"]["type"] == "CHARGE_ACTION_REQUIRED"
    assert result["transaction"]["chargedAmount"]["amount"] == 0.0
    assert result["data"]["event"] == {"type": "CHARGE_ACTION_REQUIRED"}
    assert Checkout.objects.get().total_charged_amount == 0


def test_the_same_idempotency_key_returns_the_same_transaction(
    api_client, payable_checkout, dummy_gateway
):
    first = initialize(api_client, checkout_gid(payable_checkout), key="order-42")
    again = initialize(api_client, checkout_gid(payable_checkout), key="order-42")
    assert again["errors"] == []
    assert again["transaction"]["id"] == first["transaction"]["id"]
    assert TransactionItem.objects.count() == 1
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1


def test_an_idempotency_key_of_another_payment_is_unique(
    api_client, payable_checkout, service_variant, dummy_gateway
):
    from tests.payments.conftest import make_payable_checkout

    initialize(api_client, checkout_gid(payable_checkout), "CHARGE_ACTION_REQUIRED", key="k-1")
    other = make_payable_checkout(api_client, service_variant)
    result = initialize(api_client, checkout_gid(other), key="k-1")
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("idempotencyKey", "UNIQUE")]
    assert TransactionItem.objects.count() == 1


def test_an_empty_or_overlong_idempotency_key_is_invalid(
    api_client, payable_checkout, dummy_gateway
):
    for key in ("", "k" * 513):
        result = initialize(api_client, checkout_gid(payable_checkout), key=key)
        errors = [(e["field"], e["code"]) for e in result["errors"]]
        assert errors == [("idempotencyKey", "INVALID")]
    assert TransactionItem.objects.count() == 0


def test_only_a_payment_app_chooses_the_flow_and_the_address(
    api_client,
    payable_checkout,
    dummy_gateway,
    payment_app,  # noqa: F811
):
    gid = checkout_gid(payable_checkout)
    # a storefront may not choose them
    for extra in ({"action": "AUTHORIZATION"}, {"ip": "203.0.113.9"}):
        response = api_client.execute_raw(INITIALIZE, {"id": gid, "gateway": dummy(), **extra})
        assert denied(response)
    assert TransactionItem.objects.count() == 0
    # a payment app may: an authorization for the customer at their address
    result = initialize(
        payment_app, gid, "AUTHORIZATION_SUCCESS", action="AUTHORIZATION", ip="203.0.113.9"
    )
    assert result["errors"] == []
    assert result["transaction"]["authorizedAmount"]["amount"] == 230.0
    assert TransactionItem.objects.get().customer_ip_address == "203.0.113.9"
    # an address that is none is INVALID
    wrong = initialize(payment_app, gid, ip="not-an-address")
    assert [(e["field"], e["code"]) for e in wrong["errors"]] == [("customerIpAddress", "INVALID")]


def test_a_gateway_that_is_off_is_not_found(api_client, payable_checkout):
    result = initialize(api_client, checkout_gid(payable_checkout))
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("paymentGateway", "NOT_FOUND")]
    assert TransactionItem.objects.count() == 0


def test_bad_amounts_are_invalid(api_client, payable_checkout, dummy_gateway):
    gid = checkout_gid(payable_checkout)
    for amount in ("10.001", "0"):
        result = initialize(api_client, gid, amount=amount)
        assert [(e["field"], e["code"]) for e in result["errors"]] == [("amount", "INVALID")]
    # once it is paid, nothing is left to pay
    initialize(api_client, gid)
    result = initialize(api_client, gid)
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("amount", "INVALID")]
    assert TransactionItem.objects.count() == 1


def test_ids_that_name_no_checkout_or_order(api_client, payable_checkout, dummy_gateway):
    cases = {
        "not-an-id": "GRAPHQL_ERROR",
        base64.b64encode(b"Product:1").decode(): "INVALID",
        checkout_gid(Checkout(token="00000000-0000-0000-0000-000000000001")): "NOT_FOUND",
        to_global_id("Order", "00000000-0000-0000-0000-000000000001"): "NOT_FOUND",
    }
    for source_id, code in cases.items():
        result = initialize(api_client, source_id)
        assert [(e["field"], e["code"]) for e in result["errors"]] == [("id", code)], source_id
    assert TransactionItem.objects.count() == 0


def test_a_customers_checkout_is_theirs_to_pay(
    customer, other_customer, api_client, customer_checkout, dummy_gateway
):
    gid = checkout_gid(customer_checkout)
    # another customer and anonymous are told it does not exist
    for client in (other_customer, api_client):
        result = initialize(client, gid)
        assert [(e["field"], e["code"]) for e in result["errors"]] == [("id", "NOT_FOUND")]
    assert TransactionItem.objects.count() == 0
    # its customer pays it
    assert initialize(customer, gid)["errors"] == []


@pytest.fixture
def unpaid_order(customer, service_variant, dummy_gateway) -> str:
    """The customer's order of 230.00, placed unpaid (the channel takes unpaid orders)."""
    checkout = make_payable_checkout(customer, service_variant)
    completed = customer.execute(COMPLETE, {"id": checkout_gid(checkout)})["checkoutComplete"]
    assert completed["errors"] == [] and completed["order"]["chargeStatus"] == "NONE"
    return completed["order"]["id"]


def test_an_order_is_paid_by_its_customer_or_staff(
    customer, other_customer, api_client, orders_staff, unpaid_order
):
    # another customer and anonymous are told it does not exist
    for client in (other_customer, api_client):
        result = initialize(client, unpaid_order, "CHARGE_ACTION_REQUIRED")
        assert [(e["field"], e["code"]) for e in result["errors"]] == [("id", "NOT_FOUND")]
    assert TransactionItem.objects.count() == 0
    # staff start a payment; the customer pays the rest
    staff = initialize(orders_staff, unpaid_order, amount="30.00")
    assert staff["errors"] == []
    paid = initialize(customer, unpaid_order)
    assert paid["errors"] == []
    assert paid["transaction"]["chargedAmount"]["amount"] == 200.0
    order = order_of(unpaid_order)
    assert (order.charge_status, order.total_charged_amount) == ("full", Decimal("230.00"))
    assert TransactionItem.objects.filter(order=order).count() == 2


def test_a_checkout_takes_at_most_100_transactions(api_client, payable_checkout, dummy_gateway):
    # given 100 payments started on the checkout (as transactionInitialize starts them)
    manager = get_plugins_manager()
    for _ in range(TRANSACTION_ITEMS_LIMIT):
        initialize_transaction(
            source=source_of(payable_checkout),
            gateway_id=DUMMY,
            action=None,
            amount=Decimal("1.00"),
            data={"event": {"type": "CHARGE_ACTION_REQUIRED"}},
            idempotency_key=None,
            customer_ip_address=None,
            requestor=None,
            manager=manager,
        )
    # then the next is refused
    result = initialize(api_client, checkout_gid(payable_checkout), amount="1.00")
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("transactions", "INVALID")]
    assert TransactionItem.objects.count() == TRANSACTION_ITEMS_LIMIT
