"""Saleor's payment fields of `Checkout`: the gateways that take it (the plugins'
`list_payment_gateways` hook) and its transactions."""

from __future__ import annotations

import graphene

from backend.checkout import models
from backend.core.permissions import PermissionEnum
from payments.transactions.gateway_setup import available_payment_gateways
from plugins.framework.interface import PaymentGatewayData
from storefront_api.catalog.dataloaders import ChannelByIdLoader
from storefront_api.core.dataloaders import then
from storefront_api.core.errors import PermissionDenied
from storefront_api.core.types import has_any_permission

from .dataloaders import TransactionItemsByCheckoutTokenLoader

_TRANSACTION_READERS = (PermissionEnum.MANAGE_CHECKOUTS, PermissionEnum.HANDLE_PAYMENTS)


class GatewayConfigLine(graphene.ObjectType):
    field = graphene.String(required=True)
    value = graphene.String()

    class Meta:
        description = "A public setting of a payment gateway."


class PaymentGateway(graphene.ObjectType):
    name = graphene.String(required=True)
    id = graphene.ID(required=True)
    config = graphene.NonNull(graphene.List(graphene.NonNull(GatewayConfigLine)))
    currencies = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))

    class Meta:
        description = (
            "A way to pay: a gateway plugin active in the checkout's channel. Pay with it "
            "through paymentGatewayInitialize and transactionInitialize."
        )

    @staticmethod
    def resolve_config(root: PaymentGatewayData, _info) -> list[GatewayConfigLine]:
        return [
            GatewayConfigLine(field=str(field), value=None if value is None else str(value))
            for field, value in (root.data or {}).items()
        ]

    @staticmethod
    def resolve_currencies(root: PaymentGatewayData, _info) -> list[str]:
        return list(root.currencies)


class CheckoutPaymentFields:
    """Mixed into `Checkout` (as `ObjectWithMetadataFields` is)."""

    available_payment_gateways = graphene.NonNull(
        graphene.List(graphene.NonNull(PaymentGateway)),
        description="The payment gateways active in the channel that take the checkout.",
    )
    transactions = graphene.List(
        graphene.NonNull("storefront_api.payments.types.TransactionItem"),
        description="The checkout's payments. Requires MANAGE_CHECKOUTS or HANDLE_PAYMENTS.",
    )

    @staticmethod
    def resolve_available_payment_gateways(root: models.Checkout, info):
        manager = info.context.plugins
        return then(
            ChannelByIdLoader(info.context).load(root.channel_id),
            lambda channel: available_payment_gateways(
                source_object=root,
                currency=root.currency,
                channel_slug=channel.slug,
                manager=manager,
            ),
        )

    @staticmethod
    def resolve_transactions(root: models.Checkout, info):
        if not has_any_permission(info.context.user, _TRANSACTION_READERS):
            raise PermissionDenied(permissions=list(_TRANSACTION_READERS))
        return TransactionItemsByCheckoutTokenLoader(info.context).load(root.token)
