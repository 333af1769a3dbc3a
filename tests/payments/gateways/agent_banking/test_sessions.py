"""Agent banking through the domain's sessions (no live Haat: the bank's notifications are
tested in test_notifications.py): the slip, the limit, the entrepreneur entering the deposit
reference, and everything that must change nothing."""

from __future__ import annotations

import logging
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from backend.checkout.complete import complete_checkout
from backend.checkout.models import Checkout
from backend.orders.models import ChargeStatus
from payments.gateways.agent_banking.plugin import PLUGIN_ID, AgentBankingPlugin
from payments.gateways.agent_banking.simulator import (
    BANK_NAME,
    DEMO_ACCOUNT,
    DEMO_ACCOUNT_NAME,
    DEMO_API_KEY,
    DEMO_NOTIFICATION_SECRET,
)
from payments.transactions.models import TransactionEvent, TransactionItem
from payments.transactions.sessions import process_transaction
from plugins.framework.configuration import update_plugin_configuration
from plugins.framework.manager import get_plugins_manager
from tests.payments.conftest import make_payable_checkout, source_of

from .conftest import AGENT_BANKING_PLUGIN, initialize

pytestmark = pytest.mark.django_db

ZERO = Decimal("0")
SECRETS = (DEMO_API_KEY, DEMO_NOTIFICATION_SECRET)


def process(checkout: Checkout, item: TransactionItem, data=None):
    return process_transaction(
        item=TransactionItem.objects.get(pk=item.pk),
        source=source_of(checkout),
        data=data,
        customer_ip_address=None,
        requestor=None,
        manager=get_plugins_manager(),
    )


def snapshot(item: TransactionItem) -> tuple:
    """Everything a refused call must leave as it was."""
    item = TransactionItem.objects.get(pk=item.pk)
    checkout = Checkout.objects.filter(pk=item.checkout_id).first()
    return (
        item.psp_reference,
        item.charged_value,
        item.charge_pending_value,
        item.session_data,
        list(item.events.values_list("type", "amount_value", "psp_reference")),
        checkout.total_charged_amount if checkout else None,
    )


def gateway_ids(manager, currency, checkout, channel) -> list[str]:
    """The gateways listed (the cash gateway may be registered beside this one)."""
    listed = manager.list_payment_gateways(currency, checkout, channel_slug=channel.slug)
    return [gateway.id for gateway in listed]


def creations(bank) -> int:
    return sum(1 for r in bank.requests if r.method == "POST" and r.path == "/v1/deposits")


def test_agent_banking_is_offered_in_bdt_with_public_data_only(agent_banking, checkout, channel):
    manager = get_plugins_manager()
    assert PLUGIN_ID in gateway_ids(manager, "BDT", checkout, channel)
    assert PLUGIN_ID not in gateway_ids(manager, "USD", checkout, channel)
    data = manager.payment_gateway_initialize_session(
        PLUGIN_ID, Decimal("230.00"), checkout, None, channel_slug=channel.slug
    ).data
    assert data["maximumAmount"] == "25000.00"
    assert "Bangladesh Bank" in data["limitReason"]
    assert not any(secret in str(data) for secret in SECRETS)


@pytest.mark.parametrize(
    "missing", ["base_url", "merchant_account", "api_key", "notification_secret"]
)
def test_an_active_gateway_needs_its_fields(configure_agent_banking, missing):
    with pytest.raises(ValidationError) as error:
        configure_agent_banking(**{missing: ""})
    assert error.value.error_dict[missing][0].code == "plugin_misconfigured"


@pytest.mark.parametrize(
    ("field", "value"),
    [("base_url", "ftp://bank"), ("timeout_seconds", "0"), ("notification_tolerance_seconds", "x")],
)
def test_an_active_gateway_refuses_bad_values(configure_agent_banking, field, value):
    with pytest.raises(ValidationError) as error:
        configure_agent_banking(**{field: value})
    assert error.value.error_dict[field][0].code == "plugin_misconfigured"


def test_the_gateway_is_off_by_default_and_may_be_incomplete_while_off(
    enable_gateway, channel, checkout
):
    assert AgentBankingPlugin.DEFAULT_ACTIVE is False
    # turning it on without its fields is refused (the plugin is registered by then)
    with pytest.raises(ValidationError):
        enable_gateway(AGENT_BANKING_PLUGIN, PLUGIN_ID, channel, {})
    assert PLUGIN_ID not in gateway_ids(get_plugins_manager(), "BDT", checkout, channel)
    # an inactive configuration is stored without them
    row = update_plugin_configuration(
        plugin_id=PLUGIN_ID,
        channel=channel,
        active=False,
        configuration=[{"name": "base_url", "value": ""}],
    )
    assert row.active is False


