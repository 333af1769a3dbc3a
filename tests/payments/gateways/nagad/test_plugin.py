"""The plugin through the payment domain, against the simulator: its configuration, what the
storefront is given, what `transactionProcess` credits, and what it never does (refund, leak a
secret, open a second payment after a timeout)."""

from __future__ import annotations

import logging
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from backend.checkout.complete import complete_checkout
from backend.checkout.models import Checkout
from payments.gateways.nagad import crypto
from payments.gateways.nagad.confirmation import order_reference
from payments.gateways.nagad.plugin import PLUGIN_ID, NagadGatewayPlugin
from payments.gateways.nagad.simulator import NagadSimulator
from payments.transactions.actions import request_action
from payments.transactions.models import TransactionEvent
from plugins.framework.manager import get_plugins_manager
from tests.payments.conftest import source_of

from .conftest import (
    AMOUNT,
    CUSTOMER_IP,
    MERCHANT_ID,
    PLUGIN_PATH,
    RETURN_URL,
    configuration,
    process,
    start_payment,
)

pytestmark = pytest.mark.django_db


def _requests(simulator, fragment: str) -> int:
    return sum(1 for request in simulator.requests if fragment in request.path)


def _charges(item) -> list[TransactionEvent]:
    return list(TransactionEvent.objects.filter(transaction=item, type="CHARGE_SUCCESS"))


# --- configuration ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("merchant_id", ""),
        ("merchant_private_key", ""),
        ("nagad_public_key", "  "),
        ("merchant_private_key", "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----"),
        ("nagad_public_key", "bm90IGEga2V5"),
        ("base_url", "ftp://nagad.test"),
        ("server_ip_address", "2001:db8::1"),
        ("timeout_seconds", "0"),
        ("timeout_seconds", "soon"),
    ],
)
def test_an_active_configuration_without_what_nagad_needs_is_refused(
    nagad, merchant_key, field, value
):
    config = {**configuration(nagad, merchant_key), field: value}

    with pytest.raises(ValidationError) as error:
        NagadGatewayPlugin.validate_plugin_configuration(config, active=True)

    assert list(error.value.error_dict) == [field]
    assert error.value.error_dict[field][0].code == "plugin_misconfigured"
    assert "BEGIN" not in str(error.value)


def test_an_inactive_configuration_may_be_incomplete():
    NagadGatewayPlugin.validate_plugin_configuration({"merchant_id": ""}, active=False)


def test_turning_it_on_unconfigured_is_refused_and_stores_nothing(enable_gateway, channel):
    with pytest.raises(ValidationError) as error:
        enable_gateway(PLUGIN_PATH, PLUGIN_ID, channel, {"merchant_id": MERCHANT_ID})
    assert error.value.error_dict["merchant_private_key"][0].code == "plugin_misconfigured"
    assert not get_plugins_manager().is_active(PLUGIN_ID, channel.slug)


def test_it_is_offered_for_bdt_only(nagad_gateway, channel):
    manager = get_plugins_manager()
    offered = manager.list_payment_gateways("BDT", None, channel_slug=channel.slug)
    nagad = [(g.id, g.name, g.currencies) for g in offered if g.id == PLUGIN_ID]
    assert nagad == [(PLUGIN_ID, "Nagad", ("BDT",))]
    in_dollars = manager.list_payment_gateways("USD", None, channel_slug=channel.slug)
    assert [g for g in in_dollars if g.id == PLUGIN_ID] == []


def test_the_storefront_is_given_public_facts_only(nagad_gateway, channel, merchant_key):
    session = get_plugins_manager().payment_gateway_initialize_session(
        PLUGIN_ID, AMOUNT, None, None, channel_slug=channel.slug
    )
    assert session.data == {"flow": "redirect", "paymentMethods": ["nagad"]}


# --- transactionInitialize ---------------------------------------------------------------------


def test_initialize_opens_a_payment_for_the_exact_amount_and_gives_its_page(
    nagad_gateway, nagad, shop_checkout, channel, merchant_key
):
    # when
    outcome = start_payment(shop_checkout)

    # then the storefront is sent to Nagad's page, and may come back to its own
    item = outcome.transaction
    assert outcome.event.type == "CHARGE_ACTION_REQUIRED"
    assert outcome.event.amount_value == AMOUNT
    payment = nagad.payment(item.psp_reference)
    assert outcome.data == {
        "redirectUrl": nagad.page_url(item.psp_reference),
        "returnUrl": RETURN_URL,
    }
    assert item.session_data == outcome.data
    # and Nagad holds our order, amount and callback
    assert payment.order_id == order_reference(item.token) == item.token.hex[:20]
    assert payment.amount == "230.00"
    assert payment.callback_url == (
        f"{settings.PUBLIC_URL}/plugins/channel/{channel.slug}/{PLUGIN_ID}/return"
    )
    assert payment.additional_info == {"haatTransaction": str(item.token)}
    assert {request.headers["x-km-ip-v4"] for request in nagad.requests} == {CUSTOMER_IP}
    # and no secret reached the storefront
    private_pem = crypto.private_key_pem(merchant_key)
    assert private_pem.splitlines()[1] not in str(outcome.data)
    assert item.charged_value == Decimal(0)


