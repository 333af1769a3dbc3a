"""eventDeliveryRetry: send a delivery again, with the same delivery id."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from plugins.webhook.delivery import retry_event_delivery
from plugins.webhook.tasks import enqueue_deliveries

from ..access import get_delivery_or_error
from ..errors import WebhookError
from ..types import EventDelivery
from .base import WebhookDomainMutation


class EventDeliveryRetry(WebhookDomainMutation):
    delivery = graphene.Field(EventDelivery, description="The delivery, pending again.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the event delivery to retry.")

    class Meta:
        description = (
            "Sends an event delivery again after commit, with the same `Haat-Delivery-Id` and a "
            "fresh budget of attempts. Requires MANAGE_APPS, or the token of the app it is for."
        )
        error_type_class = WebhookError
        permissions = (PermissionEnum.MANAGE_APPS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        delivery = get_delivery_or_error(data["id"], requestor=info.context.user)
        return cls(delivery=retry_event_delivery(delivery=delivery, enqueue=enqueue_deliveries))
