"""The customer's way back from Nagad's page, on a live Haat: the return route stores each
callback, asks Nagad, credits once whatever order the browser, the storefront and a replay come
in, and changes nothing for forged, tampered, replayed or mismatched callbacks."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest
from django.core.exceptions import ValidationError

from backend.checkout.complete import complete_checkout
from payments.transactions.models import PaymentNotification, TransactionEvent, TransactionItem
from tests.concurrency.parallel import run_together

from .conftest import AMOUNT, PLUGIN_ID, RETURN_URL, STOREFRONT, process, start_payment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _event_types(item) -> list[str]:
    return list(
        TransactionEvent.objects.filter(transaction=item)
        .order_by("pk")
        .values_list("type", flat=True)
    )


def _charges(item) -> int:
    return TransactionEvent.objects.filter(transaction=item, type="CHARGE_SUCCESS").count()


def _notifications() -> list[tuple[str, str]]:
    return list(
        PaymentNotification.objects.filter(gateway=PLUGIN_ID)
        .order_by("pk")
        .values_list("outcome", "detail")
    )


def _verifications(simulator) -> int:
    return sum(1 for request in simulator.requests if "/verify/payment/" in request.path)


def _back_to_the_shop(item) -> str:
    return f"{RETURN_URL}&transaction={item.token}"


OPENED = ["CHARGE_REQUEST", "CHARGE_ACTION_REQUIRED"]


def test_a_customer_pays_and_the_checkout_becomes_a_paid_order(
    live_haat, nagad_gateway, nagad, shop_checkout, customer
):
    # given
    outcome = start_payment(shop_checkout)
    item = outcome.transaction

    # when the customer presses Pay and Nagad sends the browser back to Haat
    answer = customer.pay(outcome.data["redirectUrl"])

    # then Haat asked Nagad, credited the payment and sent the customer to the storefront
    assert answer.status_code == 303
    assert answer.headers["location"] == _back_to_the_shop(item)
    item.refresh_from_db()
    assert item.charged_value == AMOUNT
    assert _event_types(item) == [*OPENED, "CHARGE_SUCCESS"]
    [(outcome_name, detail)] = _notifications()
    assert outcome_name == "accepted"
    issuer_reference = nagad.payment(item.psp_reference).issuer_payment_ref
    assert detail == f"Nagad confirmed 230.00 BDT (transaction {issuer_reference})."
    assert PaymentNotification.objects.get().transaction_id == item.pk
    # and the storefront's transactionProcess finds it paid (Nagad is not asked again)
    assert process(shop_checkout, item).event.type == "CHARGE_SUCCESS"
    assert _verifications(nagad) == 1
    order = complete_checkout(token=shop_checkout.token, requestor=None)
    order.refresh_from_db()
    assert (order.charge_status, order.total_charged_amount) == ("full", AMOUNT)


def test_a_cancelled_payment_fails_and_charges_nothing(
    live_haat, nagad_gateway, nagad, shop_checkout, customer
):
    outcome = start_payment(shop_checkout)
    item = outcome.transaction

    answer = customer.pay(outcome.data["redirectUrl"], button="Cancel")

    assert answer.status_code == 303
    assert answer.headers["location"] == _back_to_the_shop(item)
    item.refresh_from_db()
    assert item.charged_value == Decimal(0)
    assert _event_types(item) == [*OPENED, "CHARGE_FAILURE"]
    assert process(shop_checkout, item).event.type == "CHARGE_FAILURE"
    with pytest.raises(ValidationError) as error:
        complete_checkout(token=shop_checkout.token, requestor=None)
    assert error.value.error_dict["id"][0].code == "checkout_not_fully_paid"


@pytest.mark.parametrize("browser_first", [True, False], ids=["browser-first", "process-first"])
def test_the_return_and_process_twice_each_credit_once(
    live_haat, nagad_gateway, nagad, shop_checkout, customer, browser_first
):
    item = start_payment(shop_checkout).transaction
    callback = customer.press(nagad.page_url(item.psp_reference), "Pay").headers["location"]

    def browser() -> list[int]:
        return [customer.http.get(callback).status_code for _ in range(2)]

    def storefront() -> list[str]:
        return [process(shop_checkout, item).event.type for _ in range(2)]

    if browser_first:
        returns, processed = browser(), storefront()
    else:
        processed, returns = storefront(), browser()

    assert returns == [303, 303]
    assert processed == ["CHARGE_SUCCESS", "CHARGE_SUCCESS"]
    item.refresh_from_db()
    assert item.charged_value == AMOUNT
    assert _charges(item) == 1
    # the same callback twice is one stored notification
    assert [outcome for outcome, _ in _notifications()] == ["accepted"]


@pytest.mark.postgres  # real parallel connections: SQLite serialises them
def test_a_callback_and_two_processes_at_the_same_moment_credit_once(
    live_haat, nagad_gateway, nagad, shop_checkout
):
    item = start_payment(shop_checkout).transaction
    nagad.pay(item.psp_reference)

    results = run_together(
        [
            lambda: process(shop_checkout, item).event.type,
            lambda: process(shop_checkout, item).event.type,
            lambda: nagad.deliver_callback(item.psp_reference).status_code,
        ]
    )

    assert results == ["CHARGE_SUCCESS", "CHARGE_SUCCESS", 303]
    item.refresh_from_db()
    assert item.charged_value == AMOUNT
    assert _charges(item) == 1


def test_a_forged_success_for_an_unpaid_payment_changes_nothing(
    live_haat, nagad_gateway, nagad, shop_checkout, customer
):
    # given a payment nobody has paid
    outcome = start_payment(shop_checkout)
    item = outcome.transaction

    # when a forged callback claims it succeeded
    answer = nagad.deliver_callback(
        item.psp_reference, status="Success", issuer_payment_ref="7FAKE"
    )

    # then Nagad was asked, nothing is credited, and the callback is on record as rejected
    assert answer.status_code == 303
    item.refresh_from_db()
    assert (item.charged_value, _event_types(item)) == (Decimal(0), OPENED)
    [(outcome_name, detail)] = _notifications()
    assert outcome_name == "rejected"
    assert detail == "The callback says Success; Nagad reports the payment Ready."
    # and replaying it asks nobody and still changes nothing
    nagad.deliver_callback(item.psp_reference, status="Success", issuer_payment_ref="7FAKE")
    assert _verifications(nagad) == 1
    assert len(_notifications()) == 1
    # and the customer's real payment is still credited
    assert customer.pay(outcome.data["redirectUrl"]).status_code == 303
    item.refresh_from_db()
    assert item.charged_value == AMOUNT


@pytest.mark.parametrize(
    ("tampered", "detail"),
    [
        ({"status": "Aborted"}, "The callback says Aborted; Nagad confirmed 230.00 BDT"),
        (
            {"order_id": "0123456789abcdef0123"},
            "The callback's merchant or order is not this payment's.",
        ),
        (
            {"merchant": "683000000000777"},
            "The callback's merchant or order is not this payment's.",
        ),
        ({"status": "Pending"}, "The callback's status 'Pending' is not one Nagad sends."),
    ],
)
def test_a_tampered_callback_for_a_paid_payment_changes_nothing(
    live_haat, nagad_gateway, nagad, shop_checkout, tampered, detail
):
    item = start_payment(shop_checkout).transaction
    nagad.pay(item.psp_reference)
    process(shop_checkout, item)

    nagad.deliver_callback(item.psp_reference, **tampered)

    item.refresh_from_db()
    assert item.charged_value == AMOUNT
    assert _event_types(item) == [*OPENED, "CHARGE_SUCCESS"]
    [(outcome_name, recorded)] = _notifications()
    assert outcome_name == "rejected"
    assert recorded.startswith(detail)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"amount": "23.00"}, "amount 23.00 is not 230.00"),
        ({"currencyCode": "840"}, "currency '840' is not BDT"),
    ],
)
def test_nagad_confirming_another_amount_or_currency_credits_nothing(
    live_haat, nagad_gateway, nagad, shop_checkout, customer, fields, problem
):
    outcome = start_payment(shop_checkout)
    item = outcome.transaction
    nagad.set_verify_fields(item.psp_reference, **fields)

    customer.pay(outcome.data["redirectUrl"])

    item.refresh_from_db()
    assert (item.charged_value, _event_types(item)) == (Decimal(0), OPENED)
    [(outcome_name, detail)] = _notifications()
    assert outcome_name == "rejected"
    assert problem in detail


def test_a_callback_for_an_unknown_payment_is_refused(live_haat, nagad_gateway, nagad, channel):
    url = f"{live_haat.url}/plugins/channel/{channel.slug}/{PLUGIN_ID}/return"

    answer = httpx.get(url, params={"payment_ref_id": "bm90IG91cnM=", "status": "Success"})

    assert answer.status_code == 400
    assert _notifications() == [("rejected", "Unknown Nagad payment 'bm90IG91cnM='.")]
    assert _verifications(nagad) == 0
    assert TransactionItem.objects.count() == 0


def test_a_timeout_while_verifying_the_return_settles_later_without_a_second_payment(
    live_haat, configure_nagad, nagad, shop_checkout, customer
):
    # given Nagad does not answer the first verification in time
    configure_nagad(timeout_seconds="0.3")
    outcome = start_payment(shop_checkout)
    item = outcome.transaction
    nagad.inject("timeout", path="/verify/payment/")

    # when the customer comes back
    callback = customer.press(outcome.data["redirectUrl"], "Pay").headers["location"]
    answer = customer.http.get(callback)

    # then the customer is sent back, nothing is credited yet, the callback is kept as failed
    assert answer.status_code == 303
    item.refresh_from_db()
    assert item.charged_value == Decimal(0)
    [(outcome_name, _)] = _notifications()
    assert outcome_name == "failed"
    # and the storefront's process asks Nagad again and is credited
    assert process(shop_checkout, item).event.type == "CHARGE_SUCCESS"
    # and the callback, arriving again, is processed again and credits nothing more
    assert customer.http.get(callback).status_code == 303
    assert _notifications()[0][0] == "accepted"
    assert _charges(item) == 1
    paths = [request.path for request in nagad.requests]
    assert sum("/initialize/" in path for path in paths) == 1
    assert sum("/complete/" in path for path in paths) == 1


def test_a_return_url_of_another_site_is_not_followed(
    live_haat, nagad_gateway, nagad, shop_checkout, customer
):
    outcome = start_payment(shop_checkout, data={"returnUrl": "https://evil.example/steal"})

    answer = customer.pay(outcome.data["redirectUrl"])

    assert answer.status_code == 200
    assert "location" not in answer.headers
    assert "return to the shop" in answer.text
    assert (
        outcome.transaction.__class__.objects.get(pk=outcome.transaction.pk).charged_value == AMOUNT
    )


def test_a_return_url_on_an_origin_the_plugin_allows_is_followed(
    live_haat, configure_nagad, nagad, shop_checkout, customer
):
    configure_nagad(allowed_return_origins="https://kiosk.haat.test, https://other.haat.test")
    outcome = start_payment(shop_checkout, data={"returnUrl": "https://kiosk.haat.test/done"})

    answer = customer.pay(outcome.data["redirectUrl"])

    assert answer.status_code == 303
    assert answer.headers["location"] == (
        f"https://kiosk.haat.test/done?transaction={outcome.transaction.token}"
    )
    assert STOREFRONT not in answer.headers["location"]


def test_the_return_route_takes_only_get(live_haat, nagad_gateway, channel):
    url = f"{live_haat.url}/plugins/channel/{channel.slug}/{PLUGIN_ID}/return"
    assert httpx.post(url, data={"status": "Success"}).status_code == 405
    assert _notifications() == []
