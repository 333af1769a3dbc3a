"""draftOrderUpdate: change a draft's customer, addresses, note or language."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from backend.orders.draft_orders import update_draft_order

from .common import OrderMutation, uuid_or_error
from .draft_order_inputs import DraftOrderInput, draft_changes


class DraftOrderUpdate(OrderMutation):
    order = graphene.Field("storefront_api.orders.types.Order")

    class Arguments:
        id = graphene.ID(description="ID of the draft.")
        external_reference = graphene.String(description="Not supported: Haat keeps none.")
        input = DraftOrderInput(required=True, description="What to change.")

    class Meta:
        description = "Updates a draft order."
        permissions = (PermissionEnum.MANAGE_ORDERS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        order = update_draft_order(
            order_id=uuid_or_error(data.get("id") or "", "Order", field="id"),
            changes=draft_changes(data["input"]),
        )
        return cls(order=order)
