"""transactionUpdate: a payment app (or staff) changes a transaction it owns."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from payments.transactions.manual import update_transaction

from ..access import transaction_or_error
from ..errors import PaymentMutation, TransactionUpdateError
from ..inputs import TransactionEventInput, TransactionUpdateInput, amounts_input, metadata_of
from ..types import TransactionItem
from .common import require_owner
from .transaction_create import actions_of


class TransactionUpdate(PaymentMutation):
    transaction = graphene.Field(TransactionItem)

    class Arguments:
        id = graphene.ID(description="The transaction's ID (or give `token`).")
        token = graphene.UUID(description="The transaction's token (or give `id`).")
        transaction = TransactionUpdateInput(description="What changes.")
        transaction_event = TransactionEventInput(
            description="An INFO event to record with the change."
        )

    class Meta:
        description = (
            "Changes a transaction: its amounts (recorded as the events that lead to them), "
            "name, message, reference, actions and metadata. Requires HANDLE_PAYMENTS: an app "
            "changes only its own transactions, staff only those no app or gateway owns."
        )
        error_type_class = TransactionUpdateError
        permissions = (PermissionEnum.HANDLE_PAYMENTS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        item = transaction_or_error(id=data.get("id"), token=data.get("token"))
        transaction = data.get("transaction") or {}
        event = data.get("transaction_event") or {}
        amounts, currency = amounts_input(transaction)
        metadata, private_metadata = metadata_of(transaction)
        updated = update_transaction(
            transaction_id=item.pk,
            may_update=require_owner(info.context.user),
            name=transaction.get("name"),
            message=transaction.get("message"),
            psp_reference=transaction.get("psp_reference"),
            available_actions=actions_of(transaction),
            amounts=amounts,
            currency=currency,
            external_url=transaction.get("external_url"),
            metadata=metadata,
            private_metadata=private_metadata,
            event_message=event.get("message"),
            event_psp_reference=event.get("psp_reference"),
            requestor=info.context.user,
            manager=info.context.plugins,
        )
        return cls(transaction=updated)
