"""When a transaction's gateway is next asked about it: while an amount is pending or the
session waits for the customer, first after two minutes, then less and less often (a quarter
of the transaction's age: 2 minutes, then about 10, 40, ... up to its two-day watch)."""

from __future__ import annotations

from datetime import datetime, timedelta

from .models import TransactionItem

FIRST_CHECK_AFTER = timedelta(minutes=2)


def needs_status_check(item: TransactionItem, now: datetime) -> bool:
    pending = (
        item.charge_pending_value,
        item.authorize_pending_value,
        item.refund_pending_value,
        item.cancel_pending_value,
    )
    awaiting = item.status_check_until is not None and item.status_check_until > now
    return awaiting or any(amount > 0 for amount in pending)


def schedule_status_check(item: TransactionItem, now: datetime) -> None:
    """Set (or clear) `next_status_check_at` on the in-memory item, for the caller's save."""
    if not needs_status_check(item, now):
        item.next_status_check_at = None
    elif item.next_status_check_at is None:
        item.next_status_check_at = now + FIRST_CHECK_AFTER


def next_check_after_asking(item: TransactionItem, now: datetime) -> datetime | None:
    """After the gateway was asked: the next time, backing off with the transaction's age."""
    if not needs_status_check(item, now):
        return None
    created = item.created_at or now
    return now + max(FIRST_CHECK_AFTER, (now - created) / 4)
