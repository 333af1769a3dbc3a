"""orderFulfillmentCancel: take a fulfilment back; its units return to stock."""

from __future__ import annotations

import graphene

from backend.orders.fulfilment import cancel_fulfillment

from ..access import order_viewer
from .common import OrderMutation, int_or_error


class FulfillmentCancelInput(graphene.InputObjectType):
    warehouse_id = graphene.ID(
        description="Where the units go back to (default: where they came from)."
    )

    class Meta:
        description = "Where a cancelled fulfilment's units are restocked."


class FulfillmentCancel(OrderMutation):
    fulfillment = graphene.Field("storefront_api.orders.line_types.Fulfillment")
    order = graphene.Field("storefront_api.orders.types.Order")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the fulfilment.")
        input = FulfillmentCancelInput(description="Where to restock.")

    class Meta:
        description = (
            "Cancels a fulfilment and restocks its units. Requires MANAGE_ORDERS, or owning its "
            "vendor."
        )
        error_field_names = {"warehouse": "warehouseId"}

    @classmethod
    def check_permissions(cls, context) -> bool:
        viewer = order_viewer(context)
        return viewer.manages_orders or viewer.sells

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        warehouse = (data.get("input") or {}).get("warehouse_id")
        order, fulfilment = cancel_fulfillment(
            fulfillment_id=int_or_error(data["id"], "Fulfillment", field="id"),
            requestor=info.context.user,
            manager=info.context.plugins,
            vendor_ids=order_viewer(info.context).fulfilling_vendor_ids(),
            warehouse_id=int_or_error(warehouse, "Warehouse", field="warehouse")
            if warehouse
            else None,
        )
        return cls(order=order, fulfillment=fulfilment)
