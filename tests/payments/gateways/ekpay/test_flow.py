"""A customer pays with ekPay end to end: Haat on a live server, the simulator's page, its
redirects and IPNs over real HTTP; the checkout is credited once, whatever arrives twice, in
whichever order, or at the same time."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from backend.checkout.complete import complete_checkout
from payments.gateways.ekpay import PLUGIN_ID
from payments.gateways.ekpay.protocol import reference_for
from payments.transactions.models import PaymentNotification, TransactionEvent, TransactionItem
from tests.concurrency.parallel import run_together

from .conftest import AMOUNT, RETURN_URL, Customer, process, start_payment

pytestmark = pytest.mark.django_db(transaction=True)


def charges(item: TransactionItem) -> list[tuple[str, Decimal, str]]:
    return list(
        TransactionEvent.objects.filter(transaction=item, type="CHARGE_SUCCESS").values_list(
            "type", "amount_value", "psp_reference"
        )
    )


def notifications(kind: str) -> list[tuple[str, str]]:
    return list(
        PaymentNotification.objects.filter(
            gateway=PLUGIN_ID, dedupe_key__startswith=f"{kind}:"
        ).values_list("outcome", "detail")
    )


def test_a_customer_pays_and_the_checkout_becomes_a_paid_order(
    live_haat, ekpay, payable_checkout, customer
):
    # given a payment started by the storefront; ekPay's IPN is late
    ekpay.ipn_mode = "hold"
    started = start_payment(payable_checkout)
    item = started.transaction
    trnx_id = reference_for(item.token)

    # when the customer pays on ekPay's page
    at_ekpay = customer.press(started.data["redirectUrl"], "pay")

    # then ekPay sends the browser to Haat's success route, and Haat to the storefront
    success_url = ekpay.payments[trnx_id].feed["s_uri"]
    assert at_ekpay.headers["location"] == f"{success_url}&transId={trnx_id}"
    back = customer.follow(at_ekpay)
    assert back.status_code == 303
    assert back.headers["location"] == f"{RETURN_URL}?transaction={item.token}"
    assert notifications("return") == [
        ("accepted", "browser back from success: CHARGE_SUCCESS 230.00")
    ]

    # and transactionProcess finds the charge ekPay confirmed
    processed = process(payable_checkout, item)
    assert (processed.event.type, processed.event.amount_value) == ("CHARGE_SUCCESS", AMOUNT)
    item.refresh_from_db()
    assert item.charged_value == AMOUNT
    assert charges(item) == [("CHARGE_SUCCESS", AMOUNT, trnx_id)]
    assert item.available_actions == []
    # with ekPay's ids and fees kept for reconciliation
    payment = ekpay.payments[trnx_id]
    assert processed.event.message == (
        f"Paid via bKash (ekPay {payment.ekpay_trnx_id}); fees: ekpay_charge 1.15, "
        "pi_charge 2.30, total_ser_chrg 3.45, total_pabl_amt 233.45"
    )
    assert {
        key: value for key, value in item.private_metadata.items() if key != "ekpay.pay_timestamp"
    } == {
        "ekpay.trans_date": payment.requested_at.date().isoformat(),
        "ekpay.msg_code": "1020",
        "ekpay.trnx_id": payment.ekpay_trnx_id,
        "ekpay.amount": "230.00",
        "ekpay.currency": "BDT",
        "ekpay.pi_name": "bKash",
        "ekpay.pi_type": "MFS",
        "ekpay.pi_trnx_id": f"PI{payment.ekpay_trnx_id[3:]}",
        "ekpay.ekpay_charge": "1.15",
        "ekpay.pi_charge": "2.30",
        "ekpay.total_ser_chrg": "3.45",
        "ekpay.total_pabl_amt": "233.45",
    }

    # and the checkout completes as a paid order
    order = complete_checkout(token=payable_checkout.token, requestor=None)
    order.refresh_from_db()
    assert (order.charge_status, order.total_charged_amount) == ("full", AMOUNT)

    # and the late IPN changes nothing
    assert ekpay.deliver_ipn(trnx_id) == [200]
    assert charges(item) == [("CHARGE_SUCCESS", AMOUNT, trnx_id)]
    assert notifications("ipn") == [("accepted", "CHARGE_SUCCESS 230.00 (already recorded)")]


@pytest.mark.parametrize(
    ("button", "decline", "route", "message"),
    [
        ("cancel", False, "cancel", "ekPay: payment cancelled (1022 Transaction cancelled)"),
        ("pay", True, "fail", "ekPay: payment failed (1021 Transaction failed)"),
    ],
)
def test_a_cancelled_or_failed_payment_charges_nothing(
    live_haat, ekpay, payable_checkout, customer, button, decline, route, message
):
    # given
    ekpay.ipn_mode = "hold"
    ekpay.decline_next = decline
    started = start_payment(payable_checkout)
    item = started.transaction

    # when
    at_ekpay = customer.press(started.data["redirectUrl"], button)
    assert f"/return/{route}?" in at_ekpay.headers["location"]
    back = customer.follow(at_ekpay)

    # then the customer is back at the storefront with nothing charged
    assert back.headers["location"] == f"{RETURN_URL}?transaction={item.token}"
    processed = process(payable_checkout, item)
    assert (processed.event.type, processed.event.message) == ("CHARGE_FAILURE", message)
    item.refresh_from_db()
    assert item.charged_value == Decimal(0)
    assert charges(item) == []
    with pytest.raises(ValidationError):
        complete_checkout(token=payable_checkout.token, requestor=None)


def test_the_ipn_alone_credits_the_payment(live_haat, ekpay, payable_checkout, customer):
    # given a customer who paid and closed the browser
    ekpay.ipn_mode = "hold"
    started = start_payment(payable_checkout)
    customer.press(started.data["redirectUrl"], "pay")
    trnx_id = reference_for(started.transaction.token)

    # when ekPay's IPN arrives
    assert ekpay.deliver_ipn(trnx_id) == [200]

    # then Haat asked get-status and credited the checkout
    assert len(ekpay.requests_to("get-status")) == 1
    item = TransactionItem.objects.get()
    assert item.charged_value == AMOUNT
    assert notifications("ipn") == [("accepted", "CHARGE_SUCCESS 230.00")]
    assert ekpay.ipn_deliveries[-1].body == b'{"status": "received"}'


def test_ipn_twice_before_the_browser_returning_twice_and_processing_twice_credit_once(
    live_haat, ekpay, payable_checkout, customer
):
    # given ekPay posts its IPN twice before it sends the browser back
    ekpay.ipn_mode, ekpay.ipn_repeats = "before_redirect", 2
    started = start_payment(payable_checkout)
    item = started.transaction

    # when the customer comes back twice and the storefront processes twice
    at_ekpay = customer.press(started.data["redirectUrl"], "pay")
    assert [delivery.status_code for delivery in ekpay.ipn_deliveries] == [200, 200]
    for _ in range(2):
        assert customer.follow(at_ekpay).status_code == 303
    first, second = process(payable_checkout, item), process(payable_checkout, item)

    # then one charge
    item.refresh_from_db()
    assert item.charged_value == AMOUNT
    assert charges(item) == [("CHARGE_SUCCESS", AMOUNT, item.psp_reference)]
    assert first.event.pk == second.event.pk
    # the second IPN and return were the same messages: stored once
    assert notifications("ipn") == [("accepted", "CHARGE_SUCCESS 230.00")]
    assert notifications("return") == [
        ("accepted", "browser back from success: CHARGE_SUCCESS 230.00 (already recorded)")
    ]


def test_the_ipn_after_the_browser_and_processing_credits_nothing_more(
    live_haat, ekpay, payable_checkout, customer
):
    ekpay.ipn_mode = "hold"
    started = start_payment(payable_checkout)
    item = started.transaction
    customer.pay(started.data["redirectUrl"])
    process(payable_checkout, item)

    assert ekpay.deliver_ipn(reference_for(item.token), times=2) == [200, 200]

    item.refresh_from_db()
    assert item.charged_value == AMOUNT
    assert len(charges(item)) == 1


def test_the_ipn_sent_as_the_customer_returns_credits_once(
    live_haat, ekpay, payable_checkout, customer
):
    # given ekPay's default: the IPN from a thread of its own while the browser comes back
    started = start_payment(payable_checkout)
    item = started.transaction

    # when
    customer.pay(started.data["redirectUrl"])
    (delivery,) = ekpay.wait_for_ipns(1)

    # then
    assert delivery.status_code == 200
    item.refresh_from_db()
    assert item.charged_value == AMOUNT
    assert len(charges(item)) == 1


@pytest.mark.postgres  # real parallel connections: SQLite serialises them
def test_two_processes_at_once_credit_once(live_haat, ekpay, payable_checkout):
    # given a payment made at ekPay
    started = start_payment(payable_checkout)
    item = started.transaction
    ekpay.complete(reference_for(item.token))

    # when the storefront processes it twice at the same moment
    outcomes = run_together([lambda: process(payable_checkout, item)] * 2)

    # then
    assert {outcome.event.type for outcome in outcomes} == {"CHARGE_SUCCESS"}
    item.refresh_from_db()
    assert item.charged_value == AMOUNT
    assert len(charges(item)) == 1


@pytest.mark.postgres  # real parallel connections: SQLite serialises them
def test_browser_ipn_and_process_at_the_same_moment_credit_once(live_haat, ekpay, payable_checkout):
    # given a paid payment whose IPN and browser are both on their way
    ekpay.ipn_mode = "hold"
    started = start_payment(payable_checkout)
    item = started.transaction
    trnx_id = reference_for(item.token)
    at_ekpay = Customer().press(started.data["redirectUrl"], "pay")

    # when all three arrive together
    run_together(
        [
            lambda: process(payable_checkout, item),
            lambda: ekpay.deliver_ipn(trnx_id),
            lambda: Customer().follow(at_ekpay),
        ]
    )

    # then
    item.refresh_from_db()
    assert item.charged_value == AMOUNT
    assert len(charges(item)) == 1
    assert len(ekpay.requests_to("merchant-api")) == 1


def test_a_status_query_that_times_out_settles_nothing_and_is_asked_again(
    live_haat, configure_ekpay, simulator, payable_checkout
):
    # given a paid payment, and get-status slow to answer once
    configure_ekpay(timeout_seconds="0.3")
    started = start_payment(payable_checkout)
    item = started.transaction
    simulator.complete(reference_for(item.token))
    simulator.inject("timeout", path="get-status")

    # when the storefront processes it
    first = process(payable_checkout, item)

    # then the outcome is unknown: nothing charged, nothing failed
    assert first.gateway_error == "ekPay get-status did not answer in time."
    item.refresh_from_db()
    assert item.charged_value == Decimal(0)
    assert list(item.events.values_list("type", flat=True)) == [
        "CHARGE_REQUEST",
        "CHARGE_ACTION_REQUIRED",
    ]

    # and asking again settles it, without a second payment at ekPay
    second = process(payable_checkout, item)
    assert second.event.type == "CHARGE_SUCCESS"
    assert len(simulator.requests_to("merchant-api")) == 1
    assert len(simulator.requests_to("get-status")) == 2


def test_a_payment_whose_opening_timed_out_is_asked_about_never_opened_again(
    live_haat, configure_ekpay, simulator, payable_checkout
):
    configure_ekpay(timeout_seconds="0.3")
    simulator.inject("timeout", path="merchant-api")
    started = start_payment(payable_checkout)
    assert started.gateway_error

    processed = process(payable_checkout, started.transaction)

    assert processed.event.type == "CHARGE_ACTION_REQUIRED"
    assert processed.event.message == "Not paid at ekPay yet (1025 No transaction found)"
    assert len(simulator.requests_to("merchant-api")) == 1
    assert len(simulator.requests_to("get-status")) == 1


def test_an_ipn_that_cannot_be_confirmed_yet_is_taken_again(
    live_haat, configure_ekpay, simulator, payable_checkout, customer
):
    # given ekPay's get-status is down when the IPN arrives
    configure_ekpay(timeout_seconds="0.3")
    simulator.ipn_mode = "hold"
    started = start_payment(payable_checkout)
    customer.press(started.data["redirectUrl"], "pay")
    trnx_id = reference_for(started.transaction.token)
    simulator.inject("error", path="get-status")

    # when / then ekPay is asked to deliver it again, and the redelivery is taken
    assert simulator.deliver_ipn(trnx_id) == [503]
    assert notifications("ipn") == [("failed", "ekPay get-status answered HTTP 500.")]
    assert simulator.deliver_ipn(trnx_id) == [200]
    assert notifications("ipn") == [("accepted", "CHARGE_SUCCESS 230.00")]
    assert TransactionItem.objects.get().charged_value == AMOUNT


def test_a_browser_back_while_ekpay_is_down_still_reaches_the_storefront(
    live_haat, configure_ekpay, simulator, payable_checkout, customer
):
    configure_ekpay(timeout_seconds="0.3")
    simulator.ipn_mode = "hold"
    started = start_payment(payable_checkout)
    at_ekpay = customer.press(started.data["redirectUrl"], "pay")
    simulator.inject("drop", path="get-status")

    back = customer.follow(at_ekpay)

    assert back.headers["location"] == f"{RETURN_URL}?transaction={started.transaction.token}"
    assert notifications("return") == [
        ("failed", "ekPay get-status could not be reached (RemoteProtocolError).")
    ]
    assert TransactionItem.objects.get().charged_value == Decimal(0)
