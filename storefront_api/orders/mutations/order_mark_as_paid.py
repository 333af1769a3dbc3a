"""orderMarkAsPaid: cash received for an unpaid order (cash on delivery, cash at the centre)."""

from __future__ import annotations

import graphene
from django.core.exceptions import PermissionDenied

from backend.orders.selectors import operates_a_post_office
from payments.transactions.manual import mark_order_as_paid

from ..access import order_viewer
from .common import OrderMutation, acts_on_orders, uuid_or_error


class OrderMarkAsPaid(OrderMutation):
    order = graphene.Field("storefront_api.orders.types.Order")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order.")
        transaction_reference = graphene.String(
            description="The receipt's reference (a cash book entry, an agent's slip)."
        )

    class Meta:
        description = (
            "Marks an order as paid in full. Requires MANAGE_ORDERS, being an entrepreneur "
            "of the order's centre (who took the cash), or a postal operator of the post office "
            "serving the delivery address (cash on delivery)."
        )

    @classmethod
    def check_permissions(cls, context) -> bool:
        # Postal operators collect cash on delivery: the order's address decides which office.
        user = getattr(context, "user", None)
        return acts_on_orders(context) or operates_a_post_office(getattr(user, "pk", None))

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        viewer = order_viewer(info.context)

        def may_collect(order) -> None:
            if not viewer.may_collect_cash(order):
                raise PermissionDenied(
                    "Only MANAGE_ORDERS staff, the order's centre or its delivering post "
                    "office may mark it as paid."
                )

        order = mark_order_as_paid(
            order_id=uuid_or_error(data["id"], "Order", field="id"),
            transaction_reference=data.get("transaction_reference") or "",
            requestor=info.context.user,
            manager=info.context.plugins,
            may_collect=may_collect,
        )
        return cls(order=order)
