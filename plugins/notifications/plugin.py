"""The notifications plugin: SMS and e-mail to customers, entrepreneurs and staff."""

from __future__ import annotations

from plugins.base import BasePlugin


class NotificationsPlugin(BasePlugin):
    PLUGIN_ID = "haat.notifications"
    PLUGIN_NAME = "Notifications"
    PLUGIN_DESCRIPTION = "SMS and e-mail in Bangla and English."
    DEFAULT_ACTIVE = True
