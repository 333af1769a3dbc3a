"""Root fields of the payments part of the API."""

from __future__ import annotations

import graphene

from payments.transactions.models import TransactionItem as TransactionItemModel
from storefront_api.checkout.errors import uuid_of
from storefront_api.core.errors import PermissionDenied

from .access import HANDLE_PAYMENTS, handles_payments
from .mutations.order_grant_refund_create import OrderGrantRefundCreate
from .mutations.payment_gateway_initialize import PaymentGatewayInitialize
from .mutations.transaction_create import TransactionCreate
from .mutations.transaction_event_report import TransactionEventReport
from .mutations.transaction_initialize import TransactionInitialize
from .mutations.transaction_process import TransactionProcess
from .mutations.transaction_request_action import TransactionRequestAction
from .mutations.transaction_request_refund_for_granted_refund import (
    TransactionRequestRefundForGrantedRefund,
)
from .mutations.transaction_update import TransactionUpdate
from .types import TransactionItem


class PaymentQueries(graphene.ObjectType):
    transaction = graphene.Field(
        TransactionItem,
        id=graphene.ID(description="The transaction's ID."),
        token=graphene.UUID(description="The transaction's token."),
        description="A transaction by its ID or token. Requires HANDLE_PAYMENTS.",
    )

    @staticmethod
    def resolve_transaction(_root, info, id=None, token=None):
        if not handles_payments(info.context.user):
            raise PermissionDenied(permissions=list(HANDLE_PAYMENTS))
        key = token if token is not None else (uuid_of(id, "TransactionItem") if id else None)
        if key is None:
            return None
        return TransactionItemModel.objects.filter(token=key).first()


class PaymentMutations(graphene.ObjectType):
    payment_gateway_initialize = PaymentGatewayInitialize.Field()
    transaction_initialize = TransactionInitialize.Field()
    transaction_process = TransactionProcess.Field()
    transaction_request_action = TransactionRequestAction.Field()
    transaction_request_refund_for_granted_refund = TransactionRequestRefundForGrantedRefund.Field()
    transaction_event_report = TransactionEventReport.Field()
    transaction_create = TransactionCreate.Field()
    transaction_update = TransactionUpdate.Field()
    order_grant_refund_create = OrderGrantRefundCreate.Field()
