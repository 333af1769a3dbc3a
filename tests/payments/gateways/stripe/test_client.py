"""The Stripe client against the simulator (localstripe behind it) over real HTTP."""

from __future__ import annotations

from decimal import Decimal

import pytest

from payments.gateways.stripe.client import (
    StripeGatewayClient,
    StripeRefusal,
    from_minor_units,
    to_minor_units,
)
from plugins.framework.interface import PaymentGatewayError

TOKEN = "6f1c2b9e-0d7a-4a57-9a43-3c1f0e5b7a10"


def _create(client, *, amount="230.00", capture="automatic", key="haat-t-create"):
    return client.create_payment_intent(
        amount=Decimal(amount),
        currency="BDT",
        capture_method=capture,
        metadata={"haat_transaction": TOKEN},
        idempotency_key=key,
    )


def _authorized(client, simulator, amount="230.00"):
    intent = _create(client, amount=amount, capture="manual")
    simulator.complete(intent.id)
    return intent


def _paid(client, simulator, amount="230.00", key="haat-t-create"):
    intent = _create(client, amount=amount, key=key)
    simulator.complete(intent.id)
    return intent


def test_amounts_go_to_paisa_exactly():
    assert to_minor_units(Decimal("230.05")) == 23005
    assert to_minor_units(Decimal("0.1") + Decimal("0.2")) == 30
    assert from_minor_units(23005) == Decimal("230.05")
    with pytest.raises(ValueError):
        to_minor_units(Decimal("1.005"))


def test_create_gives_a_payment_intent_in_paisa_waiting_for_a_card(client, simulator):
    intent = _create(client)

    assert intent.id.startswith("pi_")
    assert (intent.status, intent.amount, intent.currency) == (
        "requires_payment_method",
        Decimal("230.00"),
        "BDT",
    )
    assert intent.capture_method == "automatic"
    assert intent.metadata == {"haat_transaction": TOKEN}
    assert intent.client_secret.startswith(f"{intent.id}_secret_")
    sent = simulator.wait_for(lambda r: r.method == "POST" and r.path == "/v1/payment_intents")
    assert sent.headers["idempotency-key"] == "haat-t-create"
    assert b"amount=23000" in sent.body and b"currency=bdt" in sent.body
    assert [stored["amount"] for stored in simulator.payment_intents()] == [23000]


def test_the_same_key_and_parameters_replay_the_first_answer(client, simulator):
    first = _create(client)
    again = _create(client)

    assert again.id == first.id
    assert len(simulator.payment_intents()) == 1


def test_the_same_key_with_other_parameters_is_stripes_idempotency_error(client, simulator):
    _create(client)

    with pytest.raises(StripeRefusal) as refusal:
        _create(client, amount="231.00")

    assert (refusal.value.http_status, refusal.value.code) == (400, "idempotency_error")
    assert len(simulator.payment_intents()) == 1


def test_after_a_timeout_the_same_key_gives_the_payment_intent_stripe_made(
    client, quick_client, simulator
):
    # given Stripe makes the PaymentIntent but its answer never arrives
    simulator.hang_after("/v1/payment_intents")
    with pytest.raises(PaymentGatewayError):
        _create(quick_client)
    assert len(simulator.payment_intents()) == 1

    # when the call is made again with the same key
    intent = _create(client)

    # then it is the same PaymentIntent, replayed, and still only one exists
    assert [stored["id"] for stored in simulator.payment_intents()] == [intent.id]
    replays = [r for r in simulator.requests if r.path == "/v1/payment_intents"]
    assert len(replays) == 2


def test_retrieve_reads_the_payment_after_the_customer_paid(client, simulator):
    intent = _paid(client, simulator)

    paid = client.retrieve_payment_intent(intent.id)

    assert (paid.status, paid.amount_received, paid.amount_capturable) == (
        "succeeded",
        Decimal("230.00"),
        Decimal("0.00"),
    )


