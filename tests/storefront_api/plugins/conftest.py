"""Plugins installed for API tests, and a staff user allowed to manage them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from backend.core.permissions import PermissionEnum
from plugins.framework.base import BasePlugin, ConfigurationTypeField
from plugins.framework.error_codes import PluginErrorCode
from plugins.framework.manager import clear_registry_cache
from tests.conftest import grant
from tests.factories import ChannelFactory, UserFactory

SECRET = "sk_live_abcdefgh12345678"


class BkashPlugin(BasePlugin):
    """Per channel, with a secret: a gateway."""

    PLUGIN_ID = "haat.payments.bkash"
    PLUGIN_NAME = "bKash"
    PLUGIN_DESCRIPTION = "Mobile wallet payments."
    DEFAULT_ACTIVE = False
    CONFIGURATION_PER_CHANNEL = True
    DEFAULT_CONFIGURATION = [
        {"name": "app_key", "value": ""},
        {"name": "app_secret", "value": ""},
        {"name": "sandbox", "value": True},
    ]
    CONFIG_STRUCTURE = {
        "app_key": {"type": ConfigurationTypeField.STRING, "label": "App key"},
        "app_secret": {
            "type": ConfigurationTypeField.SECRET,
            "label": "App secret",
            "help_text": "From the merchant panel.",
        },
        "sandbox": {"type": ConfigurationTypeField.BOOLEAN, "label": "Sandbox"},
    }

    @classmethod
    def validate_plugin_configuration(cls, configuration, *, active):
        if active and not configuration["app_secret"]:
            raise ValidationError(
                {
                    "app_secret": ValidationError(
                        "Needs the app secret.", code=PluginErrorCode.PLUGIN_MISCONFIGURED
                    )
                }
            )


class SmsPlugin(BasePlugin):
    """Global, with a multiline secret."""

    PLUGIN_ID = "haat.sms"
    PLUGIN_NAME = "SMS"
    PLUGIN_DESCRIPTION = "Text messages to customers."
    DEFAULT_ACTIVE = True
    DEFAULT_CONFIGURATION = [
        {"name": "sender", "value": "HAAT"},
        {"name": "private_key", "value": ""},
    ]
    CONFIG_STRUCTURE = {
        "sender": {"type": ConfigurationTypeField.STRING},
        "private_key": {"type": ConfigurationTypeField.SECRET_MULTILINE},
    }


class AuditPlugin(BasePlugin):
    """Global, off, nothing to configure."""

    PLUGIN_ID = "haat.audit"
    PLUGIN_NAME = "Audit log"
    PLUGIN_DESCRIPTION = "Keeps an audit trail."
    DEFAULT_ACTIVE = False


def dotted_path(plugin_class: type[BasePlugin]) -> str:
    return f"{plugin_class.__module__}.{plugin_class.__qualname__}"


@pytest.fixture
def install_plugins(settings):
    def install(*plugin_classes: type[BasePlugin]) -> None:
        settings.PLUGINS = [dotted_path(plugin_class) for plugin_class in plugin_classes]
        settings.PLUGINS_ENTRY_POINTS = False
        clear_registry_cache()

    yield install
    clear_registry_cache()


@pytest.fixture
def test_plugins(install_plugins):
    install_plugins(BkashPlugin, SmsPlugin, AuditPlugin)


@pytest.fixture
def channels(db):
    return [
        ChannelFactory(slug="bd"),
        ChannelFactory(slug="export", name="Export", currency_code="USD"),
    ]


@pytest.fixture
def plugin_manager_user(db):
    user = UserFactory(is_staff=True, email="plugins@haat.test", phone=None)
    grant(user, PermissionEnum.MANAGE_PLUGINS)
    return user
