"""transactionEventReport: a payment app reports what its gateway did to its transaction."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from payments.transactions.reports import report_event
from storefront_api.core.scalars import PositiveDecimal
from storefront_api.core.types import MetadataInput, metadata_input_to_dict

from ..access import transaction_or_error
from ..enums import TransactionActionEnum, TransactionEventTypeEnum
from ..errors import PaymentMutation, TransactionEventReportError
from ..types import TransactionEvent, TransactionItem
from .common import require_owner


def _value(member):
    return str(getattr(member, "value", member))


class TransactionEventReport(PaymentMutation):
    already_processed = graphene.Boolean(
        description="True when the same event was reported before (nothing changed)."
    )
    transaction = graphene.Field(TransactionItem)
    transaction_event = graphene.Field(
        TransactionEvent, description="The event recorded (or recorded before)."
    )

    class Arguments:
        id = graphene.ID(description="The transaction's ID (or give `token`).")
        token = graphene.UUID(description="The transaction's token (or give `id`).")
        psp_reference = graphene.String(required=True, description="The gateway's reference.")
        type = graphene.Argument(TransactionEventTypeEnum, required=True)
        amount = PositiveDecimal(
            description="The event's amount; by default that of the earlier event with the "
            "same reference."
        )
        external_url = graphene.String(description="Where the gateway shows the event.")
        time = graphene.DateTime(
            description="When the gateway did it (by default, when Haat records it)."
        )
        message = graphene.String(description="What happened (cut to 512 characters).")
        available_actions = graphene.List(
            graphene.NonNull(TransactionActionEnum),
            description="What staff may ask of the gateway from now on.",
        )
        transaction_metadata = graphene.List(
            graphene.NonNull(MetadataInput), description="Public metadata keys to set."
        )
        transaction_private_metadata = graphene.List(
            graphene.NonNull(MetadataInput), description="Private metadata keys to set."
        )

    class Meta:
        description = (
            "Records what the gateway did (an authorization, a charge, a refund, a failure...). "
            "Requires HANDLE_PAYMENTS: an app reports only on its own transactions, staff only "
            "on those no app or gateway owns."
        )
        error_type_class = TransactionEventReportError
        permissions = (PermissionEnum.HANDLE_PAYMENTS,)
        error_field_names = {
            "metadata": "transactionMetadata",
            "private_metadata": "transactionPrivateMetadata",
        }

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        item = transaction_or_error(id=data.get("id"), token=data.get("token"))
        actions = data.get("available_actions")
        recorded = report_event(
            transaction_id=item.pk,
            event_type=_value(data["type"]),
            amount=data.get("amount"),
            psp_reference=data["psp_reference"],
            message=data.get("message") or "",
            external_url=data.get("external_url") or "",
            available_actions=(
                list(dict.fromkeys(_value(action) for action in actions))
                if actions is not None
                else None
            ),
            metadata=metadata_input_to_dict(data.get("transaction_metadata")),
            private_metadata=metadata_input_to_dict(data.get("transaction_private_metadata")),
            requestor=info.context.user,
            manager=info.context.plugins,
            may_report=require_owner(info.context.user),
            occurred_at=data.get("time"),
        )
        return cls(
            already_processed=recorded.already_processed,
            transaction=recorded.event.transaction,
            transaction_event=recorded.event,
        )