def test_choosing_agent_banking_gives_the_customer_a_deposit_slip(
    agent_banking, checkout, channel, bank, settings, caplog
):
    caplog.set_level(logging.DEBUG)
    # when the customer chooses agent banking
    outcome = initialize(checkout)

    # then the bank holds a deposit request for our reference and the amount
    item = outcome.transaction
    deposit = bank.deposit_for(str(item.token))
    assert (deposit.amount, deposit.merchant_account) == (Decimal("230.00"), DEMO_ACCOUNT)
    assert deposit.notify_url == (
        f"{settings.PUBLIC_URL}/plugins/channel/{channel.slug}/{PLUGIN_ID}/ipn"
    )
    # and the storefront shows the slip; nothing is charged yet
    assert outcome.event.type == "CHARGE_ACTION_REQUIRED"
    assert outcome.data == {
        "depositReference": deposit.reference,
        "bankName": BANK_NAME,
        "accountName": DEMO_ACCOUNT_NAME,
        "accountNumber": DEMO_ACCOUNT,
        "amount": "230.00",
        "currency": "BDT",
        "status": "PENDING",
        "instructions": deposit.as_json()["instructions"],
    }
    assert set(outcome.data["instructions"]) == {"en", "bn"}
    assert item.psp_reference == deposit.reference
    assert (item.charged_value, item.authorized_value) == (ZERO, ZERO)
    assert Checkout.objects.get(pk=checkout.pk).total_authorized_amount == ZERO
    # and no secret went to the storefront or into the logs
    process(checkout, item)
    for secret in SECRETS:
        assert secret not in str(outcome.data)
        assert secret not in str(TransactionItem.objects.get(pk=item.pk).session_data)
        assert secret not in caplog.text


def test_the_limit_of_a_cash_deposit_at_an_agent_is_refused_before_the_bank_is_asked(
    agent_banking, checkout, bank
):
    with pytest.raises(ValidationError) as error:
        initialize(checkout, amount=Decimal("25000.01"))
    refusal = error.value.error_dict["amount"][0]
    assert refusal.code == "invalid"
    assert "at most 25000.00" in refusal.message
    assert "Bangladesh Bank limits a cash deposit" in refusal.message
    assert TransactionItem.objects.count() == 0
    assert bank.requests == []
    # the limit itself is accepted
    assert initialize(checkout, amount=Decimal("25000.00")).event.type == "CHARGE_ACTION_REQUIRED"


def test_a_bank_refusal_fails_the_payment(configure_agent_banking, checkout, bank):
    configure_agent_banking(merchant_account="0000000000000")
    outcome = initialize(checkout)
    assert outcome.event.type == "CHARGE_FAILURE"
    assert (
        outcome.event.message == "The bank refused the deposit request: No such merchant account."
    )
    assert bank.deposits == {}


def test_the_deposit_is_credited_once_the_bank_confirms_it(agent_banking, checkout, bank):
    # given a deposit request the customer has not paid yet
    item = initialize(checkout).transaction
    assert process(checkout, item).event.type == "CHARGE_ACTION_REQUIRED"
    assert TransactionItem.objects.get(pk=item.pk).charged_value == ZERO

    # when the agent records the cash (Haat not told: the deposit is "already completed")
    bank.record_deposit(item.psp_reference, notify=False)
    outcome = process(checkout, item)

    # then the bank's word credits exactly the amount, and the checkout completes as paid
    assert outcome.event.type == "CHARGE_SUCCESS"
    assert outcome.event.amount_value == Decimal("230.00")
    assert outcome.event.psp_reference == item.psp_reference
    assert outcome.transaction.charged_value == Decimal("230.00")
    assert outcome.transaction.available_actions == []
    # and asking again changes nothing
    assert process(checkout, item).event.type == "CHARGE_SUCCESS"
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1
    order = complete_checkout(token=checkout.token, requestor=None)
    order.refresh_from_db()
    assert (order.charge_status, order.total_charged_amount) == (
        ChargeStatus.FULL,
        Decimal("230.00"),
    )


def test_the_entrepreneur_enters_the_reference_from_the_receipt(agent_banking, checkout, bank):
    item = initialize(checkout).transaction
    bank.record_deposit(item.psp_reference, notify=False)
    # typed in lower case with Bangla digits
    typed = item.psp_reference.lower().translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
    outcome = process(checkout, item, {"depositReference": f" {typed} "})
    assert outcome.event.type == "CHARGE_SUCCESS"
    assert outcome.transaction.charged_value == Decimal("230.00")


