"""The plugin's configuration, what it tells the storefront, its routes, and its secrets."""

from __future__ import annotations

import json
import logging

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from payments.gateways.sslcommerz.plugin import PLUGIN_ID, SslcommerzGatewayPlugin
from payments.gateways.sslcommerz.simulator import STORE_PASSWORD
from payments.transactions.models import TransactionEvent, TransactionItem
from plugins.framework.configuration import masked_configuration
from plugins.framework.manager import get_plugins_manager

from .conftest import AMOUNT, PLUGIN_PATH, configure, process, staff_action, start

db = pytest.mark.django_db


def _configuration(**values: str) -> dict[str, str]:
    plain = {item["name"]: item["value"] for item in SslcommerzGatewayPlugin.DEFAULT_CONFIGURATION}
    return {**plain, **values}


def test_an_active_plugin_needs_its_store_and_password():
    with pytest.raises(ValidationError) as error:
        SslcommerzGatewayPlugin.validate_plugin_configuration(_configuration(), active=True)
    assert sorted(error.value.error_dict) == ["store_id", "store_password"]
    assert {e.code for errors in error.value.error_dict.values() for e in errors} == {
        "plugin_misconfigured"
    }
    # an inactive one may be saved half-filled
    SslcommerzGatewayPlugin.validate_plugin_configuration(_configuration(), active=False)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("api_base_url", "sandbox.sslcommerz.com"),
        ("timeout_seconds", "0"),
        ("timeout_seconds", "soon"),
        ("fallback_customer_email", "nobody"),
    ],
)
def test_an_active_plugin_refuses_a_wrong_field(field, value):
    configuration = _configuration(store_id="s", store_password="p", **{field: value})
    with pytest.raises(ValidationError) as error:
        SslcommerzGatewayPlugin.validate_plugin_configuration(configuration, active=True)
    assert list(error.value.error_dict) == [field]


@db
def test_turning_it_on_without_credentials_is_refused(enable_gateway, channel):
    with pytest.raises(ValidationError) as error:
        configure(channel, enable_gateway, store_id="haat")
    assert error.value.error_dict["store_password"][0].code == "plugin_misconfigured"


@db
def test_it_is_listed_for_bdt_only_and_tells_the_storefront_no_secret(gateway_on, checkout):
    manager = get_plugins_manager()
    listed = manager.list_payment_gateways("BDT", checkout, channel_slug="bd")
    assert PLUGIN_ID in [gateway.id for gateway in listed]
    usd = manager.list_payment_gateways("USD", checkout, channel_slug="bd")
    assert PLUGIN_ID not in [gateway.id for gateway in usd]
    initialized = manager.payment_gateway_initialize_session(
        PLUGIN_ID, AMOUNT, checkout, None, channel_slug="bd"
    )
    assert initialized.data == {
        "flow": "redirect",
        "currency": "BDT",
        "minimumAmount": "10.00",
        "maximumAmount": "500000.00",
    }
    assert initialized.error is None
    too_much = manager.payment_gateway_initialize_session(
        PLUGIN_ID, AMOUNT * 10000, checkout, None, channel_slug="bd"
    )
    assert too_much.error == "SSLCommerz takes 10.00 to 500000.00 BDT per payment."


@db
def test_the_store_password_is_masked_in_the_api_and_stored_encrypted(gateway_on, channel):
    from plugins.framework.models import PluginConfiguration

    row = PluginConfiguration.objects.get(identifier=PLUGIN_ID, channel=channel)
    assert STORE_PASSWORD not in json.dumps(row.configuration)
    shown = {
        item["name"]: item["value"]
        for item in masked_configuration(SslcommerzGatewayPlugin, row.configuration)
    }
    assert shown["store_password"] == "@ssl"


@db
def test_the_store_password_never_reaches_the_storefront_records_or_logs(
    checkout, gateway_on, caplog
):
    caplog.set_level(logging.DEBUG)
    started = start(checkout)
    paid_tran_id = started.transaction.psp_reference
    gateway_on.complete(paid_tran_id)
    processed = process(checkout)
    staff_action(checkout, "REFUND")
    assert processed.event.type == "CHARGE_SUCCESS"
    shown = json.dumps([started.data, processed.data], default=str)
    stored = json.dumps(
        list(TransactionItem.objects.values("session_data", "message", "private_metadata"))
        + list(TransactionEvent.objects.values("message", "psp_reference")),
        default=str,
    )
    for text in (shown, stored, caplog.text):
        assert STORE_PASSWORD not in text
    assert "merchantTransIDvalidationAPI.php" in caplog.text


@db
def test_unknown_routes_answer_404(gateway_on):
    response = Client().post(f"/plugins/channel/bd/{PLUGIN_ID}/return/elsewhere")
    assert response.status_code == 404
    assert Client().get(f"/plugins/channel/bd/{PLUGIN_ID}/").status_code == 404


@db
def test_the_demo_configuration_points_at_the_simulator():
    configuration = SslcommerzGatewayPlugin.demo_configuration("http://127.0.0.1:8021")
    assert configuration["api_base_url"] == "http://127.0.0.1:8021"
    SslcommerzGatewayPlugin.validate_plugin_configuration(
        _configuration(**configuration), active=True
    )
    assert PLUGIN_PATH.endswith(SslcommerzGatewayPlugin.__name__)
