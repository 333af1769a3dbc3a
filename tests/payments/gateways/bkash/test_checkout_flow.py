"""Paying a checkout with bKash end to end: Haat's domain, the simulator's page in a
"browser", the return to Haat's live server, transactionProcess and checkout completion."""

from __future__ import annotations

import logging
from decimal import Decimal

import pytest

from backend.checkout.complete import complete_checkout
from payments.transactions.models import PaymentNotification, TransactionEvent, TransactionItem
from tests.payments.gateways.bkash.conftest import (
    BKASH,
    RETURN_URL,
    initialize,
    payment_id_of,
    process,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _charges(item) -> list[TransactionEvent]:
    return list(item.events.filter(type="CHARGE_SUCCESS"))


def test_a_customer_pays_on_bkash_and_the_checkout_becomes_a_paid_order(
    haat, simulator, checkout, customer, caplog
):
    caplog.set_level(logging.DEBUG)
    simulator.auto_notify = True
    # given a transaction started with bKash
    outcome = initialize(checkout)
    assert outcome.event.type == "CHARGE_ACTION_REQUIRED"
    redirect_url = outcome.data["redirectUrl"]
    payment_id = payment_id_of(redirect_url)
    assert redirect_url.startswith(simulator.base_url)
    assert outcome.transaction.psp_reference == payment_id
    created = simulator.calls("create")[0].json()
    assert created["merchantInvoiceNumber"] == str(outcome.transaction.token)
    assert (created["amount"], created["currency"], created["mode"], created["intent"]) == (
        "230.00",
        "BDT",
        "0011",
        "sale",
    )
    assert created["callbackURL"] == f"{haat.url}/plugins/channel/bd/{BKASH}/return"

    # when the customer presses Pay and comes back to Haat
    back = customer.pay(redirect_url)

    # then Haat executed the payment and sends the customer to the shop
    assert back.status_code == 303
    token = outcome.transaction.token
    assert back.headers["location"] == f"{RETURN_URL}?transaction={token}"
    item = TransactionItem.objects.get(pk=outcome.transaction.pk)
    assert item.charged_value == Decimal("230.00")
    assert len(simulator.calls("execute")) == 1

    # and bKash's notification, processed after it, changes nothing more
    assert simulator.wait_for_deliveries(1) == [200]
    processed = process(checkout, item)
    assert processed.event.type == "CHARGE_SUCCESS"
    item.refresh_from_db()
    assert [event.amount_value for event in _charges(item)] == [Decimal("230.00")]
    assert item.charged_value == Decimal("230.00")
    assert set(PaymentNotification.objects.values_list("outcome", flat=True)) == {"accepted"}

    # and no credential of Haat's at bKash reached a log (the live server's included)
    assert "bKash execute answered HTTP 200" in caplog.text  # logged by the live server
    desk = simulator.token_desk
    for secret in (*desk.credentials.values(), *desk.tokens, *desk.refresh_tokens):
        if secret not in ("sim-merchant", "sim-app-key"):  # identifiers, not secrets
            assert secret not in caplog.text

    # and the checkout completes into a paid order
    order = complete_checkout(token=checkout.token, requestor=None)
    order.refresh_from_db()
    assert order.charge_status == "full"
    assert order.total_charged_amount == Decimal("230.00")


def test_cancel_on_bkash_fails_the_transaction_and_charges_nothing(
    haat, simulator, checkout, customer
):
    outcome = initialize(checkout)

    back = customer.pay(outcome.data["redirectUrl"], label="Cancel")

    assert back.status_code == 303
    item = TransactionItem.objects.get(pk=outcome.transaction.pk)
    assert item.charged_value == Decimal("0")
    assert list(item.events.values_list("type", flat=True)) == [
        "CHARGE_REQUEST",
        "CHARGE_ACTION_REQUIRED",
        "CHARGE_FAILURE",
    ]
    assert simulator.calls("execute") == []
    assert process(checkout, item).event.type == "CHARGE_FAILURE"


def test_a_return_url_on_a_foreign_origin_gets_a_page_not_a_redirect(
    haat, simulator, checkout, customer
):
    outcome = initialize(checkout, return_url="https://evil.example.com/steal")

    back = customer.pay(outcome.data["redirectUrl"])

    assert back.status_code == 200
    assert "location" not in back.headers
    assert "return to the shop" in back.text
    assert TransactionItem.objects.get().charged_value == Decimal("230.00")


def test_process_executes_when_the_browser_never_came_back(haat, simulator, checkout, customer):
    # given the customer paid but closed the browser before the return
    outcome = initialize(checkout)
    customer.press(customer.open(outcome.data["redirectUrl"]), "Pay")

    # when the storefront asks
    processed = process(checkout, outcome.transaction)

    # then Haat executed it and the transaction is charged
    assert processed.event.type == "CHARGE_SUCCESS"
    assert processed.transaction.charged_value == Decimal("230.00")
    assert processed.transaction.available_actions == ["REFUND"]
    assert [r.json() for r in simulator.calls("execute")] == [
        {"paymentID": outcome.transaction.psp_reference}
    ]


def test_process_before_the_customer_paid_leaves_the_payment_waiting(haat, simulator, checkout):
    outcome = initialize(checkout)

    processed = process(checkout, outcome.transaction)

    assert processed.event.type == "CHARGE_ACTION_REQUIRED"
    assert processed.transaction.charged_value == Decimal("0")
    assert processed.data["redirectUrl"] == outcome.data["redirectUrl"]
