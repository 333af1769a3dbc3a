"""transactionProcess: the storefront is back from the gateway's page; the gateway settles."""

from __future__ import annotations

import graphene

from payments.transactions.sessions import process_transaction
from storefront_api.core.scalars import JSON

from ..access import may_pay_for, transaction_or_error
from ..errors import PaymentMutation, TransactionProcessError
from ..types import TransactionEvent, TransactionItem
from .common import customer_ip_address, source_of


class TransactionProcess(PaymentMutation):
    transaction = graphene.Field(TransactionItem, description="The transaction processed.")
    transaction_event = graphene.Field(TransactionEvent, description="The gateway's answer.")
    data = graphene.Field(JSON, description="What the storefront needs to go on paying.")

    class Arguments:
        id = graphene.ID(description="The transaction's ID (or give `token`).")
        token = graphene.UUID(description="The transaction's token (or give `id`).")
        data = graphene.Argument(JSON, description="What the storefront passes to the gateway.")
        customer_ip_address = graphene.String(
            description="The customer's IP address, for apps with HANDLE_PAYMENTS; by default "
            "the request's."
        )

    class Meta:
        description = (
            "Asks the transaction's gateway how the payment ended (the redirect back proves "
            "nothing). A settled transaction is answered as it stands. For whoever may pay for "
            "its checkout or order."
        )
        error_type_class = TransactionProcessError

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        manager = info.context.plugins
        item = transaction_or_error(
            id=data.get("id"),
            token=data.get("token"),
            visible=lambda item: may_pay_for(item, info.context),
        )
        outcome = process_transaction(
            item=item,
            source=source_of(item, manager),
            data=data.get("data"),
            customer_ip_address=customer_ip_address(info.context, data.get("customer_ip_address")),
            requestor=info.context.user,
            manager=manager,
        )
        return cls(
            transaction=outcome.transaction,
            transaction_event=outcome.event,
            data=outcome.data,
        )
