"""The SSLCommerz client against the simulator over loopback HTTP: each endpoint's answers and
refusals, and every way a call can fail (timeout, HTTP 500, garbage, a dropped connection)."""

from __future__ import annotations

import logging
from decimal import Decimal

import pytest

from payments.gateways.sslcommerz.client import (
    MERCHANT_API_PATH,
    SESSION_PATH,
    VALIDATION_PATH,
    SslcommerzClient,
    SslcommerzRefused,
)
from payments.gateways.sslcommerz.simulator import STORE_PASSWORD
from plugins.framework.interface import PaymentGatewayError

SESSION = {
    "total_amount": "230.00",
    "currency": "BDT",
    "tran_id": "TESTTRAN0001",
    "success_url": "http://127.0.0.1:9/return/success",
    "fail_url": "http://127.0.0.1:9/return/fail",
    "cancel_url": "http://127.0.0.1:9/return/cancel",
    "ipn_url": "http://127.0.0.1:9/ipn",
    "cus_name": "Karim Mia",
    "cus_email": "karim@example.com",
    "cus_add1": "House 5, Road 2",
    "cus_city": "Kaliakair",
    "cus_country": "Bangladesh",
    "cus_phone": "+8801712345678",
    "shipping_method": "NO",
    "product_name": "Birth certificate application",
    "product_category": "general",
    "product_profile": "general",
}


def other_store(client: SslcommerzClient) -> SslcommerzClient:
    return SslcommerzClient(client.base_url, client.store_id, "wrong-password", timeout=2.0)


def paid_session(client, gateway, **changes) -> str:
    assert client.create_session({**SESSION, **changes}).is_created
    tran_id = changes.get("tran_id", SESSION["tran_id"])
    gateway.complete(tran_id)
    return tran_id


def test_a_session_is_opened_with_the_store_credentials_in_the_form(client, gateway):
    session = client.create_session(SESSION)
    assert session.is_created
    assert session.gateway_page_url == (
        f"{gateway.base_url}/gwprocess/v4/gw.php?Q=pay&SESSIONKEY={session.session_key}"
    )
    [request] = gateway.requests
    assert (request.method, request.path) == ("POST", SESSION_PATH)
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.form() == {
        "store_id": client.store_id,
        "store_passwd": STORE_PASSWORD,
        **SESSION,
    }


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"total_amount": "9.99"}, "Invalid Information: total_amount must be 10.00 to 500000.00"),
        ({"total_amount": "500000.01"}, "Invalid Information: total_amount must be 10.00 to "),
        ({"tran_id": "T" * 31}, "Invalid Information: tran_id is longer than 30 characters"),
        ({"cus_email": ""}, "Invalid Information: cus_email is required"),
    ],
)
def test_a_session_sslcommerz_refuses_says_why(client, changes, reason):
    session = client.create_session({**SESSION, **changes})
    assert not session.is_created
    assert session.status == "FAILED"
    assert session.failed_reason.startswith(reason)


def test_a_duplicate_tran_id_or_wrong_credentials_are_refused(client):
    assert client.create_session(SESSION).is_created
    assert client.create_session(SESSION).failed_reason == "Duplicate tran_id"
    refused = other_store(client).create_session({**SESSION, "tran_id": "OTHER"})
    assert refused.failed_reason == "Store Credential Error Or Store is De-active"


def test_validation_reports_the_payment_then_that_it_was_validated(client, gateway):
    tran_id = paid_session(client, gateway)
    val_id = gateway.payment(tran_id).val_id
    first = client.validate(val_id)
    assert (first.status, first.tran_id, first.val_id) == ("VALID", tran_id, val_id)
    assert first.amount == Decimal("230.00")
    assert first.store_amount == Decimal("224.25")
    assert first.currencies == ("BDT", "BDT")
    assert first.risk_level == 0
    assert first.is_paid
    assert client.validate(val_id).status == "VALIDATED"
    query = gateway.requests[-1].query
    assert (query["v"], query["format"], query["store_id"]) == ("1", "json", client.store_id)


def test_validation_of_an_unknown_val_id_and_with_wrong_credentials(client, gateway):
    assert client.validate("0000").status == "INVALID_TRANSACTION"
    with pytest.raises(SslcommerzRefused) as refused:
        other_store(client).validate("0000")
    assert refused.value.api_connect == "INVALID_REQUEST"
    assert str(refused.value) == "SSLCommerz refused the validation (APIConnect INVALID_REQUEST)."


