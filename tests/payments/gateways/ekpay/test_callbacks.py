"""Calls to Haat that must change nothing: forged, unsigned, tampered, foreign, unknown,
replayed or unreadable IPNs, payments of another amount or currency, and browser returns that
name no payment of ours or would send the customer to a stranger's site."""

from __future__ import annotations

import json
import logging
import uuid
from decimal import Decimal

import httpx
import pytest

from payments.gateways.ekpay import PLUGIN_ID
from payments.gateways.ekpay.protocol import reference_for
from payments.gateways.ekpay.simulator import SIM_PASSWORD
from payments.transactions.models import PaymentNotification, TransactionEvent, TransactionItem

from .conftest import AMOUNT, process, start_payment

pytestmark = pytest.mark.django_db(transaction=True)


def rows() -> list[tuple[str, str]]:
    return list(
        PaymentNotification.objects.filter(gateway=PLUGIN_ID)
        .order_by("pk")
        .values_list("outcome", "detail")
    )


def event_types() -> list[str]:
    return list(TransactionEvent.objects.order_by("pk").values_list("type", flat=True))


def test_forged_unsigned_foreign_unknown_and_unreadable_ipns_change_nothing(
    live_haat, ekpay, payable_checkout
):
    # given a payment the customer has not paid
    started = start_payment(payable_checkout)
    trnx_id = reference_for(started.transaction.token)
    ipn_url = ekpay.payments[trnx_id].ipn["ipn_uri"]
    unsigned = ekpay.ipn_payload(trnx_id, msg_code="1020", basic_Info__dgtl_sign="")
    foreign = ekpay.ipn_payload(trnx_id, msg_code="1020", basic_Info__mer_reg_id="someone")
    unknown = ekpay.ipn_payload(trnx_id, msg_code="1020")
    unknown["trnx_info"]["mer_trnx_id"] = stranger = reference_for(uuid.uuid4())

    # when
    answers = [
        ekpay.send_ipn(ekpay.forged_ipn(trnx_id)),
        ekpay.send_ipn(unsigned),
        ekpay.send_ipn(foreign),
        ekpay.send_ipn(unknown, url=ipn_url),
        httpx.post(ipn_url, content=b"<xml>not json</xml>", timeout=5).status_code,
    ]

    # then every one is stored, rejected, and answered so that ekPay stops
    assert answers == [200, 200, 200, 200, 400]
    assert rows() == [
        ("rejected", "IPN says 1020 230.00 BDT; get-status says 1024 230.00 BDT."),
        ("rejected", "Unsigned IPN (no dgtl_sign)."),
        ("rejected", "IPN for merchant 'someone', not ours."),
        ("rejected", f"No ekPay transaction {stranger!r} in Haat."),
        ("rejected", "Not an ekPay IPN."),
    ]
    # only the forged one was worth asking ekPay about
    assert len(ekpay.requests_to("get-status")) == 1
    assert event_types() == ["CHARGE_REQUEST", "CHARGE_ACTION_REQUIRED"]
    assert TransactionItem.objects.get().charged_value == Decimal(0)


def test_an_ipn_that_get_status_contradicts_is_rejected(live_haat, ekpay, payable_checkout):
    # given one payment paid and another failed at ekPay
    paid = start_payment(payable_checkout, idempotency_key="paid")
    failed = start_payment(payable_checkout, idempotency_key="failed", amount=Decimal("10.00"))
    paid_id, failed_id = (reference_for(outcome.transaction.token) for outcome in (paid, failed))
    ekpay.complete(paid_id)
    ekpay.complete(failed_id, "failed")

    # when their IPNs are tampered with: another amount, another outcome
    answers = [
        ekpay.send_ipn(ekpay.ipn_payload(paid_id, trnx_info__trnx_amt="2.30")),
        ekpay.send_ipn(ekpay.ipn_payload(failed_id, msg_code="1020")),
    ]

    # then
    assert answers == [200, 200]
    assert rows() == [
        ("rejected", "IPN says 1020 2.30 BDT; get-status says 1020 230.00 BDT."),
        ("rejected", "IPN says 1020 10.00 BDT; get-status says 1021 10.00 BDT."),
    ]
    assert sorted(TransactionItem.objects.values_list("charged_value", flat=True)) == [0, 0]
    assert "CHARGE_SUCCESS" not in event_types()


