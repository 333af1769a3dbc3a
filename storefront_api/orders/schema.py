"""Root fields of the orders part of the API, and `User.orders`' resolver."""

from __future__ import annotations

import uuid

import graphene

from backend.core.permissions import PermissionEnum
from backend.orders import selectors
from backend.orders.models import Order as OrderModel
from backend.orders.models import VendorOrder as VendorOrderModel
from backend.orders.selectors import OrderAccess
from storefront_api.core.connection import connection_args, create_connection, paginate
from storefront_api.core.errors import PermissionDenied
from storefront_api.core.ids import parse_global_id

from .access import order_viewer
from .filters import (
    OrderDraftFilterInput,
    OrderFilterInput,
    OrderSortingInput,
    filter_orders,
    order_sort_keys,
)
from .mutations.draft_order_complete import DraftOrderComplete
from .mutations.draft_order_create import DraftOrderCreate
from .mutations.draft_order_delete import DraftOrderDelete
from .mutations.draft_order_update import DraftOrderUpdate
from .mutations.order_cancel import OrderCancel
from .mutations.order_confirm import OrderConfirm
from .mutations.order_fulfill import OrderFulfill
from .mutations.order_fulfillment_cancel import FulfillmentCancel
from .mutations.order_line_delete import OrderLineDelete
from .mutations.order_line_update import OrderLineUpdate
from .mutations.order_lines_create import OrderLinesCreate
from .mutations.order_mark_as_paid import OrderMarkAsPaid
from .mutations.order_note_add import OrderNoteAdd
from .types import Order

OrderCountableConnection = create_connection(Order)


def _order_uuid(global_id: str) -> uuid.UUID | None:
    parsed = parse_global_id(global_id)
    if parsed is None or parsed[0] != "Order":
        return None
    try:
        return uuid.UUID(parsed[1])
    except ValueError:
        return None


def resolve_order(info, *, id=None, external_reference=None):
    """The order, if the viewer may read it (else null, as for an unknown id)."""
    order_id = _order_uuid(id) if id else None
    if order_id is None:
        return None
    order = OrderModel.objects.filter(pk=order_id).first()
    if order is None:
        return None
    viewer = order_viewer(info.context)
    vendor_ids = (
        VendorOrderModel.objects.filter(order=order).values_list("vendor_id", flat=True)
        if viewer.sells
        else ()
    )
    return order if viewer.access(order, vendor_ids) != OrderAccess.NONE else None


def _page(orders, info, *, sort_by, connection_name, **pagination):
    return paginate(
        orders,
        keys=order_sort_keys(sort_by),
        tie_breaker="number",
        connection_name=connection_name,
        **pagination,
    )


def resolve_orders(info, *, filter=None, sort_by=None, channel=None, **pagination):
    viewer = order_viewer(info.context)
    if not (viewer.manages_orders or viewer.sells):
        raise PermissionDenied(permissions=[PermissionEnum.MANAGE_ORDERS])
    orders = filter_orders(selectors.orders_listed_for(viewer), filter)
    if channel:
        orders = orders.filter(channel__slug=channel)
    return _page(orders, info, sort_by=sort_by, connection_name="orders", **pagination)


def resolve_draft_orders(info, *, filter=None, sort_by=None, **pagination):
    if not order_viewer(info.context).manages_orders:
        raise PermissionDenied(permissions=[PermissionEnum.MANAGE_ORDERS])
    orders = filter_orders(selectors.draft_orders(), filter)
    return _page(orders, info, sort_by=sort_by, connection_name="draftOrders", **pagination)


class OrderQueries(graphene.ObjectType):
    order = graphene.Field(
        Order,
        id=graphene.ID(description="ID of the order."),
        external_reference=graphene.String(description="Not supported: Haat keeps none."),
        description=(
            "An order by ID: for whoever holds a guest order's ID, the customer, MANAGE_ORDERS "
            "staff, the centre's entrepreneurs, and (their part only) its vendors' owners."
        ),
    )
    orders = graphene.Field(
        OrderCountableConnection,
        sort_by=OrderSortingInput(description="How to sort orders."),
        filter=OrderFilterInput(description="Which orders to list."),
        channel=graphene.String(description="Only this channel's orders (its slug)."),
        description=(
            "Placed orders. Requires MANAGE_ORDERS; a vendor's owner lists the orders holding "
            "their vendors' parts."
        ),
        **connection_args(),
    )
    draft_orders = graphene.Field(
        OrderCountableConnection,
        sort_by=OrderSortingInput(description="How to sort drafts."),
        filter=OrderDraftFilterInput(description="Which drafts to list."),
        description="Draft orders. Requires MANAGE_ORDERS.",
        **connection_args(),
    )

    @staticmethod
    def resolve_order(_root, info, **kwargs):
        return resolve_order(info, **kwargs)

    @staticmethod
    def resolve_orders(_root, info, **kwargs):
        return resolve_orders(info, **kwargs)

    @staticmethod
    def resolve_draft_orders(_root, info, **kwargs):
        return resolve_draft_orders(info, **kwargs)


class OrderMutations(graphene.ObjectType):
    order_confirm = OrderConfirm.Field()
    order_cancel = OrderCancel.Field()
    order_fulfill = OrderFulfill.Field()
    order_fulfillment_cancel = FulfillmentCancel.Field()
    order_note_add = OrderNoteAdd.Field()
    order_lines_create = OrderLinesCreate.Field()
    order_line_update = OrderLineUpdate.Field()
    order_line_delete = OrderLineDelete.Field()
    order_mark_as_paid = OrderMarkAsPaid.Field()
    draft_order_create = DraftOrderCreate.Field()
    draft_order_update = DraftOrderUpdate.Field()
    draft_order_delete = DraftOrderDelete.Field()
    draft_order_complete = DraftOrderComplete.Field()
