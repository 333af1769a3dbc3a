"""The webhook plugin: turns hooks into signed deliveries to apps' webhooks.

A hook runs inside the caller's transaction. It looks up who subscribed (`subscribers.py`: from
the shared configuration cache, once per plugin instance, that is per manager: a burst of events
in one request or task reads it once), builds the event's JSON once, stores one `EventPayload` and
one `EventDelivery` per webhook, and enqueues the deliveries after commit. A rollback leaves no
rows and sends nothing; with no subscriber the hook costs a cache read and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from plugins.framework.base import BasePlugin

from .delivery import create_deliveries
from .event_types import WebhookEventAsyncType as Event
from .payloads import build_payload, serialize_payload
from .subscribers import WEBHOOK_SUBSCRIBERS, Subscribers
from .tasks import enqueue_deliveries


class WebhookPlugin(BasePlugin):
    PLUGIN_ID = "haat.webhooks"
    PLUGIN_NAME = "Webhooks"
    PLUGIN_DESCRIPTION = "Delivers events to apps' webhooks, signed, with retries and a log."
    DEFAULT_ACTIVE = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._subscribers: Subscribers | None = None

    def subscribers(self, event_type: Event) -> list[int]:
        """Active webhooks of active apps subscribed to the event whose app holds the event's
        permission today (permissions may have changed since the webhook subscribed, and an app
        must not receive what it could not read).

        Read once per manager from the shared configuration cache: this runs on every write
        that has a hook (each checkout change), and the subscriptions hardly ever change."""
        if self._subscribers is None:
            self._subscribers = WEBHOOK_SUBSCRIBERS.get()
        return list(self._subscribers.get(event_type.value, ()))

    def trigger(self, event_type: Event, *args: Any) -> None:
        """Store and enqueue one delivery of the event per subscribed webhook."""
        webhook_ids = self.subscribers(event_type)
        if not webhook_ids:
            return
        body = serialize_payload(build_payload(event_type, *args))
        create_deliveries(
            event_type=event_type.value,
            body=body,
            webhook_ids=webhook_ids,
            enqueue=enqueue_deliveries,
        )

    # --- catalogue, stock and marketplace ------------------------------------------------------

    def product_created(self, product: Any, previous_value: Any) -> Any:
        self.trigger(Event.PRODUCT_CREATED, product)
        return previous_value

    def product_updated(self, product: Any, previous_value: Any) -> Any:
        self.trigger(Event.PRODUCT_UPDATED, product)
        return previous_value

    def product_deleted(self, product: Any, variant_ids: Sequence[int], previous_value: Any) -> Any:
        self.trigger(Event.PRODUCT_DELETED, product, variant_ids)
        return previous_value

    def product_variant_created(self, variant: Any, previous_value: Any) -> Any:
        self.trigger(Event.PRODUCT_VARIANT_CREATED, variant)
        return previous_value

    def product_variant_updated(self, variant: Any, previous_value: Any) -> Any:
        self.trigger(Event.PRODUCT_VARIANT_UPDATED, variant)
        return previous_value

    def product_variant_deleted(self, variant: Any, previous_value: Any) -> Any:
        self.trigger(Event.PRODUCT_VARIANT_DELETED, variant)
        return previous_value

    def category_created(self, category: Any, previous_value: Any) -> Any:
        self.trigger(Event.CATEGORY_CREATED, category)
        return previous_value

    def category_updated(self, category: Any, previous_value: Any) -> Any:
        self.trigger(Event.CATEGORY_UPDATED, category)
        return previous_value

    def category_deleted(self, category: Any, previous_value: Any) -> Any:
        self.trigger(Event.CATEGORY_DELETED, category)
        return previous_value

    def product_variant_stock_updated(self, stock: Any, previous_value: Any) -> Any:
        self.trigger(Event.PRODUCT_VARIANT_STOCK_UPDATED, stock)
        return previous_value

    def product_variant_out_of_stock(self, stock: Any, previous_value: Any) -> Any:
        self.trigger(Event.PRODUCT_VARIANT_OUT_OF_STOCK, stock)
        return previous_value

    def product_variant_back_in_stock(self, stock: Any, previous_value: Any) -> Any:
        self.trigger(Event.PRODUCT_VARIANT_BACK_IN_STOCK, stock)
        return previous_value

    def vendor_approved(self, vendor: Any, previous_value: Any) -> Any:
        self.trigger(Event.VENDOR_APPROVED, vendor)
        return previous_value

    # --- checkout and orders -------------------------------------------------------------------

    def checkout_created(self, checkout: Any, previous_value: Any) -> Any:
        self.trigger(Event.CHECKOUT_CREATED, checkout)
        return previous_value

    def checkout_updated(self, checkout: Any, previous_value: Any) -> Any:
        self.trigger(Event.CHECKOUT_UPDATED, checkout)
        return previous_value

    def order_created(self, order: Any, previous_value: Any) -> Any:
        self.trigger(Event.ORDER_CREATED, order)
        return previous_value

    def order_confirmed(self, order: Any, previous_value: Any) -> Any:
        self.trigger(Event.ORDER_CONFIRMED, order)
        return previous_value

    def order_fully_paid(self, order: Any, previous_value: Any) -> Any:
        self.trigger(Event.ORDER_FULLY_PAID, order)
        return previous_value

    def order_cancelled(self, order: Any, previous_value: Any) -> Any:
        self.trigger(Event.ORDER_CANCELLED, order)
        return previous_value

    def order_fulfilled(self, order: Any, previous_value: Any) -> Any:
        self.trigger(Event.ORDER_FULFILLED, order)
        return previous_value

    def fulfillment_created(self, fulfillment: Any, previous_value: Any) -> Any:
        self.trigger(Event.FULFILLMENT_CREATED, fulfillment)
        return previous_value

    # --- notifications -------------------------------------------------------------------------

    def notify(
        self, event: str, payload: dict[str, Any], channel_slug: str | None, previous_value: Any
    ) -> Any:
        """NOTIFY_USER, as Saleor sends it: the notify event's name and its data unchanged, so an
        app can send the message itself (the payload's producer keeps secrets out of it)."""
        self.trigger(Event.NOTIFY_USER, event, payload, channel_slug)
        return previous_value
