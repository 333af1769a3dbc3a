"""Row locks for order changes: one order changes under one lock, so two staff clicks (or a
vendor and staff) cannot confirm, fulfil or cancel it twice."""

from __future__ import annotations

from uuid import UUID

from django.db import transaction

from .models import Order


def lock_order(order_id: UUID) -> Order:
    """The order's row, locked until the caller's transaction ends (raises Order.DoesNotExist)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "lock_order needs a transaction: a lock outside one is released at once."
        )
    return (
        Order.objects.select_for_update(of=("self",))
        .select_related("channel", "user")
        .get(pk=order_id)
    )
