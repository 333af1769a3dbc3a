"""Paying through the Stripe gateway and the domain (no callbacks: the customer's payment is
made at the simulator directly, then `transactionProcess` asks Stripe)."""

from __future__ import annotations

import logging
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError

from backend.checkout.complete import complete_checkout
from backend.checkout.models import Checkout
from payments.gateways.stripe.plugin import StripeGatewayPlugin
from payments.gateways.stripe.simulator import PUBLISHABLE_KEY, SECRET_KEY, WEBHOOK_SECRET
from payments.transactions.models import TransactionEvent, TransactionItem
from plugins.framework.manager import get_plugins_manager
from tests.payments.conftest import source_of

from .conftest import AMOUNT, RETURN_URL, STRIPE, initialize, process

pytestmark = pytest.mark.django_db


def _event_types(item) -> list[str]:
    return list(item.events.order_by("pk").values_list("type", flat=True))


def test_initialize_creates_one_payment_intent_and_gives_the_payment_page(
    payable_checkout, stripe_gateway, simulator
):
    outcome = initialize(payable_checkout)

    item, data = outcome.transaction, outcome.data
    assert outcome.event.type == "CHARGE_ACTION_REQUIRED"
    assert item.psp_reference.startswith("pi_")
    [intent] = simulator.payment_intents()
    assert (intent["id"], intent["amount"], intent["currency"]) == (
        item.psp_reference,
        23000,
        "bdt",
    )
    assert intent["capture_method"] == "automatic"
    assert intent["metadata"] == {"haat_transaction": str(item.token)}
    assert data["clientSecret"] == intent["client_secret"]
    assert data["publishableKey"] == PUBLISHABLE_KEY
    assert data["returnUrl"] == RETURN_URL
    page = urlsplit(data["redirectUrl"])
    assert f"{page.scheme}://{page.netloc}{page.path}" == (
        f"{simulator.base_url}/pay/{item.psp_reference}"
    )
    back = parse_qs(page.query)["return_url"][0]
    assert back.endswith(f"/{STRIPE}/return?transaction={item.token}")
    create = simulator.wait_for(lambda r: r.path == "/v1/payment_intents")
    assert create.headers["idempotency-key"] == f"haat-{item.token}-create"
    assert item.charged_value == Decimal(0)


def test_paid_at_stripe_then_processed_charges_the_checkout_exactly_and_completes_it(
    payable_checkout, stripe_gateway, simulator
):
    item = initialize(payable_checkout).transaction
    simulator.complete(item.psp_reference)

    outcome = process(item, payable_checkout)

    assert outcome.event.type == "CHARGE_SUCCESS"
    assert outcome.event.amount_value == AMOUNT
    assert outcome.event.psp_reference == item.psp_reference
    assert outcome.transaction.charged_value == AMOUNT
    assert outcome.transaction.available_actions == ["REFUND"]
    checkout = Checkout.objects.get(pk=payable_checkout.pk)
    order = complete_checkout(token=checkout.token, requestor=None)
    order.refresh_from_db()
    assert (order.charge_status, order.total_charged_amount) == ("full", AMOUNT)


def test_processing_before_the_customer_paid_charges_nothing(
    payable_checkout, stripe_gateway, simulator
):
    item = initialize(payable_checkout).transaction

    outcome = process(item, payable_checkout)

    assert outcome.event.type == "CHARGE_ACTION_REQUIRED"
    assert outcome.data["redirectUrl"].startswith(f"{simulator.base_url}/pay/")
    assert outcome.transaction.charged_value == Decimal(0)


def test_a_declined_card_is_a_charge_failure(payable_checkout, stripe_gateway, simulator):
    item = initialize(payable_checkout).transaction
    status, _ = simulator.confirm(item.psp_reference, "pm_card_chargeCustomerFail")
    assert status == 402

    outcome = process(item, payable_checkout)

    assert outcome.event.type == "CHARGE_FAILURE"
    assert outcome.transaction.charged_value == Decimal(0)


