"""transactionRequestRefundForGrantedRefund: pay a granted refund back through its
transaction's gateway."""

from __future__ import annotations

import graphene

from backend.core.errors import field_error
from backend.core.permissions import PermissionEnum
from payments.transactions.refunds import request_refund_for_granted_refund
from storefront_api.core.ids import int_pk_or_none

from ..errors import PaymentMutation, TransactionRequestRefundForGrantedRefundError
from ..types import TransactionItem


class TransactionRequestRefundForGrantedRefund(PaymentMutation):
    transaction = graphene.Field(TransactionItem)

    class Arguments:
        id = graphene.ID(
            description="Ignored: a granted refund in Haat always names its transaction."
        )
        token = graphene.UUID(
            description="Ignored: a granted refund in Haat always names its transaction."
        )
        granted_refund_id = graphene.ID(required=True, description="The granted refund's ID.")

    class Meta:
        description = (
            "Sends a granted refund to its transaction's gateway as a refund of its amount "
            "(once: again while it is pending or after it succeeded is refused). Requires "
            "HANDLE_PAYMENTS."
        )
        error_type_class = TransactionRequestRefundForGrantedRefundError
        permissions = (PermissionEnum.HANDLE_PAYMENTS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        global_id = data["granted_refund_id"]
        granted_refund_id = int_pk_or_none(global_id, "OrderGrantedRefund")
        if granted_refund_id is None:
            raise field_error(
                "granted_refund_id",
                f"Invalid ID: {global_id}. Expected: OrderGrantedRefund.",
                "graphql_error",
            )
        outcome = request_refund_for_granted_refund(
            granted_refund_id=granted_refund_id,
            requestor=info.context.user,
            manager=info.context.plugins,
        )
        return cls(transaction=outcome.transaction)
