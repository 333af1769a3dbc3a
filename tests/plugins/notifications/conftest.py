"""Fixtures: the BulkSMSBD simulator on a free loopback port, stored plugin configuration."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

# The project's Celery app (eager without a broker) must be the current app before a task is
# sent; `backend/__init__.py` does not import it yet (see the report to the lead).
import backend.celery  # noqa: F401
from plugins.framework.crypto import encrypt_secret
from plugins.framework.manager import PluginsManager
from plugins.framework.models import PluginConfiguration
from plugins.notifications.plugin import PLUGIN_ID, NotificationsPlugin
from plugins.notifications.simulator import SmsGatewaySimulator

API_KEY = "test-key-7f3a9c"
SENDER_ID = "8809617000001"


@pytest.fixture
def sms_gateway() -> Iterator[SmsGatewaySimulator]:
    gateway = SmsGatewaySimulator(accounts={})
    gateway.add_account(API_KEY, SENDER_ID)
    with gateway:
        yield gateway


def store_configuration(*, active: bool = True, **values: Any) -> PluginConfiguration:
    """The plugin's row as pluginUpdate would store it: the API key encrypted."""
    configuration = [
        {"name": name, "value": encrypt_secret(value) if name == "sms_api_key" else value}
        for name, value in values.items()
    ]
    return PluginConfiguration.objects.create(
        identifier=PLUGIN_ID, active=active, configuration=configuration
    )


@pytest.fixture
def http_backend(db, sms_gateway) -> PluginConfiguration:
    """The plugin sends SMS through the simulator."""
    return store_configuration(
        sms_backend="http",
        sms_api_url=sms_gateway.url,
        sms_api_key=API_KEY,
        sms_sender_id=SENDER_ID,
        sms_timeout_seconds="2",
    )


@pytest.fixture
def manager(db) -> PluginsManager:
    """A manager with only this plugin, so other plugins' work does not leak into these tests."""
    return PluginsManager(plugin_classes=[NotificationsPlugin])


def order_payload(**overrides: Any) -> dict[str, Any]:
    payload = {
        "recipient_phone": "01712-345678",
        "language_code": "bn",
        "user": {"first_name": "Karim"},
        "order": {
            "number": "1024",
            "total": {"amount": "1250000.50", "currency": "BDT"},
            "created": "2025-03-05T09:07:00+00:00",
            "centre_name": "কালীগঞ্জ ইউডিসি",
        },
    }
    payload.update(overrides)
    return payload
