"""The ekPay client against the simulator over HTTP: every endpoint's answers and refusals,
and every way the network can fail, which leaves the outcome unknown."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from payments.gateways.ekpay.client import (
    Customer,
    EkpayClient,
    EkpayRefused,
    PaymentRequest,
)
from payments.gateways.ekpay.protocol import reference_for
from payments.gateways.ekpay.simulator import SIM_MERCHANT_ID, SIM_PASSWORD
from plugins.framework.interface import PaymentGatewayError

TOKEN = "6f1c2c0e-8a53-4d7e-9a0b-3e2f8d7c1b2a"
TRNX_ID = reference_for(TOKEN)
# 18:30 UTC is already the next day in Dhaka.
REQUESTED_AT = datetime(2025, 3, 9, 18, 30, 5, tzinfo=UTC)


def payment_request(**changes) -> PaymentRequest:
    fields = {
        "trnx_id": TRNX_ID,
        "amount": Decimal("230.00"),
        "order_id": TRNX_ID,
        "order_description": "Haat checkout payment",
        "customer": Customer(id="Q2hlY2tvdXQ6MQ==", name="Karim", email="karim@example.com"),
        "success_url": "https://haat.example/plugins/ekpay/return/success?transaction=" + TOKEN,
        "fail_url": "https://haat.example/plugins/ekpay/return/fail?transaction=" + TOKEN,
        "cancel_url": "https://haat.example/plugins/ekpay/return/cancel?transaction=" + TOKEN,
        "ipn_url": "https://haat.example/plugins/ekpay/ipn",
        "server_ip": "127.0.0.1",
        "requested_at": REQUESTED_AT,
    }
    return PaymentRequest(**{**fields, **changes})


def test_initiate_sends_ekpays_json_and_gives_the_payment_page(client, simulator):
    # when
    opened = client.initiate(payment_request())

    # then the page is the base URL with the secure token and our reference
    payment = simulator.payments[TRNX_ID]
    assert opened.secure_token == payment.secure_token
    assert opened.redirect_url == (
        f"{simulator.api_base}?sToken={payment.secure_token}&trnsID={TRNX_ID}"
    )
    # and the body is ekPay's, amounts as 2-decimal strings and Bangladesh time
    (sent,) = simulator.requests_to("merchant-api")
    body = sent.json()
    assert body["mer_info"] == {"mer_reg_id": SIM_MERCHANT_ID, "mer_pas_key": SIM_PASSWORD}
    assert body["req_timestamp"] == "2025-03-10 00:30:05 GMT+6"
    assert body["trns_info"] == {
        "trnx_id": TRNX_ID,
        "trnx_amt": "230.00",
        "trnx_currency": "BDT",
        "ord_id": TRNX_ID,
        "ord_det": "Haat checkout payment",
    }
    assert body["ipn_info"] == {
        "ipn_channel": "1",
        "ipn_email": "",
        "ipn_uri": "https://haat.example/plugins/ekpay/ipn",
    }
    assert body["mac_addr"] == "127.0.0.1"
    assert set(body["feed_uri"]) == {"s_uri", "f_uri", "c_uri"}
    assert sent.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("client_changes", "request_changes", "code", "message"),
    [
        ({"password": "wrong"}, {}, "4001", "Invalid merchant credentials"),
        ({"merchant_id": "someone_else"}, {}, "4001", "Invalid merchant credentials"),
        ({}, {"server_ip": "198.51.100.4"}, "4002", "not whitelisted"),
        ({}, {"amount": Decimal("0.00")}, "4003", "Invalid trnx_amt"),
        ({}, {"ipn_url": ""}, "4003", "Missing field ipn_uri"),
    ],
)
def test_initiate_refusals_raise_ekpay_refused(
    simulator, client_changes, request_changes, code, message
):
    client = EkpayClient(
        **{
            "base_url": simulator.api_base,
            "merchant_id": SIM_MERCHANT_ID,
            "password": SIM_PASSWORD,
            **client_changes,
        }
    )
    with pytest.raises(EkpayRefused) as refusal:
        client.initiate(payment_request(**request_changes))
    assert refusal.value.code == code
    assert message in str(refusal.value)
    assert simulator.payments == {}


def test_the_same_reference_cannot_open_a_second_payment(client, simulator):
    client.initiate(payment_request())
    with pytest.raises(EkpayRefused) as refusal:
        client.initiate(payment_request())
    assert refusal.value.code == "4004"
    assert list(simulator.payments) == [TRNX_ID]


def test_get_status_of_an_unpaid_payment_is_not_settled(client):
    client.initiate(payment_request())
    status = client.get_status(trnx_id=TRNX_ID, trans_date=date(2025, 3, 10))
    assert (status.msg_code, status.is_settled, status.is_paid) == ("1024", False, False)
    assert status.merchant_reference == TRNX_ID
    assert status.amount == Decimal("230.00")


def test_get_status_of_a_paid_payment_carries_the_amount_fees_and_both_references(
    client, simulator
):
    # given
    client.initiate(payment_request())
    payment = simulator.complete(TRNX_ID)

    # when
    status = client.get_status(trnx_id=TRNX_ID, trans_date=date(2025, 3, 10))

    # then
    assert (status.msg_code, status.is_paid) == ("1020", True)
    assert (status.amount, status.currency) == (Decimal("230.00"), "BDT")
    assert status.merchant_reference == TRNX_ID
    assert status.ekpay_reference == payment.ekpay_trnx_id
    assert status.merchant_id == SIM_MERCHANT_ID
    assert status.signature
    assert status.charges == {
        "ekpay_charge": Decimal("1.15"),
        "pi_charge": Decimal("2.30"),
        "total_ser_chrg": Decimal("3.45"),
        "total_pabl_amt": Decimal("233.45"),
    }
    (asked,) = simulator.requests_to("get-status")
    assert asked.json() == {
        "username": SIM_MERCHANT_ID,
        "trnx_id": TRNX_ID,
        "trans_date": "2025-03-10",
    }


@pytest.mark.parametrize(
    ("outcome", "code"), [("paid", "1020"), ("failed", "1021"), ("cancelled", "1022")]
)
def test_get_status_reports_each_outcome(client, simulator, outcome, code):
    client.initiate(payment_request())
    simulator.complete(TRNX_ID, outcome)
    status = client.get_status(trnx_id=TRNX_ID, trans_date=date(2025, 3, 10))
    assert (status.msg_code, status.is_settled) == (code, True)


@pytest.mark.parametrize(
    "trans_date_and_id",
    [(date(2025, 3, 9), TRNX_ID), (date(2025, 3, 10), reference_for(TOKEN[::-1]))],
    ids=["another day", "another reference"],
)
def test_get_status_of_an_unknown_payment(client, trans_date_and_id):
    client.initiate(payment_request())
    trans_date, trnx_id = trans_date_and_id
    status = client.get_status(trnx_id=trnx_id, trans_date=trans_date)
    assert (status.msg_code, status.is_settled, status.amount) == ("1025", False, None)


def test_the_simulator_answers_get_status_with_or_without_username(client, simulator):
    client.initiate(payment_request())
    simulator.complete(TRNX_ID)
    without = simulator_post(simulator, {"trnx_id": TRNX_ID, "trans_date": "2025-03-10"})
    wrong = simulator_post(
        simulator, {"username": "x", "trnx_id": TRNX_ID, "trans_date": "2025-03-10"}
    )
    assert (without["msg_code"], wrong["msg_code"]) == ("1020", "1025")


def simulator_post(simulator, body: dict) -> dict:
    import httpx

    return httpx.post(f"{simulator.api_base}/get-status", json=body, timeout=2).json()


@pytest.mark.parametrize("fault", ["timeout", "error", "garbage", "drop"])
@pytest.mark.parametrize("endpoint", ["merchant-api", "get-status"])
def test_network_failures_leave_the_outcome_unknown(simulator, fault, endpoint):
    # given a client that gives up quickly
    client = EkpayClient(
        base_url=simulator.api_base,
        merchant_id=SIM_MERCHANT_ID,
        password=SIM_PASSWORD,
        timeout=0.3,
    )
    simulator.inject(fault, path=endpoint)

    # when / then
    with pytest.raises(PaymentGatewayError) as error:
        if endpoint == "merchant-api":
            client.initiate(payment_request())
        else:
            client.get_status(trnx_id=TRNX_ID, trans_date=date(2025, 3, 10))
    assert SIM_PASSWORD not in str(error.value)
    assert len(simulator.requests_to(endpoint)) == 1


def test_an_unreachable_ekpay_is_unknown_not_refused(simulator):
    client = EkpayClient(
        base_url="http://127.0.0.1:9/ekpaypg/v1",
        merchant_id=SIM_MERCHANT_ID,
        password=SIM_PASSWORD,
        timeout=0.3,
    )
    with pytest.raises(PaymentGatewayError):
        client.initiate(payment_request())


def test_the_client_never_shows_the_password():
    client = EkpayClient(
        base_url="https://sandbox.ekpay.gov.bd/ekpaypg/v1",
        merchant_id=SIM_MERCHANT_ID,
        password=SIM_PASSWORD,
    )
    assert SIM_PASSWORD not in repr(client)
    assert client.timeout == 30.0