@pytest.mark.parametrize(
    ("confirmed", "mismatch"),
    [
        ({"amount": Decimal("229.00")}, "ekPay confirmed 229.00 BDT, not 230.00 BDT"),
        ({"currency": "USD"}, "ekPay confirmed a payment in USD, not BDT"),
    ],
    ids=["amount", "currency"],
)
def test_a_payment_of_another_amount_or_currency_is_never_credited(
    live_haat, ekpay, payable_checkout, customer, confirmed, mismatch
):
    # given ekPay records the payment otherwise than it was asked
    ekpay.ipn_mode = "hold"
    ekpay.confirm_next_payment_as(**confirmed)
    started = start_payment(payable_checkout)
    item = started.transaction

    # when its IPN and the customer arrive, and the storefront processes
    at_ekpay = customer.press(started.data["redirectUrl"], "pay")
    assert ekpay.deliver_ipn(reference_for(item.token)) == [200]
    customer.follow(at_ekpay)
    processed = process(payable_checkout, item)

    # then the callbacks change nothing, and processing calls it a failure to reconcile
    assert rows() == [("rejected", f"{mismatch}."), ("rejected", f"{mismatch}.")]
    assert (processed.event.type, processed.event.message) == (
        "CHARGE_FAILURE",
        f"{mismatch}: not credited; reconcile it with ekPay.",
    )
    item.refresh_from_db()
    assert item.charged_value == Decimal(0)
    assert event_types() == ["CHARGE_REQUEST", "CHARGE_ACTION_REQUIRED", "CHARGE_FAILURE"]
    # what ekPay recorded is kept for finance
    assert item.private_metadata["ekpay.msg_code"] == "1020"
    assert (item.private_metadata["ekpay.amount"], item.private_metadata["ekpay.currency"]) == (
        format(confirmed.get("amount", AMOUNT), ".2f"),
        confirmed.get("currency", "BDT"),
    )


def test_a_replayed_ipn_is_recognised_and_changes_nothing(live_haat, ekpay, payable_checkout):
    # given a paid payment whose IPN was taken
    started = start_payment(payable_checkout)
    trnx_id = reference_for(started.transaction.token)
    ekpay.complete(trnx_id)
    payload = ekpay.ipn_payload(trnx_id)
    assert ekpay.send_ipn(payload) == 200

    # when the same message comes back, twice
    replies = [ekpay.send_ipn(payload) for _ in range(2)]

    # then it is the stored message, not asked about again
    assert replies == [200, 200]
    assert [json.loads(d.body) for d in ekpay.ipn_deliveries] == [
        {"status": "received"},
        {"status": "duplicate"},
        {"status": "duplicate"},
    ]
    assert rows() == [("accepted", "CHARGE_SUCCESS 230.00")]
    assert len(ekpay.requests_to("get-status")) == 1
    assert TransactionItem.objects.get().charged_value == AMOUNT


def test_browser_returns_that_name_no_payment_of_ours_are_refused(
    live_haat, ekpay, payable_checkout
):
    started = start_payment(payable_checkout)
    item = started.transaction
    success = ekpay.payments[reference_for(item.token)].feed["s_uri"]
    base = success.split("?")[0]

    answers = [
        httpx.get(f"{base}?transId={reference_for(uuid.uuid4())}", timeout=5),
        httpx.get(f"{success}&transId={reference_for(uuid.uuid4())}", timeout=5),
        httpx.get(f"{base}?transaction=not-a-token", timeout=5),
        httpx.get(f"{live_haat.url}/plugins/channel/bd/{PLUGIN_ID}/return/elsewhere", timeout=5),
    ]

    assert [answer.status_code for answer in answers] == [404, 404, 404, 404]
    assert [outcome for outcome, _ in rows()] == ["rejected", "rejected", "rejected"]
    assert ekpay.requests_to("get-status") == []


def test_the_customer_is_never_sent_to_a_site_the_shop_does_not_trust(
    live_haat, ekpay, payable_checkout, customer
):
    ekpay.ipn_mode = "hold"
    started = start_payment(payable_checkout, return_url="https://evil.example/steal")

    back = customer.pay(started.data["redirectUrl"])

    assert back.status_code == 200
    assert "location" not in back.headers
    assert "return to the shop" in back.text
    # the payment itself is still confirmed
    assert TransactionItem.objects.get().charged_value == AMOUNT


def test_the_password_never_leaves_haat_except_to_ekpay(
    live_haat, ekpay, payable_checkout, customer, caplog
):
    caplog.set_level(logging.DEBUG)
    started = start_payment(payable_checkout)
    customer.pay(started.data["redirectUrl"])
    ekpay.wait_for_ipns(1)
    processed = process(payable_checkout, started.transaction)

    assert processed.event.type == "CHARGE_SUCCESS"
    assert SIM_PASSWORD not in json.dumps(started.data)
    assert SIM_PASSWORD not in json.dumps(processed.data)
    assert SIM_PASSWORD not in caplog.text
    item = TransactionItem.objects.get()
    assert SIM_PASSWORD not in json.dumps([item.session_data, item.private_metadata])
    assert all(
        SIM_PASSWORD.encode() not in bytes(body)
        for body in PaymentNotification.objects.values_list("body", flat=True)
    )
    # it did reach ekPay, once
    (opened,) = ekpay.requests_to("merchant-api")
    assert opened.json()["mer_info"]["mer_pas_key"] == SIM_PASSWORD
