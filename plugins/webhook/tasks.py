"""Celery tasks of the webhook plugin: thin wrappers over `delivery`, taking primary keys.

The top of the plugin's sending code: this module imports `delivery` and hands it
`enqueue_deliveries` wherever a send must be scheduled; `delivery` never imports it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from celery import shared_task

from . import delivery
from .permissions import refuse_unpermitted_delivery


@shared_task(name="webhook.send_event_delivery", bind=True, ignore_result=True, acks_late=True)
def send_event_delivery(self, delivery_pk: int) -> None:
    """Make the delivery's next attempt if it is due (idempotent; see `delivery.send_delivery`),
    unless the webhook's app no longer holds the event's permission."""
    # Retries go back to the queue this message came from (None when run eagerly).
    queue = (self.request.delivery_info or {}).get("routing_key")
    if refuse_unpermitted_delivery(delivery_pk):
        return  # the app lost the event's permission since the event was raised
    delivery.send_delivery(
        delivery_pk, enqueue=enqueue_deliveries, task_id=self.request.id, queue=queue
    )


@shared_task(name="webhook.requeue_stale_deliveries", ignore_result=True)
def requeue_stale_deliveries() -> int:
    """Periodic: re-enqueue pending deliveries whose queue message was lost."""
    return delivery.requeue_stale_deliveries(enqueue=enqueue_deliveries)


def enqueue_deliveries(
    delivery_pks: Iterable[int], *, eta: dt.datetime | None = None, queue: str | None = None
) -> None:
    """Put one `send_event_delivery` per delivery on the queue (or run it now when Celery is eager).

    `queue` None routes by the Celery settings; a retry passes the queue its attempt came from,
    so a worker dedicated to webhooks keeps its deliveries.
    """
    options: dict[str, object] = {}
    if eta is not None:
        options["eta"] = eta
    if queue:
        options["queue"] = queue
    for pk in delivery_pks:
        send_event_delivery.apply_async((pk,), **options)
