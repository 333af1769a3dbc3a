"""Who hears each event: the active webhooks of active apps subscribed to it whose app holds the
event's permission (`event_types.EVENT_PERMISSIONS`) today.

Every write with a hook (each checkout change) asks, and most shops have few webhooks, so the
answer for all events is one entry of the shared configuration cache (`backend.core.config_cache`):
one query when the cache has none, none otherwise. Writes to webhooks, their events, apps, apps'
permissions and the permission rows invalidate it.
"""

from __future__ import annotations

from collections import defaultdict

from backend.core.config_cache import ConfigCache

from .models import WebhookEvent
from .permissions import app_holds_event_permission

# Event type -> the webhooks (ids, ascending) that receive it.
Subscribers = dict[str, tuple[int, ...]]


def load_subscribers() -> Subscribers:
    """Read from the database in one query: the subscribed webhooks of every event whose app may
    hear it (the permission is checked in the query, `app_holds_event_permission`)."""
    rows = (
        WebhookEvent.objects.filter(webhook__is_active=True, webhook__app__is_active=True)
        .filter(app_holds_event_permission())
        .values_list("event_type", "webhook_id")
        .order_by("webhook_id")
    )
    subscribers: dict[str, list[int]] = defaultdict(list)
    for event_type, webhook_id in rows:
        subscribers[event_type].append(webhook_id)
    return {event_type: tuple(webhook_ids) for event_type, webhook_ids in subscribers.items()}


WEBHOOK_SUBSCRIBERS = ConfigCache(
    "webhook-subscribers",
    load=load_subscribers,
    depends_on=(
        "webhook.Webhook",
        "webhook.WebhookEvent",
        "apps.App",
        # The m2m's through model: `app.permissions.add/remove/set/clear` and its rows.
        "apps.App_permissions",
        # A permission's codename and its content type's app label name it.
        "auth.Permission",
        "contenttypes.ContentType",
    ),
)
