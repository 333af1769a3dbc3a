"""Saleor's payment fields of `Order`, from the order's transactions and granted refunds (one
query each per page of orders, through their loaders).

Who reads them is Saleor's rule: the totals charged, authorized, canceled and refunded and the
balance go with the order; the transactions to MANAGE_ORDERS or HANDLE_PAYMENTS; grants and the
pending totals to MANAGE_ORDERS."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import graphene

from backend.core.permissions import PermissionEnum
from backend.orders import models
from payments.transactions.manual import NOT_PAYABLE
from storefront_api.core.dataloaders import gather, then
from storefront_api.core.errors import PermissionDenied
from storefront_api.core.types import Money, has_any_permission

from .access import order_viewer
from .dataloaders import GrantedRefundsByOrderIdLoader, TransactionItemsByOrderIdLoader
from .enums import OrderAction
from .money import money

ZERO = Decimal(0)
_ORDER_MANAGERS = (PermissionEnum.MANAGE_ORDERS,)
_TRANSACTION_READERS = (PermissionEnum.MANAGE_ORDERS, PermissionEnum.HANDLE_PAYMENTS)
_PAID = (models.ChargeStatus.FULL, models.ChargeStatus.OVERCHARGED)


def _require_order_manager(info) -> None:
    if not order_viewer(info.context).manages_orders:
        raise PermissionDenied(permissions=list(_ORDER_MANAGERS))


def _transactions(info, order: models.Order):
    return TransactionItemsByOrderIdLoader(info.context).load(order.pk)


def _transactions_total(info, order: models.Order, amount: Callable):
    return then(
        _transactions(info, order),
        lambda items: money(sum((amount(item) for item in items), ZERO), order.currency),
    )


def _granted(grants) -> Decimal:
    return sum((grant.amount_value for grant in grants), ZERO)


class OrderPaymentFields:
    """Mixed into `Order` (as `ObjectWithMetadataFields` is)."""

    actions = graphene.NonNull(
        graphene.List(graphene.NonNull(OrderAction)),
        description="What staff may do to the order's payment now.",
    )
    transactions = graphene.NonNull(
        graphene.List(graphene.NonNull("storefront_api.payments.types.TransactionItem")),
        description="The order's payments. Requires MANAGE_ORDERS or HANDLE_PAYMENTS.",
    )
    granted_refunds = graphene.NonNull(
        graphene.List(graphene.NonNull("storefront_api.payments.types.OrderGrantedRefund")),
        description="Refunds granted on the order. Requires MANAGE_ORDERS.",
    )
    total_canceled = graphene.Field(Money, required=True)
    total_balance = graphene.Field(
        Money,
        required=True,
        description="Charged (and being charged) less what is owed after granted refunds: "
        "negative while money is owed.",
    )
    total_granted_refund = graphene.Field(
        Money, required=True, description="Requires MANAGE_ORDERS."
    )
    total_refunded = graphene.Field(Money, required=True)
    total_refund_pending = graphene.Field(
        Money, required=True, description="Requires MANAGE_ORDERS."
    )
    total_authorize_pending = graphene.Field(
        Money, required=True, description="Requires MANAGE_ORDERS."
    )
    total_charge_pending = graphene.Field(
        Money, required=True, description="Requires MANAGE_ORDERS."
    )
    total_cancel_pending = graphene.Field(
        Money, required=True, description="Requires MANAGE_ORDERS."
    )
    total_remaining_grant = graphene.Field(
        Money,
        required=True,
        description="Granted refunds not yet refunded or being refunded. Requires MANAGE_ORDERS.",
    )

    @staticmethod
    def resolve_actions(root: models.Order, _info) -> list[str]:
        payable = root.status not in NOT_PAYABLE and root.charge_status not in _PAID
        return [OrderAction.MARK_AS_PAID.value] if payable else []

    @staticmethod
    def resolve_transactions(root: models.Order, info):
        if not has_any_permission(info.context.user, _TRANSACTION_READERS):
            raise PermissionDenied(permissions=list(_TRANSACTION_READERS))
        return _transactions(info, root)

    @staticmethod
    def resolve_granted_refunds(root: models.Order, info):
        _require_order_manager(info)
        return GrantedRefundsByOrderIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_total_canceled(root: models.Order, info):
        return _transactions_total(info, root, lambda item: item.canceled_value)

    @staticmethod
    def resolve_total_refunded(root: models.Order, info):
        return _transactions_total(info, root, lambda item: item.refunded_value)

    @staticmethod
    def resolve_total_refund_pending(root: models.Order, info):
        _require_order_manager(info)
        return _transactions_total(info, root, lambda item: item.refund_pending_value)

    @staticmethod
    def resolve_total_authorize_pending(root: models.Order, info):
        _require_order_manager(info)
        return _transactions_total(info, root, lambda item: item.authorize_pending_value)

    @staticmethod
    def resolve_total_charge_pending(root: models.Order, info):
        _require_order_manager(info)
        return _transactions_total(info, root, lambda item: item.charge_pending_value)

    @staticmethod
    def resolve_total_cancel_pending(root: models.Order, info):
        _require_order_manager(info)
        return _transactions_total(info, root, lambda item: item.cancel_pending_value)

    @staticmethod
    def resolve_total_granted_refund(root: models.Order, info):
        _require_order_manager(info)
        return then(
            GrantedRefundsByOrderIdLoader(info.context).load(root.pk),
            lambda grants: money(_granted(grants), root.currency),
        )

    @staticmethod
    def resolve_total_remaining_grant(root: models.Order, info):
        """Saleor's: granted less what the transactions refunded or are refunding."""
        _require_order_manager(info)

        def remaining(loaded):
            grants, items = loaded
            refunds = sum((item.refunded_value + item.refund_pending_value for item in items), ZERO)
            return money(_granted(grants) - refunds, root.currency)

        return then(
            gather(
                [
                    GrantedRefundsByOrderIdLoader(info.context).load(root.pk),
                    _transactions(info, root),
                ]
            ),
            remaining,
        )

    @staticmethod
    def resolve_total_balance(root: models.Order, info):
        """Saleor's: charged and being charged, less the total after granted refunds."""

        def balance(loaded):
            grants, items = loaded
            charged = sum((item.charged_value + item.charge_pending_value for item in items), ZERO)
            return money(charged - (root.total_gross_amount - _granted(grants)), root.currency)

        return then(
            gather(
                [
                    GrantedRefundsByOrderIdLoader(info.context).load(root.pk),
                    _transactions(info, root),
                ]
            ),
            balance,
        )
