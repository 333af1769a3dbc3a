"""The ekPay plugin's configuration and the start of a payment: what the storefront is given,
what ekPay is sent, and ekPay's refusals."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from payments.gateways.ekpay import PLUGIN_ID
from payments.gateways.ekpay.plugin import EkpayGatewayPlugin
from payments.gateways.ekpay.protocol import reference_for
from payments.gateways.ekpay.simulator import SIM_PASSWORD
from payments.transactions.actions import request_action
from payments.transactions.events import record_event
from payments.transactions.models import TransactionEvent, TransactionItem
from payments.transactions.owners import lock_transaction_with_owner
from payments.transactions.pending import settle_pending_transactions
from plugins.framework.configuration import masked_configuration
from plugins.framework.manager import get_plugins_manager
from plugins.framework.models import PluginConfiguration
from tests.payments.conftest import source_of

from .conftest import AMOUNT, RETURN_URL, process, start_payment

pytestmark = pytest.mark.django_db


def test_an_active_plugin_needs_its_credentials_and_server_address():
    with pytest.raises(ValidationError) as error:
        EkpayGatewayPlugin.validate_plugin_configuration(
            {"base_url": "https://sandbox.ekpay.gov.bd/ekpaypg/v1", "merchant_id": "m"},
            active=True,
        )
    assert {name: [e.code for e in errors] for name, errors in error.value.error_dict.items()} == {
        "merchant_password": ["plugin_misconfigured"],
        "server_ip": ["plugin_misconfigured"],
    }
    # an inactive one may be saved half-done
    EkpayGatewayPlugin.validate_plugin_configuration({"merchant_id": "m"}, active=False)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"base_url": "ftp://ekpay"}, "base_url", "plugin_misconfigured"),
        ({"timeout_seconds": "soon"}, "timeout_seconds", "invalid"),
        ({"timeout_seconds": "0"}, "timeout_seconds", "invalid"),
    ],
)
def test_bad_values_are_refused(simulator, changes, field, code):
    configuration = {**EkpayGatewayPlugin.demo_configuration(simulator.base_url), **changes}
    with pytest.raises(ValidationError) as error:
        EkpayGatewayPlugin.validate_plugin_configuration(configuration, active=True)
    assert [e.code for e in error.value.error_dict[field]] == [code]


def test_the_demo_configuration_is_valid_and_its_password_stored_encrypted_and_masked(
    ekpay, channel
):
    configuration = EkpayGatewayPlugin.demo_configuration(ekpay.base_url)
    EkpayGatewayPlugin.validate_plugin_configuration(configuration, active=True)
    assert configuration["base_url"] == ekpay.api_base

    row = PluginConfiguration.objects.get(identifier=PLUGIN_ID, channel=channel)
    stored = {item["name"]: item["value"] for item in row.configuration}
    assert stored["merchant_password"] != SIM_PASSWORD
    shown = {
        item["name"]: item["value"]
        for item in masked_configuration(EkpayGatewayPlugin, row.configuration)
    }
    assert shown["merchant_password"] == SIM_PASSWORD[-4:]


def test_ekpay_is_offered_for_taka_only(ekpay, payable_checkout, channel):
    manager = get_plugins_manager()
    offered = manager.list_payment_gateways("BDT", payable_checkout, channel_slug=channel.slug)
    assert [gateway.id for gateway in offered] == [PLUGIN_ID]
    assert manager.list_payment_gateways("USD", payable_checkout, channel_slug=channel.slug) == []
    initialized = manager.payment_gateway_initialize_session(
        PLUGIN_ID, AMOUNT, payable_checkout, None, channel_slug=channel.slug
    )
    assert initialized.data == {"flow": "redirect", "currency": "BDT"}


def test_starting_a_payment_opens_it_at_ekpay_and_gives_its_page(ekpay, payable_checkout):
    # when
    outcome = start_payment(payable_checkout)

    # then the storefront is told to send the customer to ekPay's page
    item = outcome.transaction
    trnx_id = reference_for(item.token)
    payment = ekpay.payments[trnx_id]
    assert outcome.event.type == "CHARGE_ACTION_REQUIRED"
    assert outcome.data == {
        "redirectUrl": f"{ekpay.api_base}?sToken={payment.secure_token}&trnsID={trnx_id}",
        "ekpayTrnxId": trnx_id,
        "returnUrl": RETURN_URL,
    }
    assert item.psp_reference == trnx_id
    assert (item.charged_value, item.authorized_value) == (Decimal(0), Decimal(0))
    # and ekPay was asked for the checkout's total, with Haat's routes for the channel
    assert payment.amount == AMOUNT
    base = f"http://127.0.0.1:8000/plugins/channel/bd/{PLUGIN_ID}"
    assert payment.feed == {
        "s_uri": f"{base}/return/success?transaction={item.token}",
        "f_uri": f"{base}/return/fail?transaction={item.token}",
        "c_uri": f"{base}/return/cancel?transaction={item.token}",
    }
    assert payment.ipn["ipn_uri"] == f"{base}/ipn"
    assert payment.customer["cust_email"] == "karim@example.com"
    assert item.private_metadata["ekpay.trans_date"] == payment.requested_at.date().isoformat()


def test_a_customer_name_is_sent_as_ekpay_takes_it(ekpay, payable_checkout):
    address = payable_checkout.billing_address
    address.first_name, address.last_name = "রহিম", "Uddin-Sk. (Jr)"
    address.save()
    start_payment(payable_checkout)
    (payment,) = ekpay.payments.values()
    assert payment.customer["cust_name"] == "Uddin-Sk. Jr"


def test_ekpays_refusal_is_a_failed_charge(configure_ekpay, simulator, payable_checkout):
    # given a server address ekPay did not whitelist
    configure_ekpay(server_ip="198.51.100.4")

    # when
    outcome = start_payment(payable_checkout)

    # then
    assert outcome.event.type == "CHARGE_FAILURE"
    assert outcome.event.message == (
        "ekPay refused the payment: Merchant server address is not whitelisted"
    )
    assert outcome.transaction.charged_value == Decimal(0)
    assert simulator.payments == {}


def test_ekpay_cannot_authorize(ekpay, payable_checkout):
    outcome = start_payment(payable_checkout, action="AUTHORIZATION")
    assert outcome.event.type == "AUTHORIZATION_FAILURE"
    assert ekpay.requests_to("merchant-api") == []


def test_an_unreachable_ekpay_leaves_the_payment_requested(
    configure_ekpay, simulator, payable_checkout
):
    # given
    configure_ekpay(timeout_seconds="0.3")
    simulator.inject("timeout", path="merchant-api")

    # when
    outcome = start_payment(payable_checkout)

    # then nothing is settled and the storefront hears the gateway is unreachable
    assert outcome.gateway_error == "ekPay merchant-api did not answer in time."
    item = TransactionItem.objects.get()
    assert list(TransactionEvent.objects.values_list("type", flat=True)) == ["CHARGE_REQUEST"]
    assert item.charged_value == Decimal(0)
    assert item.private_metadata["ekpay.trans_date"]


def test_a_payment_already_started_is_not_opened_again(ekpay, payable_checkout):
    first = start_payment(payable_checkout, idempotency_key="pay-1")
    again = start_payment(payable_checkout, idempotency_key="pay-1")
    assert again.transaction.pk == first.transaction.pk
    assert again.data == first.data
    assert len(ekpay.requests_to("merchant-api")) == 1
    assert source_of(payable_checkout).covered == Decimal(0)


def test_a_pending_charge_is_settled_by_get_status_once(ekpay, payable_checkout):
    # given a payment made at ekPay whose charge Haat still counts as pending
    started = start_payment(payable_checkout)
    item = started.transaction
    ekpay.complete(reference_for(item.token))
    with transaction.atomic():
        locked, owner = lock_transaction_with_owner(item.pk)
        record_event(locked, owner, event_type="CHARGE_REQUEST", amount=AMOUNT)
    later = timezone.now() + timedelta(minutes=5)

    # when the periodic task asks about it twice
    counts = [settle_pending_transactions(now=later) for _ in range(2)]

    # then the charge is recorded once, from ekPay's word, without a second payment
    assert counts == [1, 0]
    item.refresh_from_db()
    assert (item.charged_value, item.charge_pending_value) == (AMOUNT, Decimal(0))
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1
    assert len(ekpay.requests_to("merchant-api")) == 1


def test_an_unpaid_pending_charge_stays_pending(ekpay, payable_checkout):
    item = start_payment(payable_checkout).transaction
    with transaction.atomic():
        locked, owner = lock_transaction_with_owner(item.pk)
        record_event(locked, owner, event_type="CHARGE_REQUEST", amount=AMOUNT)

    assert settle_pending_transactions(now=timezone.now() + timedelta(minutes=5)) == 0
    item.refresh_from_db()
    assert item.charge_pending_value == AMOUNT
    assert len(ekpay.requests_to("get-status")) == 1


def test_staff_cannot_refund_through_ekpay(ekpay, payable_checkout, channel):
    # given a charged ekPay payment
    item = start_payment(payable_checkout).transaction
    ekpay.complete(reference_for(item.token))
    process(payable_checkout, item)

    # when staff ask for a refund
    with pytest.raises(ValidationError) as error:
        request_action(
            transaction_id=item.pk,
            source_of=lambda _item: source_of(payable_checkout),
            action="REFUND",
            amount=None,
            requestor=None,
            manager=get_plugins_manager(),
            channel_slug=channel.slug,
        )

    # then ekPay has no refund API: refused, and nothing moved
    assert error.value.error_dict["action_type"][0].code == (
        "missing_transaction_action_request_webhook"
    )
    item.refresh_from_db()
    assert (item.charged_value, item.refund_pending_value) == (AMOUNT, Decimal(0))
    assert item.available_actions == []