def test_the_query_lists_the_attempts_by_tran_id_or_session(client, gateway):
    session = client.create_session(SESSION)
    [waiting] = client.query(tran_id=SESSION["tran_id"])
    assert (waiting.status, waiting.val_id) == ("UNATTEMPTED", "")
    gateway.complete(SESSION["tran_id"])
    [paid] = client.query(session_key=session.session_key)
    assert (paid.status, paid.bank_tran_id) == (
        "VALID",
        gateway.payment("TESTTRAN0001").bank_tran_id,
    )
    assert client.query(tran_id="NOT-KNOWN") == []
    with pytest.raises(SslcommerzRefused):
        other_store(client).query(tran_id=SESSION["tran_id"])


def test_a_refund_and_its_status(client, gateway):
    tran_id = paid_session(client, gateway)
    bank_tran_id = gateway.payment(tran_id).bank_tran_id
    gateway.refund_outcome = "processing"
    answer = client.refund(
        bank_tran_id=bank_tran_id, amount=Decimal("30"), remarks="Damaged", reference="R1"
    )
    assert (answer.status, answer.bank_tran_id, answer.error_reason) == (
        "processing",
        bank_tran_id,
        "",
    )
    assert gateway.requests[-1].query["refund_amount"] == "30.00"
    assert client.refund_status(answer.refund_ref_id).status == "processing"
    gateway.settle_refund(answer.refund_ref_id)
    assert client.refund_status(answer.refund_ref_id).status == "refunded"
    with pytest.raises(SslcommerzRefused):
        client.refund_status("RF-UNKNOWN")


def test_a_refund_beyond_the_payment_or_of_an_unknown_payment_fails(client, gateway):
    tran_id = paid_session(client, gateway)
    bank_tran_id = gateway.payment(tran_id).bank_tran_id
    beyond = client.refund(
        bank_tran_id=bank_tran_id, amount=Decimal("230.01"), remarks="x", reference="R1"
    )
    assert (beyond.status, beyond.error_reason) == (
        "failed",
        "Refund amount is greater than the refundable amount",
    )
    unknown = client.refund(bank_tran_id="999", amount=Decimal("1"), remarks="x", reference="R2")
    assert unknown.error_reason == "Invalid bank transaction ID"
    gateway.answer_casing = "upper"
    done = client.refund(
        bank_tran_id=bank_tran_id, amount=Decimal("1"), remarks="x", reference="R3"
    )
    assert done.status == "success"  # SUCCESS, read in either casing
    with pytest.raises(SslcommerzRefused):
        other_store(client).refund(
            bank_tran_id=bank_tran_id, amount=Decimal("1"), remarks="x", reference="R4"
        )


CALLS = {
    SESSION_PATH: lambda client: client.create_session(SESSION),
    VALIDATION_PATH: lambda client: client.validate("0000"),
    MERCHANT_API_PATH: lambda client: client.query(tran_id="T"),
}


@pytest.mark.parametrize("path", list(CALLS))
@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("error", "SSLCommerz answered {path} with HTTP 500."),
        ("garbage", "SSLCommerz answered {path} with something that is not JSON."),
        ("drop", "SSLCommerz could not be reached at {path} (RemoteProtocolError)."),
        ("timeout", "SSLCommerz did not answer {path} within 0.3 s."),
    ],
)
def test_every_failure_of_every_endpoint_is_a_gateway_error(client, gateway, path, fault, message):
    quick = SslcommerzClient(client.base_url, client.store_id, client.store_password, timeout=0.3)
    gateway.inject(fault, path=path)
    with pytest.raises(PaymentGatewayError) as error:
        CALLS[path](quick)
    assert str(error.value) == message.format(path=path)
    assert not isinstance(error.value, SslcommerzRefused)


def test_an_unreachable_host_is_a_gateway_error(client, gateway):
    gateway.stop()
    with pytest.raises(PaymentGatewayError) as error:
        client.validate("0000")
    assert str(error.value) == (
        f"SSLCommerz could not be reached at {VALIDATION_PATH} (ConnectError)."
    )


def test_the_store_password_never_reaches_the_logs(client, gateway, caplog):
    caplog.set_level(logging.DEBUG)
    tran_id = paid_session(client, gateway)
    client.validate(gateway.payment(tran_id).val_id)
    client.query(tran_id=tran_id)
    assert "validationserverAPI.php" in caplog.text  # httpx did log the requests
    assert STORE_PASSWORD not in caplog.text
    assert "store_passwd=***" in caplog.text
    assert STORE_PASSWORD not in repr(client)
