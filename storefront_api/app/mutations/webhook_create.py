"""webhookCreate: subscribe an app's endpoint to events."""

from __future__ import annotations

import graphene
from django.core.exceptions import ValidationError

from backend.core.permissions import PermissionEnum
from plugins.webhook import services
from plugins.webhook.error_codes import WebhookErrorCode

from ..access import calling_app, ensure_may_manage_webhooks_of, get_app_or_error
from ..errors import WEBHOOK_ERROR_FIELD_NAMES, WebhookError
from ..types import Webhook
from .base import WebhookDomainMutation, webhook_input_events
from .inputs import WebhookCreateInput


class WebhookCreate(WebhookDomainMutation):
    webhook = graphene.Field(Webhook)

    class Arguments:
        input = WebhookCreateInput(required=True, description="Fields of the new webhook.")

    class Meta:
        description = (
            "Creates a webhook. Its `secretKey` is returned in clear here, once. Requires "
            "MANAGE_APPS and every permission the app holds, or an app's token (the webhook is "
            "then the app's own). The app must hold each event's permission."
        )
        error_type_class = WebhookError
        error_field_names = WEBHOOK_ERROR_FIELD_NAMES
        permissions = (PermissionEnum.MANAGE_APPS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        requestor = info.context.user
        fields = data["input"]
        events, renamed = webhook_input_events(fields)
        try:
            if fields.get("app"):
                app = get_app_or_error(fields["app"], requestor=requestor, field="app")
            else:
                app = calling_app(requestor)
            if app is None:
                raise ValidationError(
                    {
                        "app": ValidationError(
                            "Name the app the webhook belongs to.",
                            code=WebhookErrorCode.REQUIRED.value,
                        )
                    }
                )
            ensure_may_manage_webhooks_of(app, requestor=requestor, field="app")
            created = services.create_webhook(
                app=app,
                name=fields.get("name"),
                target_url=fields.get("target_url"),
                events=events or [],
                is_active=fields.get("is_active", True) is not False,
                secret_key=fields.get("secret_key"),
            )
        except ValidationError as error:
            return cls.handle_errors(error, renamed=renamed)
        webhook = created.webhook
        webhook.revealed_secret_key = created.secret_key  # read by Webhook.secretKey, this once
        return cls(webhook=webhook)
