"""GraphQL types of apps, their tokens, webhooks and the delivery log (Saleor 3.21 names)."""

from __future__ import annotations

import graphene
from graphene import relay

from backend.apps import models as app_models
from backend.core.permissions import PermissionEnum
from plugins.framework.crypto import decrypt_secret
from plugins.webhook import models
from plugins.webhook.event_types import WebhookEventAsyncType
from storefront_api.core.connection import connection_args, create_connection, paginate_list
from storefront_api.core.dataloaders import then
from storefront_api.core.enums import OrderDirection
from storefront_api.core.ids import to_global_id
from storefront_api.core.types import ModelObjectType, ObjectWithMetadata, ObjectWithMetadataFields
from storefront_api.shop.types import Permission

from .dataloaders import (
    AppByIdLoader,
    AppTokensByAppIdLoader,
    AttemptsByDeliveryIdLoader,
    DeliveryPageByWebhookIdLoader,
    EventTypesByWebhookIdLoader,
    PayloadByIdLoader,
    PermissionsByAppIdLoader,
    WebhooksByAppIdLoader,
    delivery_page_args,
)
from .enums import (
    AppTypeEnum,
    EventDeliveryAttemptSortField,
    EventDeliverySortField,
    EventDeliveryStatusEnum,
    WebhookEventTypeAsyncEnum,
    WebhookEventTypeEnum,
    WebhookEventTypeSyncEnum,
)


def mask_secret(secret: str) -> str | None:
    """Saleor's mask for secrets: four stars and the last four characters."""
    if not secret:
        return None
    return "****" + secret[-4:] if len(secret) > 4 else "****"


def _event_name(event_type: str) -> str:
    try:
        return str(WebhookEventAsyncType(event_type).label)
    except ValueError:
        return event_type


class EventDeliveryAttemptSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(EventDeliveryAttemptSortField, required=True)

    class Meta:
        description = "How to sort delivery attempts."


class EventDeliverySortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(EventDeliverySortField, required=True)

    class Meta:
        description = "How to sort deliveries."


class EventDeliveryFilterInput(graphene.InputObjectType):
    status = graphene.Field(EventDeliveryStatusEnum)
    event_type = graphene.Field(WebhookEventTypeEnum)

    class Meta:
        description = "Which deliveries to list."


class EventDeliveryAttempt(ModelObjectType, model=models.EventDeliveryAttempt):
    created_at = graphene.DateTime(required=True)
    task_id = graphene.String(description="The background task that made this attempt.")
    duration = graphene.Float(description="How long the request took, in seconds.")
    response = graphene.String(description="The start of the response body (1 KB at most).")
    response_headers = graphene.String()
    response_status_code = graphene.Int()
    request_headers = graphene.String()
    status = graphene.Field(EventDeliveryStatusEnum, required=True)

    class Meta:
        description = "One HTTP request of a delivery, and what came back."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_status(root: models.EventDeliveryAttempt, _info):
        return str(root.status)


EventDeliveryAttemptCountableConnection = create_connection(EventDeliveryAttempt)


class EventDelivery(ModelObjectType, model=models.EventDelivery):
    created_at = graphene.DateTime(required=True)
    status = graphene.Field(EventDeliveryStatusEnum, required=True)
    event_type = graphene.Field(WebhookEventTypeEnum, required=True)
    attempts = graphene.Field(
        EventDeliveryAttemptCountableConnection,
        sort_by=EventDeliveryAttemptSortingInput(description="How to sort the attempts."),
        description="The HTTP requests made for this delivery, oldest first by default.",
        **connection_args(),
    )
    payload = graphene.String(description="The JSON body sent (the same on every attempt).")

    class Meta:
        description = (
            "One event for one webhook. Its `Haat-Delivery-Id` header is the same on every "
            "attempt, so a receiver can drop duplicates."
        )
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_status(root: models.EventDelivery, _info):
        return str(root.status)

    @staticmethod
    def resolve_attempts(root: models.EventDelivery, info, sort_by=None, **pagination):
        descending = bool(sort_by) and str(getattr(sort_by["direction"], "value", "")) == "desc"
        return then(
            AttemptsByDeliveryIdLoader(info.context).load(root.pk),
            lambda attempts: paginate_list(
                list(reversed(attempts)) if descending else attempts,
                connection_name="attempts",
                **pagination,
            ),
        )

    @staticmethod
    def resolve_payload(root: models.EventDelivery, info):
        return PayloadByIdLoader(info.context).load(root.payload_id)


EventDeliveryCountableConnection = create_connection(EventDelivery)


class WebhookEvent(graphene.ObjectType):
    name = graphene.String(required=True, description="The event in words.")
    event_type = graphene.Field(WebhookEventTypeEnum, required=True)

    class Meta:
        description = "An event a webhook is subscribed to."


class WebhookEventAsync(graphene.ObjectType):
    name = graphene.String(required=True, description="The event in words.")
    event_type = graphene.Field(WebhookEventTypeAsyncEnum, required=True)

    class Meta:
        description = "An asynchronous event a webhook is subscribed to."


