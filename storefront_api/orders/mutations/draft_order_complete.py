"""draftOrderComplete: place a draft order."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from backend.orders.draft_orders import complete_draft_order

from .common import OrderMutation, uuid_or_error


class DraftOrderComplete(OrderMutation):
    order = graphene.Field("storefront_api.orders.types.Order")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the draft.")

    class Meta:
        description = "Places a draft order: its stock is allocated and the customer told."
        permissions = (PermissionEnum.MANAGE_ORDERS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        order = complete_draft_order(
            order_id=uuid_or_error(data["id"], "Order", field="id"),
            requestor=info.context.user,
            manager=info.context.plugins,
        )
        return cls(order=order)
