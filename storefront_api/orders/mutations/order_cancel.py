"""orderCancel: staff cancel an order that has not been fulfilled."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from backend.orders.status import cancel_order

from .common import OrderMutation, uuid_or_error


class OrderCancel(OrderMutation):
    order = graphene.Field("storefront_api.orders.types.Order")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order to cancel.")

    class Meta:
        description = "Cancels an order: its allocated stock is released."
        permissions = (PermissionEnum.MANAGE_ORDERS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        order = cancel_order(
            order_id=uuid_or_error(data["id"], "Order", field="id"),
            requestor=info.context.user,
            manager=info.context.plugins,
        )
        return cls(order=order)