def test_an_unknown_payment_intent_is_a_refusal(client):
    with pytest.raises(StripeRefusal) as refusal:
        client.retrieve_payment_intent("pi_doesnotexist")
    assert refusal.value.http_status == 404


def test_a_wrong_secret_key_is_refused_and_the_key_is_not_repeated(simulator):
    wrong = StripeGatewayClient(secret_key="sk_test_wrong_key_123", api_base=simulator.base_url)
    with wrong, pytest.raises(StripeRefusal) as refusal:
        wrong.retrieve_payment_intent("pi_x")
    assert refusal.value.http_status == 401
    assert "sk_" not in refusal.value.message


def test_a_manual_payment_is_authorized_then_captured_in_part(client, simulator):
    intent = _authorized(client, simulator)
    held = client.retrieve_payment_intent(intent.id)
    assert (held.status, held.amount_capturable) == ("requires_capture", Decimal("230.00"))

    captured = client.capture_payment_intent(
        intent.id, amount=Decimal("100.00"), idempotency_key="haat-t-capture-1"
    )

    assert (captured.status, captured.amount_received) == ("succeeded", Decimal("100.00"))
    # the released rest is no refund
    assert client.list_refunds(intent.id) == []


def test_capturing_more_than_was_authorized_is_refused(client, simulator):
    intent = _authorized(client, simulator)

    with pytest.raises(StripeRefusal) as refusal:
        client.capture_payment_intent(
            intent.id, amount=Decimal("230.01"), idempotency_key="haat-t-capture-1"
        )

    assert refusal.value.code == "amount_too_large"
    assert client.retrieve_payment_intent(intent.id).status == "requires_capture"


def test_cancel_releases_an_authorization_but_not_a_paid_payment(client, simulator):
    held = _authorized(client, simulator)
    assert client.cancel_payment_intent(held.id, idempotency_key="k1").status == "canceled"

    paid = _paid(client, simulator, amount="50.00", key="other")
    with pytest.raises(StripeRefusal) as refusal:
        client.cancel_payment_intent(paid.id, idempotency_key="k2")
    assert refusal.value.code == "payment_intent_unexpected_state"


def test_refunds_in_part_then_the_rest_and_no_more(client, simulator):
    intent = _paid(client, simulator)
    metadata = {"haat_transaction": TOKEN}

    part = client.create_refund(
        payment_intent_id=intent.id,
        amount=Decimal("30.50"),
        metadata=metadata,
        idempotency_key="r1",
    )
    rest = client.create_refund(
        payment_intent_id=intent.id,
        amount=Decimal("199.50"),
        metadata=metadata,
        idempotency_key="r2",
    )
    with pytest.raises(StripeRefusal) as refusal:
        client.create_refund(
            payment_intent_id=intent.id,
            amount=Decimal("0.01"),
            metadata=metadata,
            idempotency_key="r3",
        )

    assert (part.status, part.amount, part.currency) == ("succeeded", Decimal("30.50"), "BDT")
    assert part.payment_intent == intent.id and part.metadata == metadata
    assert rest.amount == Decimal("199.50")
    assert refusal.value.code == "amount_too_large"
    assert sorted(r.amount for r in client.list_refunds(intent.id)) == [
        Decimal("30.50"),
        Decimal("199.50"),
    ]


def test_an_unpaid_payment_cannot_be_refunded(client):
    intent = _create(client)
    with pytest.raises(StripeRefusal) as refusal:
        client.create_refund(
            payment_intent_id=intent.id, amount=Decimal("1.00"), metadata={}, idempotency_key="r"
        )
    assert refusal.value.http_status == 400


@pytest.mark.parametrize("fault", ["timeout", "error", "garbage", "drop"])
def test_an_unreachable_or_broken_stripe_is_an_unknown_outcome(quick_client, simulator, fault):
    simulator.inject(fault, path="/v1/payment_intents")

    with pytest.raises(PaymentGatewayError):
        _create(quick_client)
