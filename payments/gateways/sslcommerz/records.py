"""Haat's side of an SSLCommerz payment: the transaction a `tran_id` stands for, the amount
its session asked for, and the channel it belongs to."""

from __future__ import annotations

from decimal import Decimal

from payments.transactions.enums import TransactionEventType
from payments.transactions.models import TransactionItem
from payments.transactions.selectors import transaction_by_token

from .crypto import token_from_tran_id

SESSION_REQUESTS = (TransactionEventType.CHARGE_REQUEST, TransactionEventType.AUTHORIZATION_REQUEST)


def transaction_for(gateway_id: str, tran_id: str) -> TransactionItem | None:
    """Our transaction for a `tran_id` SSLCommerz sent back; None for anyone else's."""
    token = token_from_tran_id(tran_id)
    if token is None:
        return None
    item = transaction_by_token(token)
    if item is None or item.app_identifier != gateway_id:
        return None
    if item.psp_reference not in ("", tran_id):
        return None
    return item


def requested_amount(item: TransactionItem) -> Decimal | None:
    """What the session asked SSLCommerz for (its request, recorded before the gateway)."""
    request = (
        item.events.filter(type__in=SESSION_REQUESTS, include_in_calculations=False)
        .order_by("pk")
        .first()
    )
    return request.amount_value if request is not None else None


def channel_slug_of(item: TransactionItem) -> str | None:
    owner = item.order if item.order_id is not None else item.checkout
    return owner.channel.slug if owner is not None else None
