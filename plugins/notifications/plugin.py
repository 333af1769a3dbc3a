"""The notifications plugin: SMS and e-mail to customers, entrepreneurs and staff, Bangla first.

`manager.notify(event, payload, channel_slug=...)` reaches `notify`; the payload names the
recipients (`recipient_phone`, `recipient_email`), the language (`language_code`, default `bn`)
and what the event's templates show (see `rendering.py` and the README). `vendor_approved` tells
the entrepreneur. Messages are written in the caller's transaction and sent after it commits.
"""

from __future__ import annotations

from typing import Any

from .configuration import PLUGIN_ID, NotificationsPluginBase
from .delivery import queue_notifications
from .rendering import NotifyEvent
from .tasks import enqueue_messages

__all__ = ["PLUGIN_ID", "NotificationsPlugin"]


class NotificationsPlugin(NotificationsPluginBase):
    """The hooks; what the plugin is and how it is configured is in `configuration.py`."""

    # --- hooks -----------------------------------------------------------------------------------

    def notify(
        self, event: str, payload: dict[str, Any], channel_slug: str | None, previous_value: Any
    ) -> Any:
        queue_notifications(
            event=event,
            payload=payload,
            channel_slug=channel_slug,
            config=self.config,
            enqueue=enqueue_messages,
        )
        return previous_value

    def vendor_approved(self, vendor: Any, previous_value: Any) -> Any:
        owner = vendor.owner
        payload = {
            "recipient_phone": vendor.phone or owner.phone or "",
            "recipient_email": vendor.email or owner.email or "",
            "language_code": owner.language_code or "bn",
            "user": {"first_name": owner.first_name},
            "vendor": {
                "id": vendor.pk,
                "name": vendor.name,
                "name_bn": vendor.name_bn,
                "approved_at": vendor.approved_at,
            },
        }
        queue_notifications(
            event=NotifyEvent.VENDOR_APPROVED,
            payload=payload,
            channel_slug=None,
            config=self.config,
            enqueue=enqueue_messages,
        )
        return previous_value
