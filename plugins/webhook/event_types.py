"""Event names sent to webhooks: Saleor's `WebhookEventTypeAsyncEnum` where Saleor has one."""

from __future__ import annotations

from django.db import models


class WebhookEventAsyncType(models.TextChoices):
    PRODUCT_CREATED = "PRODUCT_CREATED"
    PRODUCT_UPDATED = "PRODUCT_UPDATED"
    PRODUCT_DELETED = "PRODUCT_DELETED"
    PRODUCT_VARIANT_CREATED = "PRODUCT_VARIANT_CREATED"
    PRODUCT_VARIANT_UPDATED = "PRODUCT_VARIANT_UPDATED"
    PRODUCT_VARIANT_DELETED = "PRODUCT_VARIANT_DELETED"
    PRODUCT_VARIANT_STOCK_UPDATED = "PRODUCT_VARIANT_STOCK_UPDATED"
    PRODUCT_VARIANT_OUT_OF_STOCK = "PRODUCT_VARIANT_OUT_OF_STOCK"
    PRODUCT_VARIANT_BACK_IN_STOCK = "PRODUCT_VARIANT_BACK_IN_STOCK"
    CATEGORY_CREATED = "CATEGORY_CREATED"
    CATEGORY_UPDATED = "CATEGORY_UPDATED"
    CATEGORY_DELETED = "CATEGORY_DELETED"
    CHECKOUT_CREATED = "CHECKOUT_CREATED"
    CHECKOUT_UPDATED = "CHECKOUT_UPDATED"
    ORDER_CREATED = "ORDER_CREATED"
    ORDER_CONFIRMED = "ORDER_CONFIRMED"
    ORDER_FULLY_PAID = "ORDER_FULLY_PAID"
    ORDER_CANCELLED = "ORDER_CANCELLED"
    ORDER_FULFILLED = "ORDER_FULFILLED"
    FULFILLMENT_CREATED = "FULFILLMENT_CREATED"
    NOTIFY_USER = "NOTIFY_USER"
    # Haat's own (Saleor has no vendors).
    VENDOR_APPROVED = "VENDOR_APPROVED"


# Which hook raises which event.
HOOK_EVENTS: dict[str, WebhookEventAsyncType] = {
    "product_created": WebhookEventAsyncType.PRODUCT_CREATED,
    "product_updated": WebhookEventAsyncType.PRODUCT_UPDATED,
    "product_deleted": WebhookEventAsyncType.PRODUCT_DELETED,
    "product_variant_created": WebhookEventAsyncType.PRODUCT_VARIANT_CREATED,
    "product_variant_updated": WebhookEventAsyncType.PRODUCT_VARIANT_UPDATED,
    "product_variant_deleted": WebhookEventAsyncType.PRODUCT_VARIANT_DELETED,
    "product_variant_stock_updated": WebhookEventAsyncType.PRODUCT_VARIANT_STOCK_UPDATED,
    "product_variant_out_of_stock": WebhookEventAsyncType.PRODUCT_VARIANT_OUT_OF_STOCK,
    "product_variant_back_in_stock": WebhookEventAsyncType.PRODUCT_VARIANT_BACK_IN_STOCK,
    "category_created": WebhookEventAsyncType.CATEGORY_CREATED,
    "category_updated": WebhookEventAsyncType.CATEGORY_UPDATED,
    "category_deleted": WebhookEventAsyncType.CATEGORY_DELETED,
    "checkout_created": WebhookEventAsyncType.CHECKOUT_CREATED,
    "checkout_updated": WebhookEventAsyncType.CHECKOUT_UPDATED,
    "order_created": WebhookEventAsyncType.ORDER_CREATED,
    "order_confirmed": WebhookEventAsyncType.ORDER_CONFIRMED,
    "order_fully_paid": WebhookEventAsyncType.ORDER_FULLY_PAID,
    "order_cancelled": WebhookEventAsyncType.ORDER_CANCELLED,
    "order_fulfilled": WebhookEventAsyncType.ORDER_FULFILLED,
    "fulfillment_created": WebhookEventAsyncType.FULFILLMENT_CREATED,
    "vendor_approved": WebhookEventAsyncType.VENDOR_APPROVED,
    "notify": WebhookEventAsyncType.NOTIFY_USER,
}
