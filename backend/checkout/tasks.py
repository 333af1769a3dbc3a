"""Celery tasks of the checkout: thin wrappers over the domain functions."""

from __future__ import annotations

from celery import shared_task

from .cleanup import delete_expired_checkouts as delete_expired


@shared_task(name="checkout.delete_expired_checkouts", ignore_result=True)
def delete_expired_checkouts() -> int:
    """Periodic (celery beat, backend/celery.py): delete checkouts nobody will finish.
    Idempotent."""
    return delete_expired()
