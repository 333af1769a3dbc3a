"""What the notifications plugin is: its id, its configuration and the checks on it.

Apart from the hooks (`plugin.py`) so that the send task can read the configuration without
importing the hooks, which import the task: the dependencies point one way,
`plugin` -> `tasks` -> `delivery` -> `configuration`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError

from plugins.framework.base import BasePlugin, ConfigField, ConfigItem, ConfigurationTypeField
from plugins.framework.error_codes import PluginErrorCode
from plugins.framework.manager import PluginsManager

from .backends import HTTP, SMS_BACKENDS
from .sms import DEFAULT_API_URL

PLUGIN_ID = "haat.notifications"


def is_enabled(value: Any) -> bool:
    """Configuration booleans arrive as booleans or, from some clients, as strings."""
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


class NotificationsPluginBase(BasePlugin):
    """The plugin without its hooks: identity, configuration, validation."""

    PLUGIN_ID = PLUGIN_ID
    PLUGIN_NAME = "Notifications"
    PLUGIN_DESCRIPTION = "SMS and e-mail in Bangla and English."
    DEFAULT_ACTIVE = True
    DEFAULT_CONFIGURATION: ClassVar[list[ConfigItem]] = [
        {"name": "sms_enabled", "value": True},
        {"name": "sms_backend", "value": "console"},
        {"name": "sms_api_url", "value": DEFAULT_API_URL},
        {"name": "sms_api_key", "value": ""},
        {"name": "sms_sender_id", "value": ""},
        {"name": "sms_timeout_seconds", "value": "10"},
        {"name": "email_enabled", "value": True},
        {"name": "email_from", "value": ""},
    ]
    CONFIG_STRUCTURE: ClassVar[dict[str, ConfigField]] = {
        "sms_enabled": {
            "type": ConfigurationTypeField.BOOLEAN,
            "label": "Send SMS",
            "help_text": "Customers are known by their mobile number: SMS is the main way.",
        },
        "sms_backend": {
            "type": ConfigurationTypeField.STRING,
            "label": "SMS backend",
            "help_text": "console (print the SMS: the demo) or http (the BulkSMSBD gateway).",
        },
        "sms_api_url": {
            "type": ConfigurationTypeField.STRING,
            "label": "SMS gateway URL",
            "help_text": "BulkSMSBD's send endpoint, or the simulator's "
            "(http://127.0.0.1:8025/api/smsapi).",
        },
        "sms_api_key": {
            "type": ConfigurationTypeField.SECRET,
            "label": "SMS gateway API key",
            "help_text": "BulkSMSBD api_key; stored encrypted, never shown again.",
        },
        "sms_sender_id": {
            "type": ConfigurationTypeField.STRING,
            "label": "SMS sender id",
            "help_text": "The approved sender id (a number such as 8809617XXXXXX, or a mask).",
        },
        "sms_timeout_seconds": {
            "type": ConfigurationTypeField.STRING,
            "label": "SMS gateway timeout (seconds)",
            "help_text": "How long to wait for the gateway before trying again later.",
        },
        "email_enabled": {
            "type": ConfigurationTypeField.BOOLEAN,
            "label": "Send e-mail",
            "help_text": "To recipients with an address, through Django's EMAIL_* settings.",
        },
        "email_from": {
            "type": ConfigurationTypeField.STRING,
            "label": "E-mail sender",
            "help_text": "From address; empty uses DEFAULT_FROM_EMAIL.",
        },
    }

    @classmethod
    def validate_plugin_configuration(cls, configuration: dict[str, Any], *, active: bool) -> None:
        backend = str(configuration.get("sms_backend") or "").strip().lower()
        if backend not in SMS_BACKENDS:
            raise ValidationError(
                {
                    "sms_backend": ValidationError(
                        f"Use one of: {', '.join(SMS_BACKENDS)}.", code=PluginErrorCode.INVALID
                    )
                }
            )
        if not (active and backend == HTTP and is_enabled(configuration.get("sms_enabled"))):
            return
        url = str(configuration.get("sms_api_url") or "")
        missing = {
            name: ValidationError("Needed to send SMS through the gateway.", code="REQUIRED")
            for name in ("sms_api_url", "sms_api_key", "sms_sender_id")
            if not str(configuration.get(name) or "").strip()
        }
        if missing:
            raise ValidationError(
                {
                    name: ValidationError(error.message, code=PluginErrorCode.PLUGIN_MISCONFIGURED)
                    for name, error in missing.items()
                }
            )
        if not url.startswith(("http://", "https://")):
            raise ValidationError(
                {
                    "sms_api_url": ValidationError(
                        "The gateway URL must start with http:// or https://.",
                        code=PluginErrorCode.INVALID,
                    )
                }
            )


def current_configuration() -> dict[str, Any]:
    """The plugin's configuration as stored now (secrets decrypted) over its defaults.

    Read when a message is sent, not when it was queued: a key fixed after a failure serves the
    next retry, and no secret travels through the broker.
    """
    plugin = PluginsManager(plugin_classes=[NotificationsPluginBase]).get_plugin(PLUGIN_ID)
    assert plugin is not None  # the manager holds exactly this plugin class
    return dict(plugin.config)
