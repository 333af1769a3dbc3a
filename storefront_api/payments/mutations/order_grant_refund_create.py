"""orderGrantRefundCreate: staff grant the customer a refund on an order."""

from __future__ import annotations

import uuid

import graphene

from backend.core.errors import field_error
from backend.core.permissions import PermissionEnum
from payments.transactions.refunds import GrantedLine, grant_refund
from storefront_api.checkout.errors import uuid_of

from ..errors import OrderGrantRefundCreateError, PaymentMutation
from ..inputs import OrderGrantRefundCreateInput
from ..types import OrderGrantedRefund


def _uuid_or_error(global_id: str, type_name: str, field: str) -> uuid.UUID:
    value = uuid_of(global_id, type_name)
    if value is None:
        raise field_error(
            field, f"Invalid ID: {global_id}. Expected: {type_name}.", "graphql_error"
        )
    return value


def _lines(given: list[dict]) -> list[GrantedLine]:
    """The lines asked for; malformed line IDs are reported together, as the domain reports
    unknown lines."""
    lines, errors = [], []
    for line in given:
        order_line_id = uuid_of(line["id"], "OrderLine")
        if order_line_id is None:
            errors.append(
                {
                    "line_id": line["id"],
                    "field": "id",
                    "message": f"Invalid ID: {line['id']}. Expected: OrderLine.",
                    "code": "graphql_error",
                }
            )
            continue
        lines.append(GrantedLine(order_line_id, line["quantity"], line.get("reason") or ""))
    if errors:
        raise field_error("lines", "Provided input for lines is invalid.", "invalid", lines=errors)
    return lines


class OrderGrantRefundCreate(PaymentMutation):
    order = graphene.Field(
        "storefront_api.orders.types.Order", description="The order with the new grant."
    )
    granted_refund = graphene.Field(OrderGrantedRefund, description="The grant.")

    class Arguments:
        id = graphene.ID(required=True, description="The order's ID.")
        input = OrderGrantRefundCreateInput(required=True, description="The refund to grant.")

    class Meta:
        description = (
            "Grants the customer a refund on an order, to be paid back from one of its "
            "transactions (transactionRequestRefundForGrantedRefund). The order's charge status "
            "counts it at once. Requires MANAGE_ORDERS."
        )
        error_type_class = OrderGrantRefundCreateError
        permissions = (PermissionEnum.MANAGE_ORDERS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        given = data["input"]
        granted = grant_refund(
            order_id=_uuid_or_error(data["id"], "Order", "id"),
            transaction_token=_uuid_or_error(
                given["transaction_id"], "TransactionItem", "transaction_id"
            ),
            amount=given.get("amount"),
            reason=given.get("reason") or "",
            lines=_lines(given.get("lines") or []),
            grant_refund_for_shipping=bool(given.get("grant_refund_for_shipping")),
            requestor=info.context.user,
            manager=info.context.plugins,
        )
        return cls(order=granted.order, granted_refund=granted)
