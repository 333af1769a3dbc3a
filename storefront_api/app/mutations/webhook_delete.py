"""webhookDelete: a webhook goes, with its delivery log."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from plugins.webhook import services

from ..access import ensure_may_manage_webhooks_of, get_webhook_or_error
from ..errors import WebhookError
from ..types import Webhook
from .base import WebhookDomainMutation


class WebhookDelete(WebhookDomainMutation):
    webhook = graphene.Field(Webhook)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the webhook to delete.")

    class Meta:
        description = (
            "Deletes a webhook. Requires MANAGE_APPS and every permission the webhook's app "
            "holds, or the token of the app it belongs to."
        )
        error_type_class = WebhookError
        permissions = (PermissionEnum.MANAGE_APPS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        requestor = info.context.user
        webhook = get_webhook_or_error(data["id"], requestor=requestor)
        ensure_may_manage_webhooks_of(webhook.app, requestor=requestor, field="id")
        return cls(webhook=services.delete_webhook(webhook=webhook))
