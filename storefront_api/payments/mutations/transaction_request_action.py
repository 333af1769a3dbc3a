"""transactionRequestAction: staff or an app ask a transaction's gateway to charge, refund or
cancel."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from payments.transactions.actions import request_action
from storefront_api.core.scalars import PositiveDecimal

from ..access import transaction_or_error
from ..enums import TransactionActionEnum
from ..errors import PaymentMutation, TransactionRequestActionError
from ..types import TransactionItem
from .common import source_of


class TransactionRequestAction(PaymentMutation):
    transaction = graphene.Field(TransactionItem)

    class Arguments:
        id = graphene.ID(description="The transaction's ID (or give `token`).")
        token = graphene.UUID(description="The transaction's token (or give `id`).")
        action_type = graphene.Argument(
            TransactionActionEnum, required=True, description="CHARGE, REFUND or CANCEL."
        )
        amount = PositiveDecimal(description="The amount; by default all that is available.")

    class Meta:
        description = (
            "Asks the transaction's gateway to charge (capture) an authorization, refund a "
            "charge or cancel an authorization. Requires HANDLE_PAYMENTS (as in Saleor)."
        )
        error_type_class = TransactionRequestActionError
        permissions = (PermissionEnum.HANDLE_PAYMENTS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        manager = info.context.plugins
        item = transaction_or_error(id=data.get("id"), token=data.get("token"))
        source = source_of(item, manager)
        outcome = request_action(
            transaction_id=item.pk,
            source_of=lambda _item: source,
            action=str(getattr(data["action_type"], "value", data["action_type"])),
            amount=data.get("amount"),
            requestor=info.context.user,
            manager=manager,
            channel_slug=source.channel_slug,
        )
        return cls(transaction=outcome.transaction)
