"""webhookUpdate: change a webhook's target, events, secret or state."""

from __future__ import annotations

import graphene
from django.core.exceptions import ValidationError

from backend.core.permissions import PermissionEnum
from plugins.webhook import services
from plugins.webhook.error_codes import WebhookErrorCode

from ..access import ensure_may_manage_webhooks_of, get_app_or_error, get_webhook_or_error
from ..errors import WEBHOOK_ERROR_FIELD_NAMES, WebhookError
from ..types import Webhook
from .base import WebhookDomainMutation, webhook_input_events
from .inputs import WebhookUpdateInput


class WebhookUpdate(WebhookDomainMutation):
    webhook = graphene.Field(Webhook)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the webhook to update.")
        input = WebhookUpdateInput(required=True, description="Fields to change.")

    class Meta:
        description = (
            "Updates a webhook; new events replace the old ones. Requires MANAGE_APPS and every "
            "permission the webhook's app holds, or the token of the app the webhook belongs to. "
            "The app must hold each new event's permission."
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
            webhook = get_webhook_or_error(data["id"], requestor=requestor)
            ensure_may_manage_webhooks_of(webhook.app, requestor=requestor, field="id")
            if fields.get("app"):
                app = get_app_or_error(fields["app"], requestor=requestor, field="app")
                if app.pk != webhook.app_id:
                    raise ValidationError(
                        {
                            "app": ValidationError(
                                "A webhook can't move to another app.",
                                code=WebhookErrorCode.INVALID.value,
                            )
                        }
                    )
            webhook = services.update_webhook(
                webhook=webhook,
                name=fields.get("name"),
                target_url=fields.get("target_url"),
                events=events,
                is_active=fields.get("is_active"),
                secret_key=fields.get("secret_key"),
            )
        except ValidationError as error:
            return cls.handle_errors(error, renamed=renamed)
        return cls(webhook=webhook)