def test_a_customer_without_an_ipv4_address_is_sent_as_the_server(
    nagad_gateway, nagad, shop_checkout
):
    start_payment(shop_checkout, customer_ip_address="2001:db8::7")
    assert {request.headers["x-km-ip-v4"] for request in nagad.requests} == {"192.0.2.10"}


def test_a_refusal_by_nagad_fails_the_payment_with_its_message(
    configure_nagad, nagad, shop_checkout
):
    configure_nagad(merchant_id="683099000000999")  # a merchant Nagad does not know

    outcome = start_payment(shop_checkout)

    assert outcome.event.type == "CHARGE_FAILURE"
    assert outcome.event.message == "Nagad refused the payment: Merchant is not registered."
    assert nagad.payments == {}
    assert outcome.transaction.charged_value == Decimal(0)


def test_only_immediate_payments_are_taken(nagad_gateway, nagad, shop_checkout):
    outcome = start_payment(shop_checkout, action="AUTHORIZATION")
    assert outcome.event.type == "AUTHORIZATION_FAILURE"
    assert nagad.requests == []


def test_a_timeout_while_opening_leaves_nothing_payable_and_is_not_retried(
    configure_nagad, nagad, shop_checkout
):
    # given Nagad does not answer `complete` in time
    configure_nagad(timeout_seconds="0.3")
    nagad.inject("timeout", path="/check-out/complete/")

    # when
    outcome = start_payment(shop_checkout)

    # then the storefront learns the gateway did not answer; nothing is recorded as paid
    assert outcome.gateway_error is not None
    item = outcome.transaction
    assert (item.psp_reference, item.charged_value) == ("", Decimal(0))
    # and processing it asks Nagad for nothing and opens no second payment
    processed = process(shop_checkout, item)
    assert processed.event.type == "CHARGE_FAILURE"
    assert (_requests(nagad, "/initialize/"), _requests(nagad, "/complete/")) == (1, 1)
    assert _requests(nagad, "/verify/") == 0


# --- transactionProcess ------------------------------------------------------------------------


def test_a_paid_payment_is_charged_exactly_and_the_checkout_completes(
    nagad_gateway, nagad, shop_checkout
):
    # given the customer paid on Nagad's page
    item = start_payment(shop_checkout).transaction
    payment = nagad.pay(item.psp_reference)

    # when the storefront asks
    outcome = process(shop_checkout, item)

    # then Nagad's confirmation is the charge
    assert outcome.event.type == "CHARGE_SUCCESS"
    assert outcome.event.amount_value == AMOUNT
    assert outcome.event.psp_reference == item.psp_reference
    assert payment.issuer_payment_ref in outcome.event.message
    item.refresh_from_db()
    assert (item.charged_value, item.available_actions) == (AMOUNT, [])
    assert outcome.data["redirectUrl"] == nagad.page_url(item.psp_reference)
    assert outcome.data["returnUrl"] == RETURN_URL
    # and the checkout becomes a paid order
    order = complete_checkout(token=shop_checkout.token, requestor=None)
    order.refresh_from_db()
    assert order.charge_status == "full"
    assert order.total_charged_amount == AMOUNT


def test_an_unpaid_payment_still_waits(nagad_gateway, nagad, shop_checkout):
    item = start_payment(shop_checkout).transaction

    outcome = process(shop_checkout, item)

    assert outcome.event.type == "CHARGE_ACTION_REQUIRED"
    assert outcome.data["redirectUrl"] == nagad.page_url(item.psp_reference)
    assert Checkout.objects.get(pk=shop_checkout.pk).total_charged_amount == Decimal(0)


