"""Inputs of the app and webhook mutations (Saleor's names and types)."""

from __future__ import annotations

import graphene

from storefront_api.accounts.enums import PermissionEnum

from ..enums import WebhookEventTypeAsyncEnum, WebhookEventTypeEnum, WebhookEventTypeSyncEnum


class AppInput(graphene.InputObjectType):
    name = graphene.String(description="Name of the app.")
    identifier = graphene.String(description="Canonical app ID; the app's global ID if unset.")
    permissions = graphene.List(
        graphene.NonNull(PermissionEnum), description="What the app may do with its tokens."
    )

    class Meta:
        description = "Fields of an app."


class AppTokenInput(graphene.InputObjectType):
    name = graphene.String(description="Name of the token.")
    app = graphene.ID(required=True, description="The app the token is for.")

    class Meta:
        description = "Fields of a new app token."


def _webhook_fields() -> dict:
    return {
        "name": graphene.String(description="Name of the webhook."),
        "target_url": graphene.String(description="Where events are POSTed (http or https)."),
        "events": graphene.List(
            graphene.NonNull(WebhookEventTypeEnum),
            description="The events to deliver.",
            deprecation_reason="Use `asyncEvents` or `syncEvents` instead.",
        ),
        "async_events": graphene.List(
            graphene.NonNull(WebhookEventTypeAsyncEnum), description="The events to deliver."
        ),
        "sync_events": graphene.List(
            graphene.NonNull(WebhookEventTypeSyncEnum),
            description="Must be empty: Haat delivers no synchronous webhooks.",
        ),
        "app": graphene.ID(
            description="The app the webhook belongs to; the calling app when it has none."
        ),
        "is_active": graphene.Boolean(description="Whether events are delivered."),
        "secret_key": graphene.String(
            description=(
                "The key that signs deliveries (HMAC-SHA256 in `Haat-Signature`); a strong one is "
                "generated when none is given. Saleor deprecates it for JWS signatures; Haat "
                "signs with it, so it is current here."
            ),
        ),
    }


WebhookCreateInput = type(
    "WebhookCreateInput",
    (graphene.InputObjectType,),
    {**_webhook_fields(), "Meta": type("Meta", (), {"description": "Fields of a new webhook."})},
)

WebhookUpdateInput = type(
    "WebhookUpdateInput",
    (graphene.InputObjectType,),
    {**_webhook_fields(), "Meta": type("Meta", (), {"description": "Fields to change."})},
)
