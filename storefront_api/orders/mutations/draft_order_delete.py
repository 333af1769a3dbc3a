"""draftOrderDelete: throw a draft away."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from backend.orders.draft_orders import delete_draft_order

from .common import OrderMutation, uuid_or_error


class DraftOrderDelete(OrderMutation):
    order = graphene.Field("storefront_api.orders.types.Order")

    class Arguments:
        id = graphene.ID(description="ID of the draft.")
        external_reference = graphene.String(description="Not supported: Haat keeps none.")

    class Meta:
        description = "Deletes a draft order."
        permissions = (PermissionEnum.MANAGE_ORDERS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        order = delete_draft_order(
            order_id=uuid_or_error(data.get("id") or "", "Order", field="id")
        )
        return cls(order=order)
