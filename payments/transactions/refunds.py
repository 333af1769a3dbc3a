"""Granted refunds: staff grant the customer money back on an order (`orderGrantRefundCreate`),
and the grant is then sent to its transaction's gateway
(`transactionRequestRefundForGrantedRefund`).

A grant lowers what the order is owed at once (`refresh_order_payment` subtracts grants), so a
paid order with a grant reads as overcharged until the refund goes through. A grant is sent
once: claiming it is a conditional update (nothing asked yet, or refused before, to pending), so
two requests racing each other send one refund.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction as db_transaction

from backend.core.errors import field_error
from backend.orders.models import Order, OrderLine
from plugins.framework.manager import PluginsManager

from .actions import ActionOutcome, request_action
from .enums import TransactionAction
from .error_codes import TransactionErrorCode
from .events import actor
from .models import (
    GrantedRefundStatus,
    OrderGrantedRefund,
    OrderGrantedRefundLine,
    TransactionItem,
)
from .owners import lock_owner, refresh_owner
from .sources import order_source

ZERO = Decimal(0)
# A grant may be sent when nothing was asked yet, or when the gateway refused it before.
SENDABLE = (GrantedRefundStatus.NONE, GrantedRefundStatus.FAILURE)


@dataclass(frozen=True)
class GrantedLine:
    """A line of the order and how many of its units the grant refunds."""

    order_line_id: UUID
    quantity: int
    reason: str = ""


def _line_error(line_id: UUID, field: str, message: str, code: TransactionErrorCode) -> dict:
    return {"line_id": line_id, "field": field, "message": message, "code": code.value}


def _clean_lines(order: Order, lines: list[GrantedLine]) -> list[OrderGrantedRefundLine]:
    """The grant's lines; each unknown line, and each asking for more units than are left to
    grant, is reported (all of them at once) under `lines`."""
    found = {
        line.pk: line
        for line in OrderLine.objects.filter(order=order).filter(
            pk__in=[line.order_line_id for line in lines]
        )
    }
    already: dict[UUID, int] = defaultdict(int)
    for order_line_id, quantity in OrderGrantedRefundLine.objects.filter(
        granted_refund__order=order
    ).values_list("order_line_id", "quantity"):
        already[order_line_id] += quantity
    errors, cleaned = [], []
    for line in lines:
        order_line = found.get(line.order_line_id)
        if order_line is None:
            errors.append(
                _line_error(
                    line.order_line_id,
                    "id",
                    "Could not resolve to a line.",
                    TransactionErrorCode.NOT_FOUND,
                )
            )
            continue
        left = order_line.quantity - already[order_line.pk]
        if line.quantity <= 0 or line.quantity > left:
            errors.append(
                _line_error(
                    line.order_line_id,
                    "quantity",
                    f"Cannot grant refund for more than the available quantity of the line "
                    f"({left}).",
                    TransactionErrorCode.QUANTITY_GREATER_THAN_AVAILABLE,
                )
            )
            continue
        already[order_line.pk] += line.quantity
        cleaned.append(
            OrderGrantedRefundLine(
                order_line=order_line, quantity=line.quantity, reason=line.reason
            )
        )
    if errors:
        raise field_error(
            "lines",
            "Provided input for lines is invalid.",
            TransactionErrorCode.INVALID,
            lines=errors,
        )
    return cleaned


def _granted_amount(
    order: Order,
    item: TransactionItem,
    *,
    amount: Decimal | None,
    lines: list[OrderGrantedRefundLine],
    for_shipping: bool,
) -> Decimal:
    """The amount given (at most what the transaction charged), or the lines' and shipping's
    worth, capped at what the transaction charged (Saleor's rule)."""
    if amount is not None:
        if amount <= 0 or amount.as_tuple().exponent < -2:  # type: ignore[operator]
            raise field_error(
                "amount",
                "The amount must be positive, with at most two decimal places.",
                TransactionErrorCode.INVALID,
            )
        if amount > item.charged_value:
            raise field_error(
                "amount",
                f"The transaction charged {item.charged_value} {item.currency}: a refund of "
                f"{amount} cannot be granted against it.",
                TransactionErrorCode.AMOUNT_GREATER_THAN_AVAILABLE,
            )
        return amount
    worth = sum((line.order_line.unit_price_gross_amount * line.quantity for line in lines), ZERO)
    if for_shipping:
        worth += order.shipping_price_gross_amount
    granted = min(worth, item.charged_value)
    if granted <= 0:
        raise field_error(
            "transaction_id",
            "The transaction has charged nothing that could be refunded.",
            TransactionErrorCode.AMOUNT_GREATER_THAN_AVAILABLE,
        )
    return granted


def grant_refund(
    *,
    order_id: UUID,
    transaction_token: UUID,
    amount: Decimal | None = None,
    reason: str = "",
    lines: list[GrantedLine] | None = None,
    grant_refund_for_shipping: bool = False,
    requestor: Any,
    manager: PluginsManager,
) -> OrderGrantedRefund:
    """Grant the customer a refund on the order, to be paid back from the transaction: the
    order's charge and authorize statuses are refreshed at once (a paid order becomes
    overcharged; a partly paid one may become paid, and is then announced as paid)."""
    lines = lines or []
    if amount is None and not lines and not grant_refund_for_shipping:
        message = "You must provide at least one of `amount`, `lines`, `grantRefundForShipping`."
        raise field_error("amount", message, TransactionErrorCode.REQUIRED)
    with db_transaction.atomic():
        try:
            owner = lock_owner(order_id=order_id)
        except Order.DoesNotExist:
            raise field_error(
                "id", f"Couldn't resolve to an order: {order_id}", TransactionErrorCode.NOT_FOUND
            ) from None
        order = owner.order
        assert order is not None
        item = TransactionItem.objects.filter(token=transaction_token, order=order).first()
        if item is None:
            raise field_error(
                "transaction_id",
                "The order has no such transaction.",
                TransactionErrorCode.NOT_FOUND,
            )
        cleaned_lines = _clean_lines(order, lines) if lines else []
        if (
            grant_refund_for_shipping
            and order.granted_refunds.filter(shipping_costs_included=True).exists()
        ):
            raise field_error(
                "grant_refund_for_shipping",
                "Shipping costs have already been granted.",
                TransactionErrorCode.SHIPPING_COSTS_ALREADY_GRANTED,
            )
        granted = OrderGrantedRefund.objects.create(
            order=order,
            amount_value=_granted_amount(
                order,
                item,
                amount=amount,
                lines=cleaned_lines,
                for_shipping=grant_refund_for_shipping,
            ),
            currency=order.currency,
            reason=reason,
            shipping_costs_included=grant_refund_for_shipping,
            transaction_item=item,
            **actor(requestor),
        )
        for line in cleaned_lines:
            line.granted_refund = granted
        OrderGrantedRefundLine.objects.bulk_create(cleaned_lines)
        refresh_owner(owner, requestor=requestor, manager=manager)
    return granted


def _claim(granted: OrderGrantedRefund) -> str:
    """Mark the grant as being refunded; its status before, or a refusal when it is already
    being refunded or was refunded."""
    for previous in SENDABLE:
        claimed = OrderGrantedRefund.objects.filter(pk=granted.pk, status=previous).update(
            status=GrantedRefundStatus.PENDING
        )
        if claimed:
            return previous
    status = OrderGrantedRefund.objects.values_list("status", flat=True).get(pk=granted.pk)
    if status == GrantedRefundStatus.SUCCESS:
        raise field_error(
            "granted_refund_id",
            "The granted refund is already processed.",
            TransactionErrorCode.REFUND_ALREADY_PROCESSED,
        )
    raise field_error(
        "granted_refund_id",
        "The refund request is already in progress.",
        TransactionErrorCode.REFUND_IS_PENDING,
    )


def request_refund_for_granted_refund(
    *, granted_refund_id: int, requestor: Any, manager: PluginsManager
) -> ActionOutcome:
    """Send the grant to its transaction's gateway as a refund of its amount. Refused when it
    is already being refunded or refunded, or when the transaction has charged less than it;
    a refusal of the gateway leaves the grant FAILURE, to be sent again."""
    granted = (
        OrderGrantedRefund.objects.select_related("order__channel", "transaction_item")
        .filter(pk=granted_refund_id)
        .first()
    )
    if granted is None:
        raise field_error(
            "granted_refund_id",
            f"Couldn't resolve to a granted refund: {granted_refund_id}",
            TransactionErrorCode.NOT_FOUND,
        )
    item = granted.transaction_item
    if item.charged_value < granted.amount_value:
        raise field_error(
            "granted_refund_id",
            f"The granted refund amount {granted.amount_value} is greater than what the "
            f"transaction has charged ({item.charged_value}).",
            TransactionErrorCode.AMOUNT_GREATER_THAN_AVAILABLE,
        )
    previous = _claim(granted)
    order = granted.order
    try:
        return request_action(
            transaction_id=item.pk,
            source_of=lambda _item: order_source(order),
            action=TransactionAction.REFUND,
            amount=granted.amount_value,
            requestor=requestor,
            manager=manager,
            channel_slug=order.channel.slug,
            granted_refund_id=granted.pk,
        )
    except ValidationError:
        # Nothing was sent: the grant is as it was before.
        OrderGrantedRefund.objects.filter(pk=granted.pk, status=GrantedRefundStatus.PENDING).update(
            status=previous
        )
        raise
