"""Who may pay for what, and who may act on a transaction.

- A checkout is paid by whoever may change it (the holder of an unattached checkout's id, or
  the customer it is attached to), by staff who may read it, and by apps with HANDLE_PAYMENTS.
- An order is paid by whoever may read all of it (its customer, the holder of a guest order's
  id, staff with MANAGE_ORDERS, the entrepreneurs of its centre) and by HANDLE_PAYMENTS.
  Anyone else is told the checkout or order does not exist.
- An app reports on and updates only its own transactions (`app_identifier` is its identifier,
  or it created them); staff only those no app or gateway owns (Saleor: "staff user cannot
  update a transaction that is owned by the app").
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from backend.checkout.access import may_read
from backend.checkout.fetch import checkouts_by_token
from backend.core.errors import field_error
from backend.core.permissions import PermissionEnum
from backend.orders.models import Order
from backend.orders.selectors import OrderAccess
from payments.transactions.error_codes import TransactionErrorCode as Codes
from payments.transactions.models import TransactionItem
from payments.transactions.sources import PaymentSource, checkout_source, order_source
from plugins.framework.manager import PluginsManager
from storefront_api.checkout.errors import uuid_of
from storefront_api.core.ids import parse_global_id
from storefront_api.core.types import has_any_permission
from storefront_api.orders.access import order_viewer

HANDLE_PAYMENTS = (PermissionEnum.HANDLE_PAYMENTS,)


def handles_payments(requestor: Any) -> bool:
    return has_any_permission(requestor, HANDLE_PAYMENTS)


def _invalid_id(global_id: str, expected: str) -> Exception:
    return field_error("id", f"Invalid ID: {global_id}. Expected: {expected}.", "graphql_error")


def _not_found(global_id: str) -> Exception:
    return field_error("id", f"`Order` or `Checkout` not found: {global_id}.", Codes.NOT_FOUND)


def payment_source(global_id: str, *, context: Any, manager: PluginsManager) -> PaymentSource:
    """The checkout or order an ID names, as a payment sees it, if the requestor may pay for
    it; NOT_FOUND otherwise, INVALID for an ID of another type."""
    parsed = parse_global_id(global_id)
    if parsed is None:
        raise _invalid_id(global_id, "Checkout or Order")
    type_name = parsed[0]
    if type_name not in ("Checkout", "Order"):
        raise field_error(
            "id",
            f"Invalid ID: {global_id}. Expected one of: Checkout, Order, received: {type_name}.",
            Codes.INVALID,
        )
    key = uuid_of(global_id, type_name)
    if key is None:
        raise _invalid_id(global_id, type_name)
    requestor = context.user
    if type_name == "Checkout":
        found = checkouts_by_token([key])
        if not found or not (may_read(found[0], requestor) or handles_payments(requestor)):
            raise _not_found(global_id)
        return checkout_source(found[0], manager=manager)
    order = (
        Order.objects.select_related("channel", "billing_address", "shipping_address")
        .filter(pk=key)
        .first()
    )
    if order is None or not may_pay_for_order(order, context):
        raise _not_found(global_id)
    return order_source(order)


def may_pay_for_order(order: Order, context: Any) -> bool:
    return handles_payments(context.user) or (
        order_viewer(context).access(order) == OrderAccess.FULL
    )


def may_pay_for(item: TransactionItem, context: Any) -> bool:
    """Whether the requestor may go on paying with this transaction (`transactionProcess`)."""
    if handles_payments(context.user):
        return True
    if item.order_id is not None:
        order = Order.objects.filter(pk=item.order_id).first()
        return order is not None and may_pay_for_order(order, context)
    found = checkouts_by_token([item.checkout_id]) if item.checkout_id else []
    return bool(found) and may_read(found[0], context.user)


def owns(item: TransactionItem, requestor: Any) -> bool:
    """Whether the requestor may report on or update the transaction (see the module)."""
    app = getattr(requestor, "app", None) if getattr(requestor, "is_app", False) else None
    if app is not None:
        return item.app_id == app.pk or bool(
            item.app_identifier and app.identifier and item.app_identifier == app.identifier
        )
    return not item.app_identifier and item.app_id is None


def transaction_or_error(
    *,
    id: str | None = None,
    token: uuid.UUID | None = None,
    field: str = "id",
    visible: Callable[[TransactionItem], bool] | None = None,
) -> TransactionItem:
    """The transaction a `TransactionItem` ID (or its token) names; GRAPHQL_ERROR for a
    malformed ID or for neither or both given, NOT_FOUND for an unknown one or one `visible`
    refuses (not yours looks like not there)."""
    if bool(id) == bool(token):
        raise field_error(
            field,
            "Give exactly one of the arguments 'id' and 'token'.",
            "graphql_error",
        )
    if id:
        token = uuid_of(id, "TransactionItem")
        if token is None:
            raise field_error(
                field, f"Invalid ID: {id}. Expected: TransactionItem.", "graphql_error"
            )
    item = TransactionItem.objects.filter(token=token).first()
    if item is None or (visible is not None and not visible(item)):
        raise field_error(
            field, f"Couldn't resolve to a transaction: {id or token}", Codes.NOT_FOUND
        )
    return item
