"""Saleor's payment input types, and their reading into the domain's carriers."""

from __future__ import annotations

from typing import Any

import graphene

from backend.core.errors import field_error
from payments.transactions.error_codes import TransactionErrorCode
from payments.transactions.manual import AmountsInput
from storefront_api.core.scalars import JSON, Decimal, PositiveDecimal
from storefront_api.core.types import MetadataInput, metadata_input_to_dict

from .enums import TransactionActionEnum


class MoneyInput(graphene.InputObjectType):
    currency = graphene.String(required=True, description="Currency code.")
    amount = PositiveDecimal(required=True, description="Amount of money.")

    class Meta:
        description = "An amount of money in one currency."


class PaymentGatewayToInitialize(graphene.InputObjectType):
    id = graphene.String(required=True, description="The payment gateway's id.")
    data = graphene.Field(JSON, description="What the storefront passes to the gateway.")

    class Meta:
        description = "A payment gateway to initialize, with the storefront's data for it."


class TransactionEventInput(graphene.InputObjectType):
    psp_reference = graphene.String(description="The gateway's reference of the event.")
    message = graphene.String(description="What happened, in words.")

    class Meta:
        description = "An event recorded with the transaction's change (an INFO event)."


def _transaction_fields() -> dict[str, Any]:
    return {
        "name": graphene.String(description="The payment method's name."),
        "message": graphene.String(description="A message about the transaction."),
        "psp_reference": graphene.String(description="The gateway's id of the payment."),
        "available_actions": graphene.List(
            graphene.NonNull(TransactionActionEnum),
            description="What staff may ask of the gateway now.",
        ),
        "amount_authorized": MoneyInput(description="What is authorized now."),
        "amount_charged": MoneyInput(description="What is charged now."),
        "amount_refunded": MoneyInput(description="What is refunded now."),
        "amount_canceled": MoneyInput(description="What is canceled now."),
        "metadata": graphene.List(graphene.NonNull(MetadataInput), description="Public keys."),
        "private_metadata": graphene.List(
            graphene.NonNull(MetadataInput), description="Private keys (HANDLE_PAYMENTS)."
        ),
        "external_url": graphene.String(description="Where the gateway shows the payment."),
    }


TransactionCreateInput = type(
    "TransactionCreateInput",
    (graphene.InputObjectType,),
    {
        **_transaction_fields(),
        "Meta": type("Meta", (), {"description": "A transaction an app or staff records."}),
    },
)
TransactionUpdateInput = type(
    "TransactionUpdateInput",
    (graphene.InputObjectType,),
    {
        **_transaction_fields(),
        "Meta": type("Meta", (), {"description": "What changes of a recorded transaction."}),
    },
)


class OrderGrantRefundCreateLineInput(graphene.InputObjectType):
    id = graphene.ID(required=True, description="The order line's ID.")
    quantity = graphene.Int(required=True, description="How many of its units are refunded.")
    reason = graphene.String(description="Why, for this line.")

    class Meta:
        description = "Units of an order line a granted refund pays back."


class OrderGrantRefundCreateInput(graphene.InputObjectType):
    amount = Decimal(
        description=(
            "The amount granted; when omitted, the worth of `lines` and (with "
            "`grantRefundForShipping`) of the shipping, at most what the transaction charged."
        )
    )
    reason = graphene.String(description="Why the refund is granted.")
    lines = graphene.List(
        graphene.NonNull(OrderGrantRefundCreateLineInput), description="The lines refunded."
    )
    grant_refund_for_shipping = graphene.Boolean(description="Whether shipping is refunded.")
    transaction_id = graphene.ID(
        required=True, description="The transaction of the order the refund is paid from."
    )

    class Meta:
        description = "A refund to grant on an order."


def amounts_input(transaction: dict[str, Any]) -> tuple[AmountsInput, str | None]:
    """The absolute amounts given and their one currency (None when none is given); amounts in
    two currencies are INCORRECT_CURRENCY."""
    given = {
        name: transaction.get(f"amount_{name}")
        for name in ("authorized", "charged", "refunded", "canceled")
    }
    currencies = {money["currency"] for money in given.values() if money is not None}
    if len(currencies) > 1:
        raise field_error(
            "currency",
            "All amounts of a transaction are in one currency.",
            TransactionErrorCode.INCORRECT_CURRENCY,
        )
    amounts = AmountsInput(
        **{name: money["amount"] if money else None for name, money in given.items()}
    )
    return amounts, next(iter(currencies), None)


def metadata_of(transaction: dict[str, Any]) -> tuple[dict | None, dict | None]:
    return (
        metadata_input_to_dict(transaction.get("metadata")),
        metadata_input_to_dict(transaction.get("private_metadata")),
    )