def test_an_initialize_that_timed_out_is_recovered_by_process_without_a_second_payment(
    payable_checkout, stripe_gateway, simulator
):
    # given Stripe made the PaymentIntent but its answer never came back
    simulator.hang_after("/v1/payment_intents")
    first = initialize(payable_checkout)
    assert first.gateway_error
    assert first.transaction.psp_reference == ""
    [made] = simulator.payment_intents()

    # when the storefront processes the transaction
    outcome = process(first.transaction, payable_checkout)

    # then the same key found that PaymentIntent: one payment, and the page to pay it
    assert outcome.event.type == "CHARGE_ACTION_REQUIRED"
    assert outcome.transaction.psp_reference == made["id"]
    assert outcome.data["redirectUrl"].startswith(f"{simulator.base_url}/pay/{made['id']}")
    assert [i["id"] for i in simulator.payment_intents()] == [made["id"]]
    simulator.complete(made["id"])
    assert process(outcome.transaction, payable_checkout).event.type == "CHARGE_SUCCESS"
    assert len(simulator.payment_intents()) == 1


def test_a_timeout_while_processing_records_nothing_and_a_later_process_settles(
    payable_checkout, stripe_gateway, simulator
):
    item = initialize(payable_checkout).transaction
    simulator.complete(item.psp_reference)
    simulator.inject("timeout", path=f"/v1/payment_intents/{item.psp_reference}")

    lost = process(item, payable_checkout)

    assert lost.gateway_error
    assert _event_types(TransactionItem.objects.get(pk=item.pk)) == [
        "CHARGE_REQUEST",
        "CHARGE_ACTION_REQUIRED",
    ]
    simulator.release()
    assert process(item, payable_checkout).event.type == "CHARGE_SUCCESS"
    creates = [r for r in simulator.requests if r.path == "/v1/payment_intents"]
    assert len(creates) == 1


@pytest.mark.parametrize(
    "change",
    [{"amount": 22999}, {"currency": "usd"}, {"metadata": {"haat_transaction": "someone-else"}}],
    ids=["amount", "currency", "reference"],
)
def test_a_payment_that_does_not_match_the_transaction_credits_nothing(
    payable_checkout, stripe_gateway, simulator, change
):
    item = initialize(payable_checkout).transaction
    simulator.set_payment_intent(item.psp_reference, **change)
    simulator.complete(item.psp_reference)

    outcome = process(item, payable_checkout)

    assert "does not match" in outcome.gateway_error
    fresh = TransactionItem.objects.get(pk=item.pk)
    assert fresh.charged_value == Decimal(0)
    assert "CHARGE_SUCCESS" not in _event_types(fresh)


def test_an_authorization_is_captured_in_part_the_rest_released_then_refunded_in_part(
    payable_checkout, stripe_gateway, simulator
):
    # given an authorized card payment
    item = initialize(payable_checkout, action="AUTHORIZATION").transaction
    simulator.complete(item.psp_reference)
    held = process(item, payable_checkout)
    assert (held.event.type, held.transaction.authorized_value) == ("AUTHORIZATION_SUCCESS", AMOUNT)
    assert simulator.payment_intent(item.psp_reference)["capture_method"] == "manual"

    # when staff capture 100.00, release the rest and refund 40.00
    captured = _act(item, "CHARGE", "100.00")
    released = _act(item, "CANCEL", "130.00")
    refunded = _act(item, "REFUND", "40.00")

    # then Stripe holds a payment of 100.00 with one refund of 40.00
    assert captured.result.event.type == "CHARGE_SUCCESS"
    assert released.result.event.type == "CANCEL_SUCCESS"
    assert refunded.result.event.type == "REFUND_SUCCESS"
    fresh = TransactionItem.objects.get(pk=item.pk)
    assert (fresh.authorized_value, fresh.charged_value, fresh.refunded_value) == (
        Decimal(0),
        Decimal("60.00"),
        Decimal("40.00"),
    )
    assert fresh.canceled_value == Decimal("130.00")
    intent = simulator.payment_intent(item.psp_reference)
    assert (intent["status"], intent["amount_received"]) == ("succeeded", 10000)
    refund_post = simulator.wait_for(lambda r: r.path == "/v1/refunds" and r.method == "POST")
    request_id = fresh.events.get(type="REFUND_REQUEST").pk
    assert refund_post.headers["idempotency-key"] == f"haat-{item.token}-refund-{request_id}"
    capture_id = fresh.events.get(type="CHARGE_REQUEST", include_in_calculations=True).pk
    capture_post = simulator.wait_for(lambda r: r.path.endswith("/capture"))
    assert capture_post.headers["idempotency-key"] == f"haat-{item.token}-charge-{capture_id}"


