"""orderLinesCreate: add variants to a draft or unconfirmed order."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from backend.orders.lines import LineRequest, add_lines
from storefront_api.core.scalars import PositiveDecimal

from .common import OrderMutation, int_or_error, uuid_or_error


class OrderLineCreateInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="Units to add.")
    variant_id = graphene.ID(required=True, description="The variant.")
    force_new_line = graphene.Boolean(
        default_value=False, description="A line of its own even if the variant has one."
    )
    price = PositiveDecimal(description="Not supported: lines take the channel's price.")

    class Meta:
        description = "A variant to add to an order."


def line_requests(lines: list[dict]) -> list[LineRequest]:
    return [
        LineRequest(
            variant_id=int_or_error(line["variant_id"], "ProductVariant", field="variant_id"),
            quantity=line["quantity"],
            force_new_line=bool(line.get("force_new_line")),
        )
        for line in lines
    ]


class OrderLinesCreate(OrderMutation):
    order = graphene.Field("storefront_api.orders.types.Order")
    order_lines = graphene.List(graphene.NonNull("storefront_api.orders.line_types.OrderLine"))

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order.")
        input = graphene.List(
            graphene.NonNull(OrderLineCreateInput), required=True, description="What to add."
        )

    class Meta:
        description = "Adds lines to a draft or unconfirmed order; totals are recomputed."
        permissions = (PermissionEnum.MANAGE_ORDERS,)
        error_field_names = {"variant_id": "variantId"}

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        order, lines = add_lines(
            order_id=uuid_or_error(data["id"], "Order", field="id"),
            requests=line_requests(data["input"]),
            requestor=info.context.user,
            manager=info.context.plugins,
        )
        return cls(order=order, order_lines=lines)
