"""The client against the simulator over HTTP: each endpoint's answer, Nagad's refusals, and
every way the network can fail (an unknown outcome, never a guess)."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import httpx
import pytest

from payments.gateways.nagad import crypto
from payments.gateways.nagad.client import NagadClient, NagadRefusal
from payments.gateways.nagad.simulator import NagadSimulator
from plugins.framework.interface import PaymentGatewayError

from .conftest import MERCHANT_ID, make_client

IP = "198.51.100.4"


def _open_page(client: NagadClient, simulator, order_id: str = "ORDER1", amount="230.00"):
    opened = client.initialize(order_id=order_id, client_ip=IP)
    completed = client.complete(
        payment_reference_id=opened.payment_reference_id,
        order_id=order_id,
        amount=Decimal(amount),
        challenge=opened.challenge,
        callback_url="https://haat.test/plugins/nagad/return",
        additional_info={"haatTransaction": "t-1"},
        client_ip=IP,
    )
    return opened, completed


def test_initialize_sends_nagads_headers_and_a_sealed_signed_request(
    nagad_client, nagad, pg_key, merchant_key
):
    # when
    opened = nagad_client.initialize(order_id="ORDER1", client_ip=IP)

    # then Nagad gave a reference and a challenge of its own
    payment = nagad.payment(opened.payment_reference_id)
    assert opened.challenge == payment.challenge
    assert (payment.merchant_id, payment.order_id, payment.status) == (
        MERCHANT_ID,
        "ORDER1",
        "OrderInitiated",
    )
    # and the request was Nagad's: headers, path, and sensitive data sealed for Nagad
    request = nagad.requests[-1]
    assert request.method == "POST"
    assert request.path == f"/api/dfs/check-out/initialize/{MERCHANT_ID}/ORDER1"
    assert request.headers["x-km-api-version"] == "v-0.2.0"
    assert request.headers["x-km-ip-v4"] == IP
    assert request.headers["x-km-client-type"] == "PC_WEB"
    assert request.headers["content-type"] == "application/json"
    body = request.json()
    assert re.fullmatch(r"\d{14}", body["dateTime"])
    plaintext = crypto.decrypt(body["sensitiveData"], pg_key)
    sensitive = json.loads(plaintext)
    assert set(sensitive) == {"merchantId", "datetime", "orderId", "challenge"}
    assert (sensitive["merchantId"], sensitive["orderId"]) == (MERCHANT_ID, "ORDER1")
    assert sensitive["datetime"] == body["dateTime"]
    assert re.fullmatch(r"[A-Za-z0-9]{40}", sensitive["challenge"])
    assert crypto.is_signed(plaintext, body["signature"], merchant_key.public_key())


def test_complete_fixes_the_amount_and_gives_the_payment_page(nagad_client, nagad, pg_key):
    opened, completed = _open_page(nagad_client, nagad)

    assert completed.status == "Success"
    assert completed.redirect_url == nagad.page_url(opened.payment_reference_id)
    body = nagad.requests[-1].json()
    sensitive = json.loads(crypto.decrypt(body["sensitiveData"], pg_key))
    assert sensitive == {
        "merchantId": MERCHANT_ID,
        "orderId": "ORDER1",
        "currencyCode": "050",
        "amount": "230.00",
        "challenge": opened.challenge,
    }
    assert body["merchantCallbackURL"] == "https://haat.test/plugins/nagad/return"
    assert body["additionalMerchantInfo"] == {"haatTransaction": "t-1"}
    assert nagad.payment(opened.payment_reference_id).status == "Ready"


def test_verify_reads_nagads_record_with_an_exact_amount(nagad_client, nagad):
    opened, _ = _open_page(nagad_client, nagad, amount="1234.5")
    nagad.pay(opened.payment_reference_id)

    verification = nagad_client.verify(opened.payment_reference_id, client_ip=IP)

    payment = nagad.payment(opened.payment_reference_id)
    assert verification.amount == Decimal("1234.50")
    assert (verification.status, verification.status_code) == ("Success", "000")
    assert verification.issuer_payment_ref == payment.issuer_payment_ref != ""
    assert (verification.merchant_id, verification.order_id) == (MERCHANT_ID, "ORDER1")
    assert verification.payment_ref_id == opened.payment_reference_id
    assert verification.currency_code is None
    assert nagad.requests[-1].headers["x-km-api-version"] == "v-0.2.0"


def test_verify_before_payment_reports_a_pending_payment(nagad_client, nagad):
    opened, _ = _open_page(nagad_client, nagad)
    assert nagad_client.verify(opened.payment_reference_id, client_ip=IP).status == "Ready"


def test_a_request_signed_with_another_key_is_refused_as_nagad_would(nagad, pg_key):
    impostor = make_client(nagad, crypto.generate_private_key())

    with pytest.raises(NagadRefusal) as refusal:
        impostor.initialize(order_id="ORDER1", client_ip=IP)

    assert (refusal.value.reason, refusal.value.status_code) == ("InvalidSignature", 400)
    assert nagad.payments == {}


def test_nagad_refuses_an_order_id_used_before(nagad_client):
    nagad_client.initialize(order_id="ORDER1", client_ip=IP)
    with pytest.raises(NagadRefusal) as refusal:
        nagad_client.initialize(order_id="ORDER1", client_ip=IP)
    assert refusal.value.reason == "DuplicateOrderId"


def test_nagad_refuses_a_complete_without_its_challenge(nagad_client, nagad):
    opened = nagad_client.initialize(order_id="ORDER1", client_ip=IP)
    with pytest.raises(NagadRefusal) as refusal:
        nagad_client.complete(
            payment_reference_id=opened.payment_reference_id,
            order_id="ORDER1",
            amount=Decimal("230.00"),
            challenge="our-own-challenge",
            callback_url="https://haat.test/return",
            additional_info={},
            client_ip=IP,
        )
    assert refusal.value.reason == "InvalidChallenge"
    assert nagad.payment(opened.payment_reference_id).status == "OrderInitiated"


def test_nagad_refuses_to_verify_a_payment_it_does_not_know(nagad_client):
    with pytest.raises(NagadRefusal) as refusal:
        nagad_client.verify("Tm8gc3VjaCBwYXltZW50", client_ip=IP)
    assert refusal.value.reason == "InvalidPaymentRefId"


def test_an_answer_not_signed_by_nagad_is_refused(nagad_client, nagad):
    # given someone other than Nagad signs the answer
    nagad.response_signer = crypto.generate_private_key()

    with pytest.raises(NagadRefusal) as refusal:
        nagad_client.initialize(order_id="ORDER1", client_ip=IP)

    assert refusal.value.reason == "InvalidResponseSignature"


def test_an_answer_signed_over_its_base64_text_is_accepted_too(nagad_client, nagad):
    # Which text Nagad signs is uncertain: the decrypted JSON or the sealed base64.
    nagad.sign_ciphertext = True
    opened = nagad_client.initialize(order_id="ORDER1", client_ip=IP)
    assert opened.payment_reference_id in nagad.payments


@pytest.mark.parametrize("fault", ["error", "garbage", "drop"])
@pytest.mark.parametrize("endpoint", ["initialize", "complete", "verify"])
def test_a_failed_exchange_is_an_unknown_outcome(nagad_client, nagad, fault, endpoint):
    opened = None
    if endpoint != "initialize":
        opened, _ = _open_page(nagad_client, nagad, order_id="SETUP")
        if endpoint == "complete":
            opened = nagad_client.initialize(order_id="ORDER2", client_ip=IP)
    nagad.inject(fault, path=f"/{endpoint}")

    with pytest.raises(PaymentGatewayError):
        if endpoint == "initialize":
            nagad_client.initialize(order_id="ORDER1", client_ip=IP)
        elif endpoint == "complete":
            nagad_client.complete(
                payment_reference_id=opened.payment_reference_id,
                order_id="ORDER2",
                amount=Decimal("10.00"),
                challenge=opened.challenge,
                callback_url="https://haat.test/return",
                additional_info={},
                client_ip=IP,
            )
        else:
            nagad_client.verify(opened.payment_reference_id, client_ip=IP)


@pytest.mark.parametrize("endpoint", ["initialize", "verify"])
def test_a_timeout_is_an_unknown_outcome(nagad, merchant_key, endpoint):
    client = make_client(nagad, merchant_key, timeout=0.3)
    opened = client.initialize(order_id="ORDER1", client_ip=IP)
    nagad.inject("timeout", path=f"/{endpoint}")

    with pytest.raises(PaymentGatewayError) as error:
        if endpoint == "initialize":
            client.initialize(order_id="ORDER2", client_ip=IP)
        else:
            client.verify(opened.payment_reference_id, client_ip=IP)

    assert "in time" in str(error.value)


def test_an_unreachable_nagad_is_an_unknown_outcome(merchant_key, pg_key):
    simulator = NagadSimulator(pg_private_key=pg_key).start()
    client = make_client(simulator, merchant_key)
    simulator.stop()
    with pytest.raises(PaymentGatewayError) as error:
        client.initialize(order_id="ORDER1", client_ip=IP)
    assert "could not be reached" in str(error.value)


def test_the_simulator_refuses_a_call_without_nagads_headers(nagad):
    answer = httpx.post(
        f"{nagad.api_base_url}/check-out/initialize/{MERCHANT_ID}/ORDER1",
        json={"dateTime": "20250101120000", "sensitiveData": "", "signature": ""},
    )
    assert answer.status_code == 400
    assert answer.json()["reason"] == "InvalidApiVersion"


def test_the_simulator_verifies_without_headers_as_nagads_sample_calls_it(nagad_client, nagad):
    opened, _ = _open_page(nagad_client, nagad)
    answer = httpx.get(f"{nagad.api_base_url}/verify/payment/{opened.payment_reference_id}")
    assert answer.status_code == 200
    assert answer.json()["status"] == "Ready"
