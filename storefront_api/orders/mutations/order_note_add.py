"""orderNoteAdd: a note on the order's timeline."""

from __future__ import annotations

import graphene

from backend.orders.notes import add_note

from ..types import OrderNoteAddError
from .common import OrderMutation, acts_on_orders, ensure_may_act_on, order_or_error


class OrderNoteInput(graphene.InputObjectType):
    message = graphene.String(required=True, description="The note.")

    class Meta:
        description = "A note to add to an order."


class OrderNoteAdd(OrderMutation):
    order = graphene.Field("storefront_api.orders.types.Order")
    event = graphene.Field("storefront_api.orders.line_types.OrderEvent")

    class Arguments:
        order = graphene.ID(required=True, description="ID of the order.")
        input = OrderNoteInput(required=True, description="The note.")

    class Meta:
        description = (
            "Adds a note to an order. Requires MANAGE_ORDERS, or being the owner of one of its "
            "vendors or an entrepreneur of its centre."
        )
        error_type_class = OrderNoteAddError
        error_field_names = {"id": "order"}

    @classmethod
    def check_permissions(cls, context) -> bool:
        return acts_on_orders(context)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        order = order_or_error(data["order"], field="id")
        ensure_may_act_on(info.context, order)
        event = add_note(order=order, message=data["input"]["message"], requestor=info.context.user)
        return cls(order=order, event=event)
