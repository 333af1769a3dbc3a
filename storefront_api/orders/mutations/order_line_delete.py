"""orderLineDelete: remove a line from a draft or unconfirmed order."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from backend.orders.lines import delete_line

from .common import OrderMutation, uuid_or_error


class OrderLineDelete(OrderMutation):
    order = graphene.Field("storefront_api.orders.types.Order")
    order_line = graphene.Field("storefront_api.orders.line_types.OrderLine")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order line.")

    class Meta:
        description = "Removes a line; totals are recomputed."
        permissions = (PermissionEnum.MANAGE_ORDERS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        order, line = delete_line(
            line_id=uuid_or_error(data["id"], "OrderLine", field="id"),
            requestor=info.context.user,
            manager=info.context.plugins,
        )
        return cls(order=order, order_line=line)