def test_an_authorization_is_canceled_whole(payable_checkout, stripe_gateway, simulator):
    item = initialize(payable_checkout, action="AUTHORIZATION").transaction
    simulator.complete(item.psp_reference)
    process(item, payable_checkout)

    outcome = _act(item, "CANCEL", None)

    assert outcome.result.event.type == "CANCEL_SUCCESS"
    assert simulator.payment_intent(item.psp_reference)["status"] == "canceled"
    fresh = TransactionItem.objects.get(pk=item.pk)
    assert (fresh.authorized_value, fresh.canceled_value) == (Decimal(0), AMOUNT)


def _paid(checkout, simulator):
    item = initialize(checkout).transaction
    simulator.complete(item.psp_reference)
    return process(item, checkout).transaction


def _act(item, action, amount):
    from payments.transactions.actions import request_action

    checkout = item.checkout
    return request_action(
        transaction_id=item.pk,
        source_of=lambda _item: source_of(checkout),
        action=action,
        amount=Decimal(amount) if amount is not None else None,
        requestor=None,
        manager=get_plugins_manager(),
        channel_slug=checkout.channel.slug,
    )


def test_refunds_in_part_then_in_full_and_beyond_the_charge_refused(
    payable_checkout, stripe_gateway, simulator
):
    item = _paid(payable_checkout, simulator)

    first = _act(item, "REFUND", "30.00")
    second = _act(item, "REFUND", "200.00")
    with pytest.raises(ValidationError):
        _act(item, "REFUND", "0.01")

    assert first.result.event.type == second.result.event.type == "REFUND_SUCCESS"
    assert first.result.event.psp_reference.startswith("re_")
    fresh = TransactionItem.objects.get(pk=item.pk)
    assert (fresh.charged_value, fresh.refunded_value) == (Decimal(0), AMOUNT)
    refunds = [r for r in simulator.requests if r.path == "/v1/refunds" and r.method == "POST"]
    assert len(refunds) == 2


def test_a_refund_stripe_refuses_is_a_refund_failure_and_gives_the_money_back_to_charged(
    payable_checkout, stripe_gateway, simulator
):
    item = _paid(payable_checkout, simulator)
    # Stripe's record was refunded in its dashboard meanwhile: it refuses more
    simulator.set_payment_intent(item.psp_reference, amount=23000)
    from payments.gateways.stripe.client import StripeGatewayClient

    with StripeGatewayClient(secret_key=SECRET_KEY, api_base=simulator.base_url) as client:
        client.create_refund(
            payment_intent_id=item.psp_reference,
            amount=Decimal("200.00"),
            metadata={},
            idempotency_key="dashboard",
        )

    outcome = _act(item, "REFUND", "100.00")

    assert outcome.result.event.type == "REFUND_FAILURE"
    assert "greater than unrefunded amount" in outcome.result.event.message
    fresh = TransactionItem.objects.get(pk=item.pk)
    assert (fresh.charged_value, fresh.refund_pending_value) == (AMOUNT, Decimal(0))


def test_a_refund_that_times_out_stays_pending_and_is_not_sent_again(
    payable_checkout, stripe_gateway, simulator
):
    item = _paid(payable_checkout, simulator)
    simulator.hang_after("/v1/refunds")

    outcome = _act(item, "REFUND", "50.00")

    assert outcome.gateway_error
    fresh = TransactionItem.objects.get(pk=item.pk)
    assert (fresh.charged_value, fresh.refund_pending_value) == (
        Decimal("180.00"),
        Decimal("50.00"),
    )
    posts = [r for r in simulator.requests if r.path == "/v1/refunds" and r.method == "POST"]
    assert len(posts) == 1


def test_secrets_stay_out_of_the_storefronts_data_and_the_logs(
    payable_checkout, stripe_gateway, simulator, caplog
):
    caplog.set_level(logging.DEBUG)
    outcome = initialize(payable_checkout)
    simulator.complete(outcome.transaction.psp_reference)
    processed = process(outcome.transaction, payable_checkout)
    offered = get_plugins_manager().payment_gateway_initialize_session(
        STRIPE, AMOUNT, None, None, channel_slug=payable_checkout.channel.slug
    )

    shown = f"{outcome.data} {processed.data} {offered.data} {outcome.transaction.session_data}"
    for secret in (SECRET_KEY, WEBHOOK_SECRET):
        assert secret not in shown
        assert secret not in caplog.text
    assert offered.data == {"publishableKey": PUBLISHABLE_KEY}


