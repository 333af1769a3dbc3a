"""orderConfirm: staff confirm an unconfirmed order."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from backend.orders.status import confirm_order

from .common import OrderMutation, uuid_or_error


class OrderConfirm(OrderMutation):
    order = graphene.Field("storefront_api.orders.types.Order")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order to confirm.")

    class Meta:
        description = "Confirms an unconfirmed order: it can be fulfilled from now on."
        permissions = (PermissionEnum.MANAGE_ORDERS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        order = confirm_order(
            order_id=uuid_or_error(data["id"], "Order", field="id"),
            requestor=info.context.user,
            manager=info.context.plugins,
        )
        return cls(order=order)
