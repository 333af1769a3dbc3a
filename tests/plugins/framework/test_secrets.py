"""Secrets: encrypted at rest, decrypted for the plugin, rotated keys, never in repr or logs."""

from __future__ import annotations

import json
import logging

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from plugins.framework.base import BasePlugin, ConfigurationTypeField
from plugins.framework.configuration import update_plugin_configuration
from plugins.framework.manager import PluginsManager

pytestmark = pytest.mark.django_db

SECRET = "sk_live_9f8e7d6c5b4a3210"


class GatewayPlugin(BasePlugin):
    PLUGIN_ID = "test.secret-gateway"
    PLUGIN_NAME = "Secret gateway"
    DEFAULT_ACTIVE = True
    DEFAULT_CONFIGURATION = [
        {"name": "merchant", "value": ""},
        {"name": "api_key", "value": ""},
    ]
    CONFIG_STRUCTURE = {
        "merchant": {"type": ConfigurationTypeField.STRING, "label": "Merchant"},
        "api_key": {"type": ConfigurationTypeField.SECRET, "label": "API key"},
    }


def _store(api_key: str = SECRET) -> None:
    update_plugin_configuration(
        plugin_id=GatewayPlugin.PLUGIN_ID,
        channel=None,
        active=True,
        configuration=[
            {"name": "merchant", "value": "haat"},
            {"name": "api_key", "value": api_key},
        ],
        plugin_classes=[GatewayPlugin],
    )


def _raw_configuration() -> list[dict]:
    """The row as the database holds it, bypassing the model."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT configuration FROM plugins_pluginconfiguration WHERE identifier = %s",
            [GatewayPlugin.PLUGIN_ID],
        )
        (raw,) = cursor.fetchone()
    return json.loads(raw) if isinstance(raw, str) else raw


def _plugin() -> BasePlugin:
    return PluginsManager(plugin_classes=[GatewayPlugin]).get_plugin(GatewayPlugin.PLUGIN_ID)


def test_a_secret_is_encrypted_in_the_database_and_plain_for_the_plugin():
    # when
    _store()

    # then the row holds a Fernet token, not the secret; the plugin sees the secret
    stored = {item["name"]: item["value"] for item in _raw_configuration()}
    assert stored["merchant"] == "haat"
    assert stored["api_key"].startswith("fernet:")
    assert SECRET not in json.dumps(_raw_configuration())
    assert _plugin().config["api_key"] == SECRET


def test_key_rotation_old_values_still_decrypt_new_values_use_the_new_key(settings):
    # given a secret stored under the old key
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.PLUGINS_ENCRYPTION_KEYS = [old_key]
    _store()

    # when the new key is put first
    settings.PLUGINS_ENCRYPTION_KEYS = [new_key, old_key]

    # then the old value still decrypts, and a value written now needs only the new key
    assert _plugin().config["api_key"] == SECRET
    _store("sk_live_rotated_000000")
    settings.PLUGINS_ENCRYPTION_KEYS = [new_key]
    assert _plugin().config["api_key"] == "sk_live_rotated_000000"


def test_a_lost_key_is_a_clear_configuration_error(settings):
    # given a secret stored under a key that is then dropped
    settings.PLUGINS_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    _store()
    settings.PLUGINS_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    # when / then
    with pytest.raises(ImproperlyConfigured, match="PLUGINS_ENCRYPTION_KEYS lost the key"):
        _plugin()


def test_a_malformed_key_is_a_clear_configuration_error(settings):
    # given
    settings.PLUGINS_ENCRYPTION_KEYS = ["not-a-fernet-key"]

    # when / then
    with pytest.raises(ImproperlyConfigured, match="must be Fernet keys"):
        _store()


def test_repr_and_logs_never_show_the_secret(caplog):
    # when the secret is stored, loaded and the plugin printed
    with caplog.at_level(logging.DEBUG):
        _store()
        plugin = _plugin()
        logging.getLogger("tests").info("loaded %r", plugin)

    # then
    assert SECRET not in repr(plugin)
    assert SECRET not in str(plugin)
    assert repr(plugin) == "<GatewayPlugin test.secret-gateway active=True>"
    assert SECRET not in caplog.text
    assert "api_key" in caplog.text  # the change is logged, by field name only
