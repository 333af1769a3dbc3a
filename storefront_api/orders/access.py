"""The viewer's order rights for one request (`backend.orders.selectors.OrderViewer`), read
once, and what part of an order they see."""

from __future__ import annotations

from typing import Any

from backend.orders.models import Order
from backend.orders.selectors import OrderViewer


def order_viewer(context: Any) -> OrderViewer:
    viewer = getattr(context, "order_viewer", None)
    if viewer is None:
        viewer = OrderViewer.of(getattr(context, "user", None))
        context.order_viewer = viewer
    return viewer


def sees_whole_order(context: Any, order: Order) -> bool:
    """Staff, the customer, a guest order's holder, the centre's entrepreneur: the whole order.
    Anyone else reached it as a vendor and sees only their vendors' part (a guest order too:
    a vendor's owner holding its id still sees only their part)."""
    viewer = order_viewer(context)
    return (
        viewer.manages_orders
        or (order.user_id is None and not viewer.sells)
        or (viewer.user_id is not None and order.user_id == viewer.user_id)
        or (order.centre_id is not None and order.centre_id in viewer.centre_ids)
    )


def visible_vendor_ids(context: Any, order: Order) -> frozenset[int] | None:
    """None: every vendor's rows; else only these vendors' lines, parts and fulfilments."""
    return None if sees_whole_order(context, order) else order_viewer(context).vendor_ids
