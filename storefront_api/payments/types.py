"""GraphQL types of payments: Saleor's `TransactionItem`, `TransactionEvent`, `UserOrApp`,
`OrderGrantedRefund` (with its lines) and `PaymentGatewayConfig`.

A transaction is reached through its checkout or order (staff with MANAGE_CHECKOUTS,
MANAGE_ORDERS or HANDLE_PAYMENTS), through the payload of a mutation its payer ran, or with
`transaction(id)` (HANDLE_PAYMENTS). What it links to is shown to whoever may see that: its
order to those who may read the order, its creator to those who manage users or payments."""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay
from graphql_relay import to_global_id

from backend.accounts.models import User as UserModel
from backend.apps.models import App as AppModel
from backend.checkout.access import may_read
from backend.core.permissions import PermissionEnum
from backend.orders.selectors import OrderAccess
from payments.transactions import models
from storefront_api.accounts.dataloaders import UserByIdLoader
from storefront_api.accounts.types import User
from storefront_api.app.dataloaders import AppByIdLoader
from storefront_api.app.types import App
from storefront_api.checkout.dataloaders import CheckoutByTokenLoader
from storefront_api.core.dataloaders import then
from storefront_api.core.scalars import JSON
from storefront_api.core.types import (
    ModelObjectType,
    Money,
    ObjectWithMetadata,
    ObjectWithMetadataFields,
    has_any_permission,
)
from storefront_api.orders.access import order_viewer
from storefront_api.orders.dataloaders import OrderByIdLoader, OrderLineByIdLoader
from storefront_api.orders.money import money

from .dataloaders import (
    GrantedRefundLinesByGrantedRefundIdLoader,
    TransactionEventsByGrantedRefundIdLoader,
    TransactionEventsByTransactionIdLoader,
    TransactionItemByIdLoader,
)
from .enums import (
    OrderGrantedRefundStatusEnum,
    TransactionActionEnum,
    TransactionEventTypeEnum,
)
from .errors import PaymentGatewayConfigError

_PAYMENT_HANDLERS = (PermissionEnum.HANDLE_PAYMENTS,)
# Who may see which user or app created a payment record.
_CREATOR_READERS = (
    PermissionEnum.HANDLE_PAYMENTS,
    PermissionEnum.MANAGE_ORDERS,
    PermissionEnum.MANAGE_USERS,
    PermissionEnum.MANAGE_STAFF,
    PermissionEnum.MANAGE_APPS,
)


class UserOrApp(graphene.Union):
    class Meta:
        types = (User, App)
        description = "A staff member, customer or app that did something."

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        if isinstance(instance, UserModel):
            return User
        if isinstance(instance, AppModel):
            return App
        return None


def _creator(root: Any, info: Any) -> Any:
    """The app or user that created a transaction or an event: for the user themself, the app
    itself, and staff and apps who manage payments, orders, users or apps."""
    viewer = info.context.user
    if root.app_id is not None:
        own = getattr(getattr(viewer, "app", None), "pk", None) == root.app_id
        if own or has_any_permission(viewer, _CREATOR_READERS):
            return AppByIdLoader(info.context).load(root.app_id)
        return None
    if root.user_id is not None:
        own = not getattr(viewer, "is_app", False) and getattr(viewer, "pk", None) == root.user_id
        if own or has_any_permission(viewer, _CREATOR_READERS):
            return UserByIdLoader(info.context).load(root.user_id)
    return None


class TransactionEvent(ModelObjectType, model=models.TransactionEvent):
    created_at = graphene.DateTime(required=True)
    psp_reference = graphene.String(required=True, description="The gateway's reference.")
    message = graphene.String(required=True)
    external_url = graphene.String(
        required=True, description="Where the gateway shows this event, if anywhere."
    )
    amount = graphene.Field(Money, required=True)
    type = graphene.Field(TransactionEventTypeEnum)
    created_by = graphene.Field(UserOrApp)
    idempotency_key = graphene.String()

    class Meta:
        description = "Something that happened to a transaction: a request, an outcome, a note."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_amount(root: models.TransactionEvent, _info):
        return money(root.amount_value, root.currency)

    @staticmethod
    def resolve_created_by(root: models.TransactionEvent, info):
        return _creator(root, info)


