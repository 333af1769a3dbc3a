"""Event names sent to webhooks: Saleor's `WebhookEventTypeAsyncEnum` where Saleor has one."""

from __future__ import annotations

from django.db import models

from backend.core.permissions import MANAGE_VENDORS, PermissionEnum


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


# The permission an app needs to subscribe to, and to receive, each event: the one that reading
# the event's data through the API needs (Saleor's `WebhookEventAsyncType.PERMISSIONS`).
# `webhookCreate`/`webhookUpdate` refuse an event the app lacks it for, and the plugin delivers
# nothing to a webhook whose app has lost it since.
#
# | events                                              | permission        |
# |-----------------------------------------------------|-------------------|
# | PRODUCT_*, PRODUCT_VARIANT_* (stock ones included)  | MANAGE_PRODUCTS   |
# | CATEGORY_*                                          | MANAGE_PRODUCTS   |
# | CHECKOUT_*                                          | MANAGE_CHECKOUTS  |
# | ORDER_*, FULFILLMENT_*                              | MANAGE_ORDERS     |
# | NOTIFY_USER                                         | MANAGE_USERS      |
# | VENDOR_APPROVED (Haat)                              | MANAGE_VENDORS    |
_PRODUCTS = PermissionEnum.MANAGE_PRODUCTS.value
_ORDERS = PermissionEnum.MANAGE_ORDERS.value
EVENT_PERMISSIONS: dict[WebhookEventAsyncType, str] = {
    WebhookEventAsyncType.PRODUCT_CREATED: _PRODUCTS,
    WebhookEventAsyncType.PRODUCT_UPDATED: _PRODUCTS,
    WebhookEventAsyncType.PRODUCT_DELETED: _PRODUCTS,
    WebhookEventAsyncType.PRODUCT_VARIANT_CREATED: _PRODUCTS,
    WebhookEventAsyncType.PRODUCT_VARIANT_UPDATED: _PRODUCTS,
    WebhookEventAsyncType.PRODUCT_VARIANT_DELETED: _PRODUCTS,
    WebhookEventAsyncType.PRODUCT_VARIANT_STOCK_UPDATED: _PRODUCTS,
    WebhookEventAsyncType.PRODUCT_VARIANT_OUT_OF_STOCK: _PRODUCTS,
    WebhookEventAsyncType.PRODUCT_VARIANT_BACK_IN_STOCK: _PRODUCTS,
    WebhookEventAsyncType.CATEGORY_CREATED: _PRODUCTS,
    WebhookEventAsyncType.CATEGORY_UPDATED: _PRODUCTS,
    WebhookEventAsyncType.CATEGORY_DELETED: _PRODUCTS,
    WebhookEventAsyncType.CHECKOUT_CREATED: PermissionEnum.MANAGE_CHECKOUTS.value,
    WebhookEventAsyncType.CHECKOUT_UPDATED: PermissionEnum.MANAGE_CHECKOUTS.value,
    WebhookEventAsyncType.ORDER_CREATED: _ORDERS,
    WebhookEventAsyncType.ORDER_CONFIRMED: _ORDERS,
    WebhookEventAsyncType.ORDER_FULLY_PAID: _ORDERS,
    WebhookEventAsyncType.ORDER_CANCELLED: _ORDERS,
    WebhookEventAsyncType.ORDER_FULFILLED: _ORDERS,
    WebhookEventAsyncType.FULFILLMENT_CREATED: _ORDERS,
    WebhookEventAsyncType.NOTIFY_USER: PermissionEnum.MANAGE_USERS.value,
    WebhookEventAsyncType.VENDOR_APPROVED: MANAGE_VENDORS,
}


def event_permission(event_type: str) -> str:
    """The Django permission (`app_label.codename`) receiving `event_type` needs."""
    return EVENT_PERMISSIONS[WebhookEventAsyncType(event_type)]
