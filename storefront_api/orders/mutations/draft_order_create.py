"""draftOrderCreate: staff start an order for a customer."""

from __future__ import annotations

import graphene

from backend.core.errors import field_error
from backend.core.permissions import PermissionEnum
from backend.orders.draft_orders import create_draft_order
from backend.orders.error_codes import OrderErrorCode

from .common import OrderMutation
from .draft_order_inputs import DraftOrderCreateInput, draft_changes
from .order_lines_create import line_requests


class DraftOrderCreate(OrderMutation):
    order = graphene.Field("storefront_api.orders.types.Order")

    class Arguments:
        input = DraftOrderCreateInput(required=True, description="The draft.")

    class Meta:
        description = "Creates a draft order, its lines priced from the channel."
        permissions = (PermissionEnum.MANAGE_ORDERS,)
        error_field_names = {"channel_id": "channelId", "variant_id": "variantId"}

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        payload = data["input"]
        changes = draft_changes(payload)
        if "channel_id" not in changes:
            raise field_error("channel_id", "Give the channel.", OrderErrorCode.REQUIRED)
        lines = line_requests(payload.get("lines") or [])
        order = create_draft_order(
            requestor=info.context.user,
            lines=[(line.variant_id, line.quantity) for line in lines],
            **changes,
        )
        return cls(order=order)