class TransactionItem(ObjectWithMetadataFields, ModelObjectType, model=models.TransactionItem):
    private_metadata_permissions = _PAYMENT_HANDLERS
    token = graphene.UUID(required=True)
    created_at = graphene.DateTime(required=True)
    modified_at = graphene.DateTime(required=True)
    actions = graphene.NonNull(
        graphene.List(graphene.NonNull(TransactionActionEnum)),
        description="What staff may ask the gateway to do now.",
    )
    authorized_amount = graphene.Field(Money, required=True)
    authorize_pending_amount = graphene.Field(Money, required=True)
    refunded_amount = graphene.Field(Money, required=True)
    refund_pending_amount = graphene.Field(Money, required=True)
    canceled_amount = graphene.Field(Money, required=True)
    cancel_pending_amount = graphene.Field(Money, required=True)
    charged_amount = graphene.Field(Money, required=True)
    charge_pending_amount = graphene.Field(Money, required=True)
    name = graphene.String(required=True)
    message = graphene.String(required=True)
    psp_reference = graphene.String(required=True, description="The gateway's payment id.")
    order = graphene.Field(
        "storefront_api.orders.types.Order",
        description="The order it pays for: for those who may read the order.",
    )
    checkout = graphene.Field(
        "storefront_api.checkout.types.Checkout",
        description="The checkout it pays for, until the checkout becomes an order.",
    )
    events = graphene.NonNull(graphene.List(graphene.NonNull(TransactionEvent)))
    created_by = graphene.Field(UserOrApp)
    external_url = graphene.String(required=True)

    class Meta:
        description = "One payment through one gateway for a checkout or an order."
        interfaces = (relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root: models.TransactionItem, _info):
        return root.token

    @staticmethod
    def resolve_actions(root: models.TransactionItem, _info) -> list[str]:
        return list(root.available_actions)

    @staticmethod
    def resolve_authorized_amount(root: models.TransactionItem, _info):
        return money(root.authorized_value, root.currency)

    @staticmethod
    def resolve_authorize_pending_amount(root: models.TransactionItem, _info):
        return money(root.authorize_pending_value, root.currency)

    @staticmethod
    def resolve_refunded_amount(root: models.TransactionItem, _info):
        return money(root.refunded_value, root.currency)

    @staticmethod
    def resolve_refund_pending_amount(root: models.TransactionItem, _info):
        return money(root.refund_pending_value, root.currency)

    @staticmethod
    def resolve_canceled_amount(root: models.TransactionItem, _info):
        return money(root.canceled_value, root.currency)

    @staticmethod
    def resolve_cancel_pending_amount(root: models.TransactionItem, _info):
        return money(root.cancel_pending_value, root.currency)

    @staticmethod
    def resolve_charged_amount(root: models.TransactionItem, _info):
        return money(root.charged_value, root.currency)

    @staticmethod
    def resolve_charge_pending_amount(root: models.TransactionItem, _info):
        return money(root.charge_pending_value, root.currency)

    @staticmethod
    def resolve_order(root: models.TransactionItem, info):
        if root.order_id is None:
            return None

        def readable(order):
            if order is None:
                return None
            if has_any_permission(info.context.user, _PAYMENT_HANDLERS):
                return order
            full = order_viewer(info.context).access(order) == OrderAccess.FULL
            return order if full else None

        return then(OrderByIdLoader(info.context).load(root.order_id), readable)

    @staticmethod
    def resolve_checkout(root: models.TransactionItem, info):
        if root.checkout_id is None:
            return None

        def readable(checkout):
            viewer = info.context.user
            if checkout is None:
                return None
            if may_read(checkout, viewer) or has_any_permission(viewer, _PAYMENT_HANDLERS):
                return checkout
            return None

        return then(CheckoutByTokenLoader(info.context).load(root.checkout_id), readable)

    @staticmethod
    def resolve_events(root: models.TransactionItem, info):
        return TransactionEventsByTransactionIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_created_by(root: models.TransactionItem, info):
        return _creator(root, info)


class OrderGrantedRefundLine(graphene.ObjectType):
    id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)
    order_line = graphene.Field("storefront_api.orders.line_types.OrderLine", required=True)
    reason = graphene.String()

    class Meta:
        description = "Units of one order line a granted refund pays back."

    @staticmethod
    def resolve_id(root: models.OrderGrantedRefundLine, _info) -> str:
        return to_global_id("OrderGrantedRefundLine", str(root.pk))

    @staticmethod
    def resolve_order_line(root: models.OrderGrantedRefundLine, info):
        return OrderLineByIdLoader(info.context).load(root.order_line_id)

    @staticmethod
    def resolve_reason(root: models.OrderGrantedRefundLine, _info):
        return root.reason or None


class OrderGrantedRefund(graphene.ObjectType):
    id = graphene.ID(required=True)
    created_at = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    amount = graphene.Field(Money, required=True)
    reason = graphene.String()
    user = graphene.Field(User, description="The staff member who granted it.")
    app = graphene.Field(App, description="The app that granted it.")
    shipping_costs_included = graphene.Boolean(required=True)
    lines = graphene.List(graphene.NonNull(OrderGrantedRefundLine))
    status = graphene.Field(OrderGrantedRefundStatusEnum, required=True)
    transaction_events = graphene.List(
        graphene.NonNull(TransactionEvent),
        description="The refund requests and outcomes sent for it.",
    )
    transaction = graphene.Field(TransactionItem, description="The transaction it refunds from.")

    class Meta:
        description = (
            "A refund staff granted on an order: it lowers what the order is owed, and is paid "
            "back through its transaction with transactionRequestRefundForGrantedRefund."
        )

    @staticmethod
    def resolve_id(root: models.OrderGrantedRefund, _info) -> str:
        return to_global_id("OrderGrantedRefund", str(root.pk))

    @staticmethod
    def resolve_amount(root: models.OrderGrantedRefund, _info):
        return money(root.amount_value, root.currency)

    @staticmethod
    def resolve_reason(root: models.OrderGrantedRefund, _info):
        return root.reason or None

    @staticmethod
    def resolve_user(root: models.OrderGrantedRefund, info):
        return UserByIdLoader(info.context).load(root.user_id) if root.user_id else None

    @staticmethod
    def resolve_app(root: models.OrderGrantedRefund, info):
        return AppByIdLoader(info.context).load(root.app_id) if root.app_id else None

    @staticmethod
    def resolve_lines(root: models.OrderGrantedRefund, info):
        return GrantedRefundLinesByGrantedRefundIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_transaction_events(root: models.OrderGrantedRefund, info):
        return TransactionEventsByGrantedRefundIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_transaction(root: models.OrderGrantedRefund, info):
        return TransactionItemByIdLoader(info.context).load(root.transaction_item_id)


class PaymentGatewayConfig(graphene.ObjectType):
    id = graphene.String(required=True, description="The gateway's id.")
    data = graphene.Field(JSON, description="What the storefront needs to pay with it.")
    errors = graphene.List(graphene.NonNull(PaymentGatewayConfigError))

    class Meta:
        description = "A payment gateway's public setup for paying a checkout or an order."
