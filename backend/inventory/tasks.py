"""Celery tasks of the inventory: thin wrappers over the domain functions."""

from __future__ import annotations

from celery import shared_task

from .reservations import delete_expired_reservations as delete_expired


@shared_task(name="inventory.delete_expired_reservations", ignore_result=True)
def delete_expired_reservations() -> int:
    """Periodic (celery beat, backend/celery.py): delete reservations past their time, in
    batches. Idempotent: an expired reservation already holds nothing, so a late or repeated
    run changes no availability."""
    return delete_expired()
