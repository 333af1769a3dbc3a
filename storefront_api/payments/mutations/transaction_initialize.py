"""transactionInitialize: start paying a checkout or an order through a gateway."""

from __future__ import annotations

import graphene

from payments.transactions.sessions import initialize_transaction
from storefront_api.core.scalars import JSON, PositiveDecimal

from ..access import payment_source
from ..enums import TransactionFlowStrategyEnum
from ..errors import PaymentMutation, TransactionInitializeError
from ..inputs import PaymentGatewayToInitialize
from ..types import TransactionEvent, TransactionItem
from .common import customer_ip_address, flow_action, idempotency_key


class TransactionInitialize(PaymentMutation):
    transaction = graphene.Field(TransactionItem, description="The transaction started.")
    transaction_event = graphene.Field(
        TransactionEvent, description="The gateway's answer (or the request, while it waits)."
    )
    data = graphene.Field(JSON, description="What the storefront needs to go on paying.")

    class Arguments:
        id = graphene.ID(required=True, description="The checkout's or order's ID.")
        amount = PositiveDecimal(description="The amount; by default what is left to pay.")
        idempotency_key = graphene.String(
            description=(
                "The same key again returns the transaction it started instead of a second "
                "payment. An empty string is INVALID."
            )
        )
        action = graphene.Argument(
            TransactionFlowStrategyEnum,
            description="CHARGE (the default) or AUTHORIZATION; only for apps with "
            "HANDLE_PAYMENTS.",
        )
        customer_ip_address = graphene.String(
            description="The customer's IP address, for apps with HANDLE_PAYMENTS; by default "
            "the request's."
        )
        payment_gateway = graphene.Argument(
            PaymentGatewayToInitialize, required=True, description="The gateway and its data."
        )

    class Meta:
        description = (
            "Starts paying a checkout (anyone holding its ID) or an order (its customer, or "
            "staff) through a payment gateway: the gateway answers with an outcome or with a "
            "page to visit (`data`). A checkout or an order takes at most 100 transactions."
        )
        error_type_class = TransactionInitializeError

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        manager = info.context.plugins
        gateway = data["payment_gateway"]
        outcome = initialize_transaction(
            source=payment_source(data["id"], context=info.context, manager=manager),
            gateway_id=gateway["id"],
            action=flow_action(info.context, data.get("action")),
            amount=data.get("amount"),
            data=gateway.get("data"),
            idempotency_key=idempotency_key(data.get("idempotency_key")),
            customer_ip_address=customer_ip_address(info.context, data.get("customer_ip_address")),
            requestor=info.context.user,
            manager=manager,
        )
        return cls(
            transaction=outcome.transaction,
            transaction_event=outcome.event,
            data=outcome.data,
        )