def test_stripe_is_offered_for_bdt_only(payable_checkout, stripe_gateway):
    manager = get_plugins_manager()
    slug = payable_checkout.channel.slug
    assert STRIPE in [g.id for g in manager.list_payment_gateways("BDT", None, channel_slug=slug)]
    assert STRIPE not in [
        g.id for g in manager.list_payment_gateways("USD", None, channel_slug=slug)
    ]


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"secret_key": ""}, "secret_key is required"),
        ({"webhook_secret": ""}, "webhook_secret is required"),
        ({"publishable_key": SECRET_KEY}, "publishable_key must be a publishable"),
        ({"secret_key": PUBLISHABLE_KEY}, "secret_key must be a secret"),
        ({"timeout_seconds": "-1"}, "timeout_seconds must be a positive number"),
    ],
)
def test_an_active_gateway_needs_its_keys(change, complaint):
    configuration = {**StripeGatewayPlugin.demo_configuration("http://127.0.0.1:1"), **change}
    with pytest.raises(ValidationError) as error:
        StripeGatewayPlugin.validate_plugin_configuration(configuration, active=True)
    [problem] = error.value.error_dict["configuration"]
    assert problem.code == "plugin_misconfigured"
    assert complaint in problem.message
    StripeGatewayPlugin.validate_plugin_configuration(configuration, active=False)


def test_no_event_was_recorded_twice_for_one_reference(payable_checkout, stripe_gateway, simulator):
    item = _paid(payable_checkout, simulator)
    process(item, payable_checkout)
    process(item, payable_checkout)
    assert TransactionEvent.objects.filter(transaction=item, type="CHARGE_SUCCESS").count() == 1


def _settle_pending() -> int:
    """The periodic status query, run as if a while had passed: the outcomes it recorded."""
    from datetime import timedelta

    from django.utils import timezone

    from payments.transactions.pending import settle_pending_transactions

    return settle_pending_transactions(now=timezone.now() + timedelta(minutes=5))


def test_a_refund_whose_answer_was_lost_is_settled_by_the_status_query_once(
    payable_checkout, stripe_gateway, simulator
):
    item = _paid(payable_checkout, simulator)
    simulator.hang_after("/v1/refunds")
    assert _act(item, "REFUND", "50.00").gateway_error

    assert _settle_pending() == 1
    assert _settle_pending() == 0

    fresh = TransactionItem.objects.get(pk=item.pk)
    assert (fresh.charged_value, fresh.refund_pending_value, fresh.refunded_value) == (
        Decimal("180.00"),
        Decimal(0),
        Decimal("50.00"),
    )
    [refund] = fresh.events.filter(type="REFUND_SUCCESS")
    assert refund.psp_reference.startswith("re_")
    posts = [r for r in simulator.requests if r.path == "/v1/refunds" and r.method == "POST"]
    assert len(posts) == 1


def test_a_capture_whose_answer_was_lost_is_settled_by_the_status_query(
    payable_checkout, stripe_gateway, simulator
):
    item = initialize(payable_checkout, action="AUTHORIZATION").transaction
    simulator.complete(item.psp_reference)
    process(item, payable_checkout)
    simulator.hang_after("/capture")
    assert _act(item, "CHARGE", None).gateway_error
    assert TransactionItem.objects.get(pk=item.pk).charge_pending_value == AMOUNT

    assert _settle_pending() == 1

    fresh = TransactionItem.objects.get(pk=item.pk)
    assert (fresh.charge_pending_value, fresh.charged_value) == (Decimal(0), AMOUNT)
    captures = [r for r in simulator.requests if r.path.endswith("/capture")]
    assert len(captures) == 1


def test_the_status_query_leaves_a_refund_stripe_never_made_pending(
    payable_checkout, stripe_gateway, simulator
):
    item = _paid(payable_checkout, simulator)
    simulator.inject("timeout", path="/v1/refunds")
    assert _act(item, "REFUND", "50.00").gateway_error
    simulator.release()

    assert _settle_pending() == 0
    assert TransactionItem.objects.get(pk=item.pk).refund_pending_value == Decimal("50.00")
