"""The plugin itself: its configuration, what the storefront sees, bKash refusing or not
answering a new payment, and secrets kept out of the storefront's data and the logs."""

from __future__ import annotations

import logging
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from payments.gateways.bkash.plugin import BkashGatewayPlugin
from payments.transactions.models import TransactionItem
from plugins.framework.configuration import update_plugin_configuration
from plugins.framework.manager import get_plugins_manager
from tests.payments.gateways.bkash.conftest import (
    BKASH,
    PLUGIN_PATH,
    act,
    initialize,
    paid_transaction,
)

pytestmark = pytest.mark.django_db

SECRETS = ("sim-password-not-a-secret", "sim-app-secret-not-a-secret")


def test_an_active_plugin_needs_its_credentials(settings, channel):
    settings.PLUGINS = [*settings.PLUGINS, PLUGIN_PATH]
    from plugins.framework.manager import clear_registry_cache

    clear_registry_cache()
    try:
        with pytest.raises(ValidationError) as refused:
            update_plugin_configuration(
                plugin_id=BKASH,
                channel=channel,
                active=True,
                configuration=[{"name": "username", "value": "merchant"}],
            )
    finally:
        clear_registry_cache()
    errors = refused.value.error_dict
    assert sorted(errors) == ["app_key", "app_secret", "password"]
    assert {error.code for field in errors.values() for error in field} == {"plugin_misconfigured"}


@pytest.mark.parametrize(
    ("field", "value"),
    [("base_url", "ftp://bkash"), ("timeout_seconds", "soon"), ("timeout_seconds", "0")],
)
def test_a_malformed_field_is_refused(field, value):
    configuration = {**BkashGatewayPlugin.demo_configuration("http://127.0.0.1:1"), field: value}
    with pytest.raises(ValidationError) as refused:
        BkashGatewayPlugin.validate_plugin_configuration(configuration, active=True)
    assert list(refused.value.error_dict) == [field]


def test_the_demo_configuration_is_valid_and_points_at_the_simulator():
    configuration = BkashGatewayPlugin.demo_configuration("http://127.0.0.1:8701/")
    BkashGatewayPlugin.validate_plugin_configuration(configuration, active=True)
    assert configuration["base_url"] == "http://127.0.0.1:8701/v1.2.0-beta/tokenized/checkout"
    assert configuration["sns_allowed_cert_origins"] == "http://127.0.0.1:8701"


def test_the_storefront_sees_bkash_for_bdt_only_and_no_secret(gateway):
    manager = get_plugins_manager()
    plugin = manager.get_plugin(BKASH, "bd")

    listed = plugin.list_payment_gateways("BDT", None, [])
    assert [gateway.id for gateway in listed] == [BKASH]
    assert plugin.list_payment_gateways("USD", None, []) == []
    initialized = plugin.payment_gateway_initialize_session(Decimal("230"), None, None, None)
    assert initialized.data == {"flow": "redirect", "paymentMethods": ["bkash"], "currency": "BDT"}
    assert not any(secret in repr(initialized) for secret in SECRETS)
    assert not any(secret in repr(plugin) for secret in SECRETS)


def test_bkash_refusing_the_payment_fails_the_transaction(gateway, simulator, checkout):
    simulator.refuse("create", "2023", "Insufficient Balance")

    outcome = initialize(checkout)

    assert outcome.event.type == "CHARGE_FAILURE"
    assert outcome.event.message == "bKash refused the payment: 2023 Insufficient Balance"
    assert outcome.transaction.charged_value == Decimal("0")


def test_bkash_not_answering_a_create_leaves_the_request_pending(gateway, simulator, checkout):
    simulator.inject("timeout", path="/create")

    outcome = initialize(checkout)

    assert outcome.gateway_error == "bKash did not answer create within 1.0 s."
    item = TransactionItem.objects.get()
    assert list(item.events.values_list("type", flat=True)) == ["CHARGE_REQUEST"]
    assert len(simulator.calls("create")) == 1


def test_secrets_never_reach_the_storefront_nor_the_logs(gateway, simulator, checkout, caplog):
    caplog.set_level(logging.DEBUG)

    item = paid_transaction(checkout, simulator)
    act(checkout, item, "REFUND", Decimal("10.00"))
    simulator.expire_tokens()
    act(checkout, item, "REFUND", Decimal("10.00"))

    item.refresh_from_db()
    tokens = [
        r.headers["authorization"] for r in simulator.requests if "authorization" in r.headers
    ]
    assert len(set(tokens)) == 2
    for secret in (*SECRETS, *tokens, *simulator.token_desk.refresh_tokens):
        assert secret not in caplog.text
        assert secret not in repr(item.session_data)
        assert secret not in item.message
    assert set(item.session_data) == {"redirectUrl", "paymentID", "returnUrl"}