def test_an_aborted_payment_fails_and_charges_nothing(nagad_gateway, nagad, shop_checkout):
    item = start_payment(shop_checkout).transaction
    nagad.abort(item.psp_reference)

    outcome = process(shop_checkout, item)

    assert outcome.event.type == "CHARGE_FAILURE"
    assert outcome.transaction.charged_value == Decimal(0)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"amount": "229.99"}, "amount 229.99 is not 230.00"),
        ({"amount": 2300}, "amount 2300 is not 230.00"),
        ({"currencyCode": "840"}, "currency '840' is not BDT"),
        ({"orderId": "SOMEONEELSE"}, "order 'SOMEONEELSE'"),
        ({"merchantId": "683000000000777"}, "merchant '683000000000777' is not ours"),
    ],
)
def test_nagads_record_of_another_payment_is_never_credited(
    nagad_gateway, nagad, shop_checkout, fields, problem
):
    item = start_payment(shop_checkout).transaction
    nagad.pay(item.psp_reference)
    nagad.set_verify_fields(item.psp_reference, **fields)

    outcome = process(shop_checkout, item)

    assert outcome.event.type == "CHARGE_FAILURE"
    assert problem in outcome.event.message
    assert outcome.transaction.charged_value == Decimal(0)
    assert _charges(item) == []


def test_a_paid_status_code_without_a_status_is_paid(nagad_gateway, nagad, shop_checkout):
    # Some clients take statusCode "000" as paid [U].
    item = start_payment(shop_checkout).transaction
    nagad.pay(item.psp_reference)
    nagad.set_verify_fields(item.psp_reference, status=None)

    assert process(shop_checkout, item).event.type == "CHARGE_SUCCESS"


def test_a_timeout_while_verifying_settles_nothing_and_the_next_ask_does(
    configure_nagad, nagad, shop_checkout
):
    configure_nagad(timeout_seconds="0.3")
    item = start_payment(shop_checkout).transaction
    nagad.pay(item.psp_reference)
    nagad.inject("timeout", path="/verify/payment/")

    first = process(shop_checkout, item)
    second = process(shop_checkout, item)

    assert first.gateway_error is not None
    assert first.event.type == "CHARGE_ACTION_REQUIRED"
    assert second.event.type == "CHARGE_SUCCESS"
    assert len(_charges(item)) == 1
    assert (_requests(nagad, "/initialize/"), _requests(nagad, "/complete/")) == (1, 1)
    assert _requests(nagad, "/verify/") == 2


def test_a_settled_payment_is_answered_without_asking_nagad_again(
    nagad_gateway, nagad, shop_checkout
):
    item = start_payment(shop_checkout).transaction
    nagad.pay(item.psp_reference)
    process(shop_checkout, item)

    again = process(shop_checkout, item)

    assert again.event.type == "CHARGE_SUCCESS"
    assert _requests(nagad, "/verify/") == 1
    assert len(_charges(item)) == 1


# --- what Nagad cannot do, and what must not leak -----------------------------------------------


def test_refunds_are_not_offered_nagad_has_no_refund_api(
    nagad_gateway, nagad, shop_checkout, channel
):
    item = start_payment(shop_checkout).transaction
    nagad.pay(item.psp_reference)
    process(shop_checkout, item)

    with pytest.raises(ValidationError) as error:
        request_action(
            transaction_id=item.pk,
            source_of=lambda _item: source_of(shop_checkout),
            action="REFUND",
            amount=Decimal("10.00"),
            requestor=None,
            manager=get_plugins_manager(),
            channel_slug=channel.slug,
        )

    assert error.value.error_dict["action_type"][0].code == (
        "missing_transaction_action_request_webhook"
    )
    item.refresh_from_db()
    assert (item.charged_value, item.refunded_value) == (AMOUNT, Decimal(0))


def test_secrets_stay_out_of_logs_and_reprs(
    nagad_gateway, nagad, shop_checkout, merchant_key, caplog
):
    caplog.set_level(logging.DEBUG)
    item = start_payment(shop_checkout).transaction
    nagad.pay(item.psp_reference)
    process(shop_checkout, item)
    plugin = get_plugins_manager().get_plugin(PLUGIN_ID, shop_checkout.channel.slug)

    key_lines = crypto.private_key_pem(merchant_key).splitlines()[1:-1]
    seen = caplog.text + repr(plugin) + repr(plugin.client())
    assert "Nagad POST /check-out/initialize/" in caplog.text  # the calls are logged
    assert not any(line in seen for line in key_lines)
    assert "sensitiveData" not in caplog.text


def test_the_demo_configuration_pays_against_a_simulator_with_its_demo_keys(
    enable_gateway, channel, settings, shop_checkout
):
    simulator = NagadSimulator().start()
    try:
        enable_gateway(
            PLUGIN_PATH,
            PLUGIN_ID,
            channel,
            NagadGatewayPlugin.demo_configuration(simulator.base_url),
        )
        item = start_payment(shop_checkout).transaction
        simulator.pay(item.psp_reference)
        assert process(shop_checkout, item).event.type == "CHARGE_SUCCESS"
    finally:
        simulator.stop()
