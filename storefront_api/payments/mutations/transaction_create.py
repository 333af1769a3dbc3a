"""transactionCreate: a payment app (or staff) records a transaction it handles itself."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from payments.transactions.manual import create_transaction

from ..access import payment_source
from ..errors import PaymentMutation, TransactionCreateError
from ..inputs import (
    TransactionCreateInput,
    TransactionEventInput,
    amounts_input,
    metadata_of,
)
from ..types import TransactionItem


def actions_of(transaction: dict) -> list[str] | None:
    actions = transaction.get("available_actions")
    if actions is None:
        return None
    return list(dict.fromkeys(str(getattr(action, "value", action)) for action in actions))


class TransactionCreate(PaymentMutation):
    transaction = graphene.Field(TransactionItem)

    class Arguments:
        id = graphene.ID(required=True, description="The checkout's or order's ID.")
        transaction = TransactionCreateInput(required=True, description="The transaction.")
        transaction_event = TransactionEventInput(description="An INFO event to record with it.")

    class Meta:
        description = (
            "Records a transaction with the amounts it already holds, for a checkout or an "
            "order. Requires HANDLE_PAYMENTS; an app's transaction is its own (it alone may "
            "update it and report on it)."
        )
        error_type_class = TransactionCreateError
        permissions = (PermissionEnum.HANDLE_PAYMENTS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        manager = info.context.plugins
        transaction = data["transaction"]
        event = data.get("transaction_event") or {}
        amounts, currency = amounts_input(transaction)
        metadata, private_metadata = metadata_of(transaction)
        app = info.context.app
        item = create_transaction(
            source=payment_source(data["id"], context=info.context, manager=manager),
            name=transaction.get("name") or "",
            message=transaction.get("message") or "",
            psp_reference=transaction.get("psp_reference") or "",
            available_actions=actions_of(transaction),
            amounts=amounts,
            currency=currency,
            external_url=transaction.get("external_url") or "",
            metadata=metadata,
            private_metadata=private_metadata,
            event_message=event.get("message"),
            event_psp_reference=event.get("psp_reference"),
            app_identifier=(app.identifier if app is not None else ""),
            requestor=info.context.user,
            manager=manager,
        )
        return cls(transaction=item)
