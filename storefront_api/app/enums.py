"""Saleor's app and webhook enums, with the values Haat has."""

from __future__ import annotations

import graphene

from backend.apps.models import AppType
from plugins.webhook.event_types import WebhookEventAsyncType
from plugins.webhook.models import EventDeliveryStatus

AppTypeEnum = graphene.Enum(
    "AppTypeEnum",
    [(app_type.name, app_type.value) for app_type in AppType],
    description="LOCAL: made in this Haat; THIRDPARTY: installed from elsewhere.",
)

EventDeliveryStatusEnum = graphene.Enum(
    "EventDeliveryStatusEnum",
    [(status.name, status.value) for status in EventDeliveryStatus],
    description="Where a delivery stands: waiting or retrying, delivered, or given up.",
)

# Checkouts and orders have hooks but no domain yet: nothing calls them, so these events are
# accepted in subscriptions and never delivered. The description says so, so apps are not misled.
NOT_RAISED_YET_PREFIXES = ("CHECKOUT_", "ORDER_", "FULFILLMENT_")
NOT_RAISED_YET = (
    "Accepted for subscription but not raised yet: Haat raises it once checkouts and orders "
    "land (the checkout and orders issue)."
)


def _event_descriptions(type_description: str):
    """graphene's description callable: the type's for None, else each event's (only the events
    not raised yet have one)."""

    def describe(event) -> str | None:
        if event is None:
            return type_description
        return NOT_RAISED_YET if event.name.startswith(NOT_RAISED_YET_PREFIXES) else None

    return describe


# The events Haat sends (VENDOR_APPROVED is Haat's own). The value is the event name itself,
# which is also what `WebhookEvent.event_type` and `EventDelivery.event_type` store.
WebhookEventTypeAsyncEnum = graphene.Enum(
    "WebhookEventTypeAsyncEnum",
    [(event.name, event.value) for event in WebhookEventAsyncType],
    description=_event_descriptions(
        "An event a webhook can subscribe to; it is delivered after the change commits."
    ),
)

# Saleor's deprecated union of async and sync events; Haat's are the async ones.
WebhookEventTypeEnum = graphene.Enum(
    "WebhookEventTypeEnum",
    [(event.name, event.value) for event in WebhookEventAsyncType],
    description=_event_descriptions(
        "An event type (Saleor's older name for WebhookEventTypeAsyncEnum)."
    ),
)

# Haat delivers no synchronous webhooks yet: gateways and carriers are plugins. The values name
# the hooks that would become them, so the type exists for Saleor clients; no webhook has one.
WebhookEventTypeSyncEnum = graphene.Enum(
    "WebhookEventTypeSyncEnum",
    [
        (name, name)
        for name in (
            "SHIPPING_LIST_METHODS_FOR_CHECKOUT",
            "PAYMENT_GATEWAY_INITIALIZE_SESSION",
            "TRANSACTION_INITIALIZE_SESSION",
            "TRANSACTION_PROCESS_SESSION",
        )
    ],
    description="A synchronous event. Haat does not deliver these to webhooks (yet).",
)


class AppSortField(graphene.Enum):
    NAME = "name"
    CREATION_DATE = "created_at"

    class Meta:
        description = "What apps can be sorted by."


class EventDeliverySortField(graphene.Enum):
    CREATED_AT = "created_at"

    class Meta:
        description = "What deliveries can be sorted by."


class EventDeliveryAttemptSortField(graphene.Enum):
    CREATED_AT = "created_at"

    class Meta:
        description = "What delivery attempts can be sorted by."