def test_another_payments_reference_is_refused_and_changes_nothing(
    agent_banking, checkout, bank, api_client, service_variant
):
    # given two payments, the other one deposited
    item = initialize(checkout).transaction
    other_checkout = make_payable_checkout(api_client, service_variant)
    other = initialize(other_checkout).transaction
    bank.record_deposit(other.psp_reference, notify=False)
    before, asked = snapshot(item), len(bank.requests)

    # when the entrepreneur enters the other payment's reference
    with pytest.raises(ValidationError) as error:
        process(checkout, item, {"depositReference": other.psp_reference})

    # then it is refused without even asking the bank, and nothing changed
    refusal = error.value.error_dict["data"][0]
    assert refusal.code == "incorrect_details"
    assert refusal.message == (
        f"The deposit reference {other.psp_reference} is not this payment's ({item.psp_reference})."
    )
    assert snapshot(item) == before
    assert len(bank.requests) == asked


def test_a_deposit_of_another_amount_pays_nothing(agent_banking, checkout, bank):
    item = initialize(checkout).transaction
    # the agent took 200.00 instead of 230.00
    bank.record_deposit(item.psp_reference, amount=Decimal("200.00"), notify=False)
    before = snapshot(item)
    with pytest.raises(ValidationError) as error:
        process(checkout, item)
    refusal = error.value.error_dict["data"][0]
    assert refusal.code == "incorrect_details"
    assert "recorded 200.00" in refusal.message
    assert snapshot(item) == before


def test_a_deposit_the_agent_rejected_fails_the_payment(agent_banking, checkout, bank):
    item = initialize(checkout).transaction
    bank.reject_deposit(item.psp_reference, notify=False)
    outcome = process(checkout, item)
    assert outcome.event.type == "CHARGE_FAILURE"
    assert outcome.event.message == "The agent rejected the deposit."
    assert outcome.transaction.charged_value == ZERO


def test_an_unanswered_deposit_request_is_found_not_made_again(
    configure_agent_banking, checkout, bank
):
    configure_agent_banking(timeout_seconds="0.3")
    # given a deposit request the bank made but answered too late
    bank.answer_late("/v1/deposits")
    outcome = initialize(checkout)
    assert outcome.gateway_error is not None
    item = outcome.transaction
    assert item.psp_reference == ""
    assert creations(bank) == 1
    bank.release()

    # when the storefront processes the payment
    processed = process(checkout, item)

    # then the bank's deposit is found by our reference and shown: no second request
    deposit = bank.deposit_for(str(item.token))
    assert processed.event.type == "CHARGE_ACTION_REQUIRED"
    assert processed.data["depositReference"] == deposit.reference
    assert TransactionItem.objects.get(pk=item.pk).psp_reference == deposit.reference
    assert creations(bank) == 1
    assert len(bank.deposits) == 1


def test_an_unanswered_reference_of_another_payment_is_refused(
    configure_agent_banking, checkout, bank, api_client, service_variant
):
    configure_agent_banking(timeout_seconds="0.3")
    other = initialize(make_payable_checkout(api_client, service_variant)).transaction
    bank.answer_late("/v1/deposits")
    item = initialize(checkout).transaction
    bank.release()
    before = snapshot(item)
    with pytest.raises(ValidationError) as error:
        process(checkout, item, {"depositReference": other.psp_reference})
    assert error.value.error_dict["data"][0].message == (
        f"The deposit {other.psp_reference} belongs to another payment."
    )
    assert snapshot(item) == before
    # an unknown reference is not found
    with pytest.raises(ValidationError) as error:
        process(checkout, item, {"depositReference": "AGD999"})
    assert error.value.error_dict["data"][0].code == "not_found"
    assert snapshot(item) == before


def test_a_status_query_that_times_out_changes_nothing(configure_agent_banking, checkout, bank):
    configure_agent_banking(timeout_seconds="0.3")
    item = initialize(checkout).transaction
    bank.record_deposit(item.psp_reference, notify=False)
    before = snapshot(item)
    bank.inject("timeout", path=f"/v1/deposits/{item.psp_reference}")
    outcome = process(checkout, item)
    assert outcome.gateway_error is not None
    assert snapshot(item) == before
    # asked again once the bank answers, it is credited
    bank.release()
    assert process(checkout, item).event.type == "CHARGE_SUCCESS"
    assert creations(bank) == 1


def test_the_same_idempotency_key_asks_the_bank_once(agent_banking, checkout, bank):
    first = initialize(checkout, idempotency_key="key-1")
    again = initialize(checkout, idempotency_key="key-1")
    assert again.transaction.pk == first.transaction.pk
    assert again.data == first.data
    assert creations(bank) == 1
