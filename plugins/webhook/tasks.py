"""Celery tasks of the webhook plugin: thin wrappers over `delivery`, taking primary keys."""

from __future__ import annotations

from celery import shared_task

from . import delivery


@shared_task(name="webhook.send_event_delivery", bind=True, ignore_result=True, acks_late=True)
def send_event_delivery(self, delivery_pk: int) -> None:
    """Make the delivery's next attempt if it is due (idempotent; see `delivery.send_delivery`)."""
    # Retries go back to the queue this message came from (None when run eagerly).
    queue = (self.request.delivery_info or {}).get("routing_key")
    delivery.send_delivery(delivery_pk, task_id=self.request.id, queue=queue)


@shared_task(name="webhook.requeue_stale_deliveries", ignore_result=True)
def requeue_stale_deliveries() -> int:
    """Periodic: re-enqueue pending deliveries whose queue message was lost."""
    return delivery.requeue_stale_deliveries()
