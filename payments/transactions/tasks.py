"""Celery tasks of the payment domain: thin wrappers over the domain functions."""

from __future__ import annotations

from celery import shared_task

from .pending import settle_pending_transactions as settle_pending


@shared_task(name="payments.settle_pending_transactions", ignore_result=True)
def settle_pending_transactions() -> int:
    """Periodic (celery beat, backend/celery.py): ask gateways about payments and refunds whose
    answer never came. Idempotent."""
    return settle_pending()
