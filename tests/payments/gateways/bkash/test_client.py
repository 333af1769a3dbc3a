"""The bKash client against the simulator over HTTP: every endpoint, bKash's refusals, and
the failures whose outcome is unknown (timeout, 500, garbage, a dropped connection)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import httpx
import pytest

from payments.gateways.bkash.client import BkashClient, BkashRefusal
from payments.gateways.bkash.simulator import checkout_base_url
from plugins.framework.interface import PaymentGatewayError
from tests.payments.gateways.bkash.conftest import credentials_for

CALLBACK = "https://haat.test/plugins/channel/bd/haat.payments.bkash/return"


def _create(client, amount="230.00", intent="sale", invoice=None):
    return client.create_payment(
        amount=Decimal(amount),
        merchant_invoice=invoice or str(uuid.uuid4()),
        callback_url=CALLBACK,
        payer_reference="01712345678",
        intent=intent,
    )


def _paid(client, simulator, amount="230.00", intent="sale"):
    created = _create(client, amount, intent)
    simulator.approve(created.payment_id)
    return client.execute_payment(created.payment_id)


def test_create_sends_the_payment_and_gives_its_page(client, simulator):
    invoice = str(uuid.uuid4())

    created = _create(client, invoice=invoice)

    assert created.status == "Initiated"
    assert created.bkash_url.startswith(f"{simulator.base_url}/checkout/pay?paymentId=")
    assert created.merchant_invoice == invoice
    (request,) = simulator.calls("create")
    assert request.json() == {
        "mode": "0011",
        "payerReference": "01712345678",
        "callbackURL": CALLBACK,
        "amount": "230.00",
        "currency": "BDT",
        "intent": "sale",
        "merchantInvoiceNumber": invoice,
    }
    # the raw id_token, as bKash's own plugin sends it, and the app key
    assert not request.headers["authorization"].startswith("Bearer")
    assert request.headers["x-app-key"] == "sim-app-key"


@pytest.mark.parametrize(
    ("code", "message"), [("2006", "Invalid amount"), ("2023", "Insufficient Balance")]
)
def test_create_refused_raises_bkash_code(client, simulator, code, message):
    simulator.refuse("create", code, message)

    with pytest.raises(BkashRefusal) as refused:
        _create(client)

    assert (refused.value.code, refused.value.message) == (code, message)
    assert simulator.payments == {}


def test_a_zero_amount_is_refused_by_bkash(client, simulator):
    with pytest.raises(BkashRefusal) as refused:
        _create(client, amount="0")
    assert refused.value.code == "2006"


def test_execute_completes_an_approved_payment(client, simulator):
    created = _create(client)
    simulator.approve(created.payment_id)

    executed = client.execute_payment(created.payment_id)

    assert executed.status == "Completed"
    assert executed.amount == Decimal("230.00")
    assert executed.currency == "BDT"
    assert executed.trx_id.startswith("SIM")
    assert executed.merchant_invoice == created.merchant_invoice


def test_execute_before_the_customer_paid_is_an_invalid_state(client, simulator):
    created = _create(client)

    with pytest.raises(BkashRefusal) as refused:
        client.execute_payment(created.payment_id)

    assert refused.value.code == "2056"
    assert not refused.value.already_completed


def test_execute_twice_says_already_completed(client, simulator):
    executed = _paid(client, simulator)

    with pytest.raises(BkashRefusal) as refused:
        client.execute_payment(executed.payment_id)

    assert refused.value.code == "2062"
    assert refused.value.already_completed


def test_query_reads_the_invoice_under_either_name(client, simulator):
    executed = _paid(client, simulator)

    queried = client.query_payment(executed.payment_id)

    # the simulator answers query with `merchantInvoice`, execute with `merchantInvoiceNumber`
    assert "merchantInvoiceNumber" not in simulator.calls("payment/status")[0].json()
    assert queried.merchant_invoice == executed.merchant_invoice
    assert (queried.status, queried.amount, queried.trx_id) == (
        "Completed",
        Decimal("230.00"),
        executed.trx_id,
    )
    assert queried.max_refundable == Decimal("230.00")


def test_query_of_an_unknown_payment_is_refused(client):
    with pytest.raises(BkashRefusal) as refused:
        client.query_payment("TR0011NOPE")
    assert refused.value.code == "2002"


def test_capture_and_void_an_authorization(client, simulator):
    captured_one = _paid(client, simulator, intent="authorization")
    voided_one = _paid(client, simulator, intent="authorization")
    assert captured_one.status == voided_one.status == "Authorized"

    assert client.capture_payment(captured_one.payment_id).status == "Completed"
    assert client.void_payment(voided_one.payment_id).status == "Cancelled"

    with pytest.raises(BkashRefusal) as refused:
        client.capture_payment(captured_one.payment_id)
    assert refused.value.already_completed
    with pytest.raises(BkashRefusal) as refused:
        client.void_payment(captured_one.payment_id)
    assert refused.value.code == "2056"


def test_refund_and_its_status(client, simulator):
    paid = _paid(client, simulator)

    first = client.refund(
        payment_id=paid.payment_id, trx_id=paid.trx_id, amount=Decimal("30.50"), sku="S", reason="R"
    )
    second = client.refund(
        payment_id=paid.payment_id, trx_id=paid.trx_id, amount=Decimal("20"), sku="S", reason="R"
    )
    status = client.refund_status(payment_id=paid.payment_id, trx_id=paid.trx_id)

    assert (first.status, first.amount, first.original_trx_id) == (
        "Completed",
        Decimal("30.50"),
        paid.trx_id,
    )
    assert [(r.refund_trx_id, r.amount) for r in status.refunds] == [
        (first.refund_trx_id, Decimal("30.50")),
        (second.refund_trx_id, Decimal("20.00")),
    ]
    assert status.original_amount == Decimal("230.00")
    # v2 lives on the host root, with camelCase fields
    request = next(r for r in simulator.requests if r.path.endswith("/payment/transaction"))
    assert request.path == "/v2/tokenized-checkout/refund/payment/transaction"
    assert request.json() == {
        "paymentId": paid.payment_id,
        "trxId": paid.trx_id,
        "refundAmount": "30.50",
        "sku": "S",
        "reason": "R",
    }


def test_a_refund_beyond_what_is_left_is_refused_in_the_refund_envelope(client, simulator):
    paid = _paid(client, simulator, amount="100.00")
    client.refund(
        payment_id=paid.payment_id, trx_id=paid.trx_id, amount=Decimal("60"), sku="S", reason="R"
    )

    with pytest.raises(BkashRefusal) as refused:
        client.refund(
            payment_id=paid.payment_id,
            trx_id=paid.trx_id,
            amount=Decimal("40.01"),
            sku="S",
            reason="R",
        )

    assert (refused.value.code, refused.value.http_status) == ("2072", 400)


def test_at_most_ten_refunds(client, simulator):
    paid = _paid(client, simulator, amount="100.00")
    for _ in range(10):
        client.refund(
            payment_id=paid.payment_id, trx_id=paid.trx_id, amount=Decimal("1"), sku="S", reason="R"
        )
    with pytest.raises(BkashRefusal) as refused:
        client.refund(
            payment_id=paid.payment_id, trx_id=paid.trx_id, amount=Decimal("1"), sku="S", reason="R"
        )
    assert refused.value.code == "2074"


def test_the_refund_api_may_live_under_the_versioned_path(simulator):
    base = checkout_base_url(simulator.base_url)
    credentials = credentials_for(simulator)
    credentials = type(credentials)(
        **{**credentials.__dict__, "refund_base_url": base.replace("/tokenized/checkout", "")}
    )
    with BkashClient(credentials) as client:
        paid = _paid(client, simulator)
        refund = client.refund(
            payment_id=paid.payment_id, trx_id=paid.trx_id, amount=Decimal("1"), sku="S", reason="R"
        )
    assert refund.status == "Completed"
    assert simulator.requests[-1].path == (
        "/v1.2.0-beta/v2/tokenized-checkout/refund/payment/transaction"
    )


@pytest.mark.parametrize("kind", ["timeout", "error", "garbage", "drop"])
def test_unanswered_calls_raise_gateway_errors(simulator, kind):
    with BkashClient(credentials_for(simulator, timeout=0.3)) as client:
        created = _create(client)
        simulator.inject(kind, path="/payment/status")

        with pytest.raises(PaymentGatewayError):
            client.query_payment(created.payment_id)


@pytest.mark.parametrize("kind", ["timeout", "error", "garbage", "drop"])
def test_an_unanswered_create_raises_a_gateway_error(simulator, kind):
    with BkashClient(credentials_for(simulator, timeout=0.3)) as client:
        client.tokens.token()
        simulator.inject(kind, path="/create")

        with pytest.raises(PaymentGatewayError):
            _create(client)


def test_the_api_gateway_envelope_is_a_refusal(client, simulator):
    client.tokens.token()
    answer = httpx.post(
        f"{client.base_url}/create",
        content=b"{not json",
        headers={"authorization": client.tokens.token(), "x-app-key": "sim-app-key"},
    )
    assert answer.status_code == 400
    assert answer.json() == {"message": "Invalid request body"}


def test_the_simulator_accepts_a_bearer_token_too(client, simulator):
    token = client.tokens.token()
    answer = httpx.post(
        f"{client.base_url}/payment/status",
        json={"paymentID": "TR0011NOPE"},
        headers={"authorization": f"Bearer {token}", "x-app-key": "sim-app-key"},
    )
    assert answer.json()["statusCode"] == "2002"
