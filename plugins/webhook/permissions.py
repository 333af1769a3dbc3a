"""Who may receive which event: a webhook's app must hold the event's permission
(`event_types.EVENT_PERMISSIONS`) when the event is raised and again when it is sent.

An app's permissions change (`appUpdate`, the admin), so the check made when a webhook subscribed
is not enough: the plugin creates no delivery for an app without the permission, and a delivery
made earlier (pending, retried or sent again with `eventDeliveryRetry`) fails without sending.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from backend.apps.models import App

from .event_types import EVENT_PERMISSIONS
from .models import EventDelivery, EventDeliveryAttempt, EventDeliveryStatus

_AppPermission = App.permissions.through


def _app_holds(permission: str, app_ref: str) -> Exists:
    app_label, codename = permission.split(".", 1)
    return Exists(
        _AppPermission.objects.filter(
            app_id=OuterRef(app_ref),
            permission__content_type__app_label=app_label,
            permission__codename=codename,
        )
    )


def app_holds_event_permission(
    *, event_field: str = "event_type", app_ref: str = "webhook__app_id"
) -> Q:
    """A filter on rows with an event type and an app (a `WebhookEvent`, an `EventDelivery`):
    the app holds the event's permission. One EXISTS per permission, in the same query."""
    events_by_permission: dict[str, list[str]] = defaultdict(list)
    for event, permission in EVENT_PERMISSIONS.items():
        events_by_permission[permission].append(event.value)
    condition = Q(pk__in=[])
    for permission, events in events_by_permission.items():
        condition |= Q(Q(**{f"{event_field}__in": events}), _app_holds(permission, app_ref))
    return condition


def refuse_unpermitted_delivery(delivery_pk: int) -> bool:
    """Fail a pending delivery whose app no longer holds its event's permission, logging why in
    an attempt (nothing is sent). True when it was refused. One conditional UPDATE: a delivery
    another worker already finished is left alone."""
    refused = (
        EventDelivery.objects.filter(pk=delivery_pk, status=EventDeliveryStatus.PENDING)
        .exclude(app_holds_event_permission())
        .update(status=EventDeliveryStatus.FAILED, next_attempt_at=None, updated_at=timezone.now())
    )
    if not refused:
        return False
    event_type = EventDelivery.objects.values_list("event_type", flat=True).get(pk=delivery_pk)
    needed = EVENT_PERMISSIONS.get(event_type, "a permission")  # type: ignore[call-overload]
    EventDeliveryAttempt.objects.create(
        delivery_id=delivery_pk,
        status=EventDeliveryStatus.FAILED,
        response=f"Refused: the app lacks {needed}, which {event_type} needs.",
    )
    return True
