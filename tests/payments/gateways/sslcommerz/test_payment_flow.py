"""Paying through SSLCommerz end to end: Haat opens a session, the customer pays (or fails, or
cancels) on the simulator's page, the browser comes back, the IPN arrives, the storefront
processes the transaction and completes the checkout."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError

from backend.checkout.complete import complete_checkout
from backend.checkout.models import Checkout
from payments.gateways.sslcommerz.client import SESSION_PATH
from payments.gateways.sslcommerz.plugin import PLUGIN_ID
from payments.transactions.models import PaymentNotification, TransactionItem

from .conftest import (
    AMOUNT,
    RETURN_URL,
    STOREFRONT,
    charge_events,
    charged,
    live,
    press,
    process,
    start,
    submit,
    tran_id_of,
)

db = pytest.mark.django_db


@live
def test_a_customer_pays_and_the_checkout_becomes_a_paid_order(checkout, sslcommerz):
    # given a session opened at SSLCommerz for the checkout's 230.00
    started = start(checkout)
    assert started.event.type == "CHARGE_ACTION_REQUIRED"
    assert started.data["redirectUrl"].startswith(f"{sslcommerz.base_url}/gwprocess/v4/gw.php?")
    assert started.data["returnUrl"] == RETURN_URL
    tran_id = tran_id_of(started)
    assert started.transaction.psp_reference == tran_id
    asked = sslcommerz.payment(tran_id).request
    assert (asked["total_amount"], asked["currency"], asked["shipping_method"]) == (
        "230.00",
        "BDT",
        "NO",
    )
    assert asked["cus_email"] == "karim@example.com"
    assert asked["success_url"].endswith(
        f"/plugins/channel/bd/{PLUGIN_ID}/return/success?transaction={started.transaction.token}"
    )
    assert asked["ipn_url"].endswith(f"/plugins/channel/bd/{PLUGIN_ID}/ipn")

    # when the customer presses Pay and the browser carries the result back to Haat
    back = submit(press(started, "pay"))

    # then Haat sends the browser on to the storefront with the transaction's token
    assert back.status_code == 303
    location = back.headers["location"]
    assert location.startswith(f"{STOREFRONT}/checkout/paid?")
    assert parse_qs(urlsplit(location).query) == {
        "step": ["3"],
        "transaction": [str(started.transaction.token)],
    }
    # and the IPN (sent from SSLCommerz's side) is answered 200
    sslcommerz.wait_for_ipn(tran_id)
    assert sslcommerz.ipn_deliveries == [(tran_id, "VALID", 200)]

    # when the storefront processes the transaction
    processed = process(checkout)

    # then it is charged exactly once, exactly the amount
    assert processed.event.type == "CHARGE_SUCCESS"
    assert processed.event.amount_value == AMOUNT
    assert [event.psp_reference for event in charge_events()] == [tran_id]
    item = TransactionItem.objects.get()
    assert (item.charged_value, item.authorized_value) == (AMOUNT, Decimal(0))
    assert item.available_actions == ["REFUND"]
    assert Checkout.objects.get(pk=checkout.pk).total_charged_amount == AMOUNT
    # and both callbacks are on record as accepted
    outcomes = sorted(PaymentNotification.objects.values_list("outcome", flat=True))
    assert outcomes == ["accepted", "accepted"]

    # and the checkout completes into a fully paid order
    order = complete_checkout(token=checkout.token, requestor=None)
    order.refresh_from_db()
    assert order.charge_status == "full"
    assert order.total_charged_amount == AMOUNT
    # and only one session was ever opened at SSLCommerz
    assert [r.path for r in sslcommerz.requests].count(SESSION_PATH) == 1


@pytest.mark.parametrize(("button", "status"), [("cancel", "cancelled"), ("fail", "failed")])
@live
def test_a_cancelled_or_failed_payment_charges_nothing(checkout, sslcommerz, button, status):
    # given a session
    started = start(checkout)
    # when the customer presses Cancel (or the payment fails) and comes back
    back = submit(press(started, button))
    assert back.status_code == 303
    sslcommerz.wait_for_ipn(tran_id_of(started))
    # then the transaction failed, nothing is charged
    processed = process(checkout)
    assert processed.event.type == "CHARGE_FAILURE"
    assert processed.event.message == f"SSLCommerz: the payment was {status}."
    assert charged() == Decimal(0)
    assert len(charge_events("CHARGE_FAILURE")) == 1
    assert charge_events() == []
    # and the checkout cannot be completed
    with pytest.raises(ValidationError):
        complete_checkout(token=checkout.token, requestor=None)


@db
def test_a_customer_without_an_e_mail_pays_with_the_fallback_address(checkout, gateway_on):
    Checkout.objects.filter(pk=checkout.pk).update(email="")
    started = start(checkout)
    assert gateway_on.payment(tran_id_of(started)).request["cus_email"] == "no-email@haat.com.bd"


@db
def test_amounts_outside_sslcommerz_limits_are_refused_before_it_is_asked(checkout, gateway_on):
    with pytest.raises(ValidationError) as error:
        start(checkout, amount=Decimal("9.99"))
    assert error.value.error_dict["amount"][0].code == "invalid"
    assert TransactionItem.objects.count() == 0
    assert gateway_on.requests == []


@db
def test_the_storefront_that_comes_back_without_a_redirect_learns_from_a_query(
    checkout, gateway_on
):
    # given a payment completed at SSLCommerz that Haat heard nothing about
    started = start(checkout)
    gateway_on.complete(tran_id_of(started))
    # when the storefront processes it (no val_id in hand)
    processed = process(checkout)
    # then SSLCommerz's query and validation settle it
    assert processed.event.type == "CHARGE_SUCCESS"
    assert charged() == AMOUNT
    paths = [r.path for r in gateway_on.requests]
    assert paths[-2:] == [
        "/validator/api/merchantTransIDvalidationAPI.php",
        "/validator/api/validationserverAPI.php",
    ]


@db
def test_an_unpaid_session_stays_waiting_with_its_payment_page(checkout, gateway_on):
    started = start(checkout)
    processed = process(checkout)
    assert processed.event.type == "CHARGE_ACTION_REQUIRED"
    assert processed.data["redirectUrl"] == started.data["redirectUrl"]
    assert charged() == Decimal(0)


@live
def test_a_return_url_of_an_unknown_origin_is_not_followed(checkout, sslcommerz):
    started = start(checkout, return_url="https://evil.example.net/steal")
    back = submit(press(started, "pay"))
    assert back.status_code == 200
    assert "return to the shop" in back.text
    assert "evil" not in back.text


@db
def test_a_refused_session_is_a_charge_failure(checkout, gateway_on, enable_gateway, channel):
    from .conftest import configure

    configure(channel, enable_gateway, store_id="not-our-store")
    started = start(checkout)
    assert started.event.type == "CHARGE_FAILURE"
    assert started.event.message == (
        "SSLCommerz refused the payment: Store Credential Error Or Store is De-active."
    )
    assert charged() == Decimal(0)


@db
def test_a_timeout_opening_the_session_is_never_retried_as_a_second_session(checkout, gateway_on):
    # given SSLCommerz that does not answer the session request in time
    gateway_on.inject("timeout", path=SESSION_PATH)
    started = start(checkout)
    # then the transaction waits (the outcome is unknown), nothing recorded as a result
    assert started.gateway_error == "SSLCommerz did not answer /gwprocess/v4/api.php within 2 s."
    assert started.event.type == "CHARGE_REQUEST"
    # when the storefront processes it, Haat queries instead of opening another session
    gateway_on.release()
    processed = process(checkout)
    assert processed.event.type == "CHARGE_ACTION_REQUIRED"
    assert [r.path for r in gateway_on.requests].count(SESSION_PATH) == 1