class WebhookEventSync(graphene.ObjectType):
    name = graphene.String(required=True, description="The event in words.")
    event_type = graphene.Field(WebhookEventTypeSyncEnum, required=True)

    class Meta:
        description = "A synchronous event (Haat's webhooks have none)."


class Webhook(ModelObjectType, model=models.Webhook):
    name = graphene.String()
    events = graphene.NonNull(
        graphene.List(graphene.NonNull(WebhookEvent)),
        deprecation_reason="Use `asyncEvents` or `syncEvents` instead.",
    )
    sync_events = graphene.NonNull(
        graphene.List(graphene.NonNull(WebhookEventSync)),
        description="Always empty: Haat delivers no synchronous webhooks.",
    )
    async_events = graphene.NonNull(
        graphene.List(graphene.NonNull(WebhookEventAsync)),
        description="The events delivered to this webhook.",
    )
    app = graphene.Field(lambda: App, required=True)
    event_deliveries = graphene.Field(
        EventDeliveryCountableConnection,
        sort_by=EventDeliverySortingInput(description="How to sort deliveries."),
        filter=EventDeliveryFilterInput(description="Which deliveries to list."),
        description="The delivery log, newest first by default.",
        **connection_args(),
    )
    target_url = graphene.String(required=True)
    is_active = graphene.Boolean(required=True)
    secret_key = graphene.String(
        description=(
            "The key that signs deliveries (HMAC-SHA256 in `Haat-Signature`). In clear only in "
            "the webhookCreate response; masked (****abcd) everywhere else. Saleor deprecates "
            "it for JWS signatures; Haat signs with it, so it is current here."
        ),
    )

    class Meta:
        description = "Where an app wants events delivered, and which ones."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_name(root: models.Webhook, _info):
        return root.name or None

    @staticmethod
    def resolve_events(root: models.Webhook, info):
        return then(
            EventTypesByWebhookIdLoader(info.context).load(root.pk),
            lambda events: [WebhookEvent(name=_event_name(e), event_type=e) for e in events],
        )

    @staticmethod
    def resolve_async_events(root: models.Webhook, info):
        return then(
            EventTypesByWebhookIdLoader(info.context).load(root.pk),
            lambda events: [WebhookEventAsync(name=_event_name(e), event_type=e) for e in events],
        )

    @staticmethod
    def resolve_sync_events(_root: models.Webhook, _info):
        return []

    @staticmethod
    def resolve_app(root: models.Webhook, info):
        return AppByIdLoader(info.context).load(root.app_id)

    @staticmethod
    def resolve_event_deliveries(root: models.Webhook, info, **kwargs):
        return DeliveryPageByWebhookIdLoader(info.context).load(
            (root.pk, delivery_page_args(**kwargs))
        )

    @staticmethod
    def resolve_secret_key(root: models.Webhook, _info):
        revealed = getattr(root, "revealed_secret_key", None)
        if revealed:
            return revealed
        return mask_secret(decrypt_secret(root.secret_key))


class AppToken(ModelObjectType, model=app_models.AppToken):
    name = graphene.String()
    auth_token = graphene.String(
        description="The last four characters of the token: the token itself is never kept."
    )

    class Meta:
        description = "A token an app calls the API with."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_name(root: app_models.AppToken, _info):
        return root.name or None

    @staticmethod
    def resolve_auth_token(root: app_models.AppToken, _info):
        return root.token_last_4


class App(ObjectWithMetadataFields, ModelObjectType, model=app_models.App):
    private_metadata_permissions = (PermissionEnum.MANAGE_APPS,)
    identifier = graphene.String(description="The app's canonical ID (its global ID if unset).")
    permissions = graphene.List(
        graphene.NonNull(Permission), description="What the app may do with its token."
    )
    created = graphene.DateTime()
    is_active = graphene.Boolean()
    name = graphene.String()
    type = graphene.Field(AppTypeEnum)
    tokens = graphene.List(graphene.NonNull(AppToken), description="The app's tokens (masked).")
    webhooks = graphene.List(graphene.NonNull(Webhook), description="The app's webhooks.")

    class Meta:
        description = "A partner system or integration: it calls the API and receives webhooks."
        interfaces = (relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_identifier(root: app_models.App, _info):
        return root.identifier or to_global_id("App", root.pk)

    @staticmethod
    def resolve_permissions(root: app_models.App, info):
        return then(
            PermissionsByAppIdLoader(info.context).load(root.pk),
            lambda permissions: [
                Permission(code=permission.value, name=name) for permission, name in permissions
            ],
        )

    @staticmethod
    def resolve_created(root: app_models.App, _info):
        return root.created_at

    @staticmethod
    def resolve_type(root: app_models.App, _info):
        return str(root.type)

    @staticmethod
    def resolve_tokens(root: app_models.App, info):
        return AppTokensByAppIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_webhooks(root: app_models.App, info):
        return WebhooksByAppIdLoader(info.context).load(root.pk)


AppCountableConnection = create_connection(App)
