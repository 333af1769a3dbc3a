"""Loaders for the relations of transactions and granted refunds: one query per relation per
response, whatever the number of transactions."""

from __future__ import annotations

from payments.transactions.models import (
    OrderGrantedRefundLine,
    TransactionEvent,
    TransactionItem,
)
from storefront_api.core.dataloaders import DataLoader, by_key, group_by


class TransactionItemByIdLoader(DataLoader[int, TransactionItem | None]):
    def batch_load(self, keys: list[int]) -> list[TransactionItem | None]:
        items = by_key(TransactionItem.objects.filter(pk__in=keys), lambda item: item.pk)
        return [items.get(key) for key in keys]


class TransactionEventsByTransactionIdLoader(DataLoader[int, list[TransactionEvent]]):
    """A transaction's events, oldest first."""

    def batch_load(self, keys: list[int]) -> list[list[TransactionEvent]]:
        events = group_by(
            TransactionEvent.objects.filter(transaction_id__in=keys),
            lambda event: event.transaction_id,
        )
        return [events.get(key, []) for key in keys]


class TransactionEventsByGrantedRefundIdLoader(DataLoader[int, list[TransactionEvent]]):
    """The refund requests and outcomes made for a granted refund."""

    def batch_load(self, keys: list[int]) -> list[list[TransactionEvent]]:
        events = group_by(
            TransactionEvent.objects.filter(related_granted_refund_id__in=keys),
            lambda event: event.related_granted_refund_id,
        )
        return [events.get(key, []) for key in keys]


class GrantedRefundLinesByGrantedRefundIdLoader(DataLoader[int, list[OrderGrantedRefundLine]]):
    def batch_load(self, keys: list[int]) -> list[list[OrderGrantedRefundLine]]:
        lines = group_by(
            OrderGrantedRefundLine.objects.filter(granted_refund_id__in=keys),
            lambda line: line.granted_refund_id,
        )
        return [lines.get(key, []) for key in keys]
