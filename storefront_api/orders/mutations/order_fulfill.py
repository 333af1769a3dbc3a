"""orderFulfill: send (or hand over) some of an order's lines; a vendor only its own."""

from __future__ import annotations

import graphene

from backend.core.errors import field_error
from backend.inventory.models import Warehouse
from backend.orders.error_codes import OrderErrorCode
from backend.orders.fulfilment import FulfilmentRequest, fulfill_order

from ..access import order_viewer
from .common import OrderMutation, int_or_error, uuid_or_error


class OrderFulfillStockInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="Units to fulfil.")
    warehouse = graphene.ID(required=True, description="The warehouse they leave from.")

    class Meta:
        description = "Units of a line from one warehouse."


class OrderFulfillLineInput(graphene.InputObjectType):
    order_line_id = graphene.ID(description="The order line.")
    stocks = graphene.List(graphene.NonNull(OrderFulfillStockInput), required=True)

    class Meta:
        description = "What to fulfil of one order line."


class OrderFulfillInput(graphene.InputObjectType):
    lines = graphene.List(graphene.NonNull(OrderFulfillLineInput), required=True)
    notify_customer = graphene.Boolean(description="Tell the customer by SMS (default true).")
    allow_stock_to_be_exceeded = graphene.Boolean(
        default_value=False, description="Not supported: Haat never oversells (must be false)."
    )
    tracking_number = graphene.String(description="The parcel's tracking number.")

    class Meta:
        description = "What to fulfil."


def _requests(lines: list[dict]) -> list[FulfilmentRequest]:
    requests = []
    warehouse_ids = set()
    for index, line in enumerate(lines):
        if not line.get("order_line_id"):
            raise field_error(
                "order_line_id", "Give the order line.", OrderErrorCode.REQUIRED, index=index
            )
        line_id = uuid_or_error(line["order_line_id"], "OrderLine", field="order_line_id")
        for stock in line["stocks"]:
            warehouse_id = int_or_error(stock["warehouse"], "Warehouse", field="warehouse")
            warehouse_ids.add(warehouse_id)
            requests.append(FulfilmentRequest(line_id, stock["quantity"], warehouse_id))
    known = set(Warehouse.objects.filter(pk__in=warehouse_ids).values_list("pk", flat=True))
    if warehouse_ids - known:
        raise field_error("warehouse", "Couldn't resolve to a warehouse.", OrderErrorCode.NOT_FOUND)
    return requests


class OrderFulfill(OrderMutation):
    fulfillments = graphene.List(graphene.NonNull("storefront_api.orders.line_types.Fulfillment"))
    order = graphene.Field("storefront_api.orders.types.Order")

    class Arguments:
        order = graphene.ID(description="ID of the order.")
        input = OrderFulfillInput(required=True, description="What to fulfil.")

    class Meta:
        description = (
            "Fulfils lines of an order: one fulfilment per vendor; the units leave the warehouse. "
            "Requires MANAGE_ORDERS, or owning the lines' vendor (a vendor fulfils only its own)."
        )

    @classmethod
    def check_permissions(cls, context) -> bool:
        viewer = order_viewer(context)
        return viewer.manages_orders or viewer.sells

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        if not data.get("order"):
            raise field_error("order", "Give the order.", OrderErrorCode.REQUIRED)
        order_id = uuid_or_error(data["order"], "Order", field="order")
        payload = data["input"]
        if payload.get("allow_stock_to_be_exceeded"):
            raise field_error(
                "allow_stock_to_be_exceeded",
                "Haat never oversells: stock cannot be exceeded.",
                OrderErrorCode.INVALID,
            )
        order, fulfilments = fulfill_order(
            order_id=order_id,
            requests=_requests(payload["lines"]),
            requestor=info.context.user,
            manager=info.context.plugins,
            vendor_ids=order_viewer(info.context).fulfilling_vendor_ids(),
            tracking_number=payload.get("tracking_number") or "",
            notify_customer=payload.get("notify_customer") is not False,
        )
        return cls(order=order, fulfillments=fulfilments)
