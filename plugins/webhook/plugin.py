"""The webhook plugin: turns hooks into signed deliveries to apps' webhooks."""

from __future__ import annotations

from plugins.base import BasePlugin


class WebhookPlugin(BasePlugin):
    PLUGIN_ID = "haat.webhooks"
    PLUGIN_NAME = "Webhooks"
    PLUGIN_DESCRIPTION = "Delivers events to apps' webhooks, signed, with retries and a log."
    DEFAULT_ACTIVE = True
