"""orderLineUpdate: change a line's quantity in a draft or unconfirmed order."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from backend.orders.lines import update_line

from .common import OrderMutation, uuid_or_error


class OrderLineInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="The new quantity (0 removes the line).")

    class Meta:
        description = "A line's new quantity."


class OrderLineUpdate(OrderMutation):
    order = graphene.Field("storefront_api.orders.types.Order")
    order_line = graphene.Field("storefront_api.orders.line_types.OrderLine")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order line.")
        input = OrderLineInput(required=True, description="The new quantity.")

    class Meta:
        description = "Changes a line's quantity; totals are recomputed."
        permissions = (PermissionEnum.MANAGE_ORDERS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        order, line = update_line(
            line_id=uuid_or_error(data["id"], "OrderLine", field="id"),
            quantity=data["input"]["quantity"],
            requestor=info.context.user,
            manager=info.context.plugins,
        )
        return cls(order=order, order_line=line)
