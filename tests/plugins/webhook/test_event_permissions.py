"""An event reaches only apps holding its permission (Saleor's `WebhookEventAsyncType.PERMISSIONS`,
plus MANAGE_VENDORS for Haat's VENDOR_APPROVED): when subscribing, when the event is raised and
when a delivery is sent; and its payload holds only what that permission reads through the API."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase

from backend.apps import services as app_services
from plugins.framework.manager import PluginsManager
from plugins.webhook import services
from plugins.webhook.event_types import EVENT_PERMISSIONS, WebhookEventAsyncType
from plugins.webhook.models import EventDelivery, EventPayload, Webhook
from plugins.webhook.plugin import WebhookPlugin
from plugins.webhook.tasks import send_event_delivery
from tests.factories import CategoryFactory, ProductFactory, VendorFactory

PRODUCTS = "catalog.manage_products"
ORDERS = "core.manage_orders"


def test_every_event_needs_the_permission_that_reads_its_data():
    assert {event.value: permission for event, permission in EVENT_PERMISSIONS.items()} == {
        "PRODUCT_CREATED": PRODUCTS,
        "PRODUCT_UPDATED": PRODUCTS,
        "PRODUCT_DELETED": PRODUCTS,
        "PRODUCT_VARIANT_CREATED": PRODUCTS,
        "PRODUCT_VARIANT_UPDATED": PRODUCTS,
        "PRODUCT_VARIANT_DELETED": PRODUCTS,
        "PRODUCT_VARIANT_STOCK_UPDATED": PRODUCTS,
        "PRODUCT_VARIANT_OUT_OF_STOCK": PRODUCTS,
        "PRODUCT_VARIANT_BACK_IN_STOCK": PRODUCTS,
        "CATEGORY_CREATED": PRODUCTS,
        "CATEGORY_UPDATED": PRODUCTS,
        "CATEGORY_DELETED": PRODUCTS,
        "CHECKOUT_CREATED": "core.manage_checkouts",
        "CHECKOUT_UPDATED": "core.manage_checkouts",
        "ORDER_CREATED": ORDERS,
        "ORDER_CONFIRMED": ORDERS,
        "ORDER_FULLY_PAID": ORDERS,
        "ORDER_CANCELLED": ORDERS,
        "ORDER_FULFILLED": ORDERS,
        "FULFILLMENT_CREATED": ORDERS,
        "NOTIFY_USER": "accounts.manage_users",
        "VENDOR_APPROVED": "marketplace.manage_vendors",
    }
    assert set(EVENT_PERMISSIONS) == set(WebhookEventAsyncType)


@pytest.mark.parametrize("event", list(WebhookEventAsyncType))
def test_subscribing_needs_the_events_permission(db, settings, event):
    # given two apps: one without permissions, one with exactly the event's
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    bare = app_services.create_app(name="bare").app
    holder = app_services.create_app(name="holder", permissions=[EVENT_PERMISSIONS[event]]).app
    # when the bare one subscribes, then it is refused and nothing is stored
    with pytest.raises(ValidationError) as refused:
        services.create_webhook(app=bare, target_url="http://127.0.0.1/h", events=[event.value])
    assert [
        (field, item.code) for field, items in refused.value.error_dict.items() for item in items
    ] == [("events", "invalid")]
    assert refused.value.messages == [
        f"The app lacks the permissions these events need: {event.value} "
        f"(needs {EVENT_PERMISSIONS[event]})."
    ]
    assert not Webhook.objects.exists()
    # and the holder may
    created = services.create_webhook(
        app=holder, target_url="http://127.0.0.1/h", events=[event.value]
    )
    assert list(created.webhook.events.values_list("event_type", flat=True)) == [event.value]


def test_update_refuses_an_event_the_app_lacks_and_changes_nothing(db, settings):
    # given a webhook of an app with MANAGE_PRODUCTS
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    app = app_services.create_app(name="catalogue", permissions=[PRODUCTS]).app
    webhook = services.create_webhook(
        app=app, target_url="http://127.0.0.1/h", events=["PRODUCT_UPDATED"]
    ).webhook
    # when it asks for VENDOR_APPROVED too
    with pytest.raises(ValidationError) as refused:
        services.update_webhook(
            webhook=webhook, events=["PRODUCT_UPDATED", "VENDOR_APPROVED"], name="more"
        )
    # then
    assert refused.value.messages == [
        "The app lacks the permissions these events need: VENDOR_APPROVED "
        "(needs marketplace.manage_vendors)."
    ]
    webhook.refresh_from_db()
    assert webhook.name == ""
    assert list(webhook.events.values_list("event_type", flat=True)) == ["PRODUCT_UPDATED"]


def _fire_product_updated(product) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        PluginsManager(plugin_classes=[WebhookPlugin]).product_updated(product)


def test_an_app_that_lost_the_permission_gets_no_delivery(make_webhook, receiver, scheduled):
    # given a webhook subscribed to PRODUCT_UPDATED while its app held MANAGE_PRODUCTS, and a
    # second one whose app still holds it
    lost = make_webhook(["PRODUCT_UPDATED"])
    kept = make_webhook(["PRODUCT_UPDATED"])
    lost.app.permissions.clear()
    product = ProductFactory()
    # when the product changes
    _fire_product_updated(product)
    # then only the holder gets it
    assert list(EventDelivery.objects.values_list("webhook_id", "status")) == [(kept.pk, "success")]
    assert len(receiver.requests) == 1


def test_a_pending_delivery_is_not_sent_once_the_permission_is_gone(
    make_webhook, receiver, scheduled
):
    # given a delivery made while the app held MANAGE_PRODUCTS, not sent yet
    webhook = make_webhook(["PRODUCT_UPDATED"])
    with TestCase.captureOnCommitCallbacks(execute=False):
        PluginsManager(plugin_classes=[WebhookPlugin]).product_updated(ProductFactory())
    delivery = EventDelivery.objects.get()
    # when the app loses the permission before the worker sends it (or a retry resends it)
    webhook.app.permissions.clear()
    send_event_delivery.apply((delivery.pk,))
    # then nothing is sent, the delivery fails, and the log says why
    delivery.refresh_from_db()
    assert receiver.requests == []
    assert (delivery.status, delivery.next_attempt_at) == ("failed", None)
    assert list(delivery.attempts.values_list("status", "response")) == [
        (
            "failed",
            "Refused: the app lacks catalog.manage_products, which PRODUCT_UPDATED needs.",
        )
    ]
    # and sending it again does nothing more
    send_event_delivery.apply((delivery.pk,))
    assert delivery.attempts.count() == 1


def test_a_deactivated_permission_holder_still_gets_nothing(make_webhook, receiver, scheduled):
    make_webhook(["PRODUCT_UPDATED"], app_is_active=False)
    _fire_product_updated(ProductFactory())
    assert not EventDelivery.objects.exists()


def test_payloads_carry_no_private_metadata_or_commission(make_webhook, scheduled):
    # given subscribers and rows with private metadata and a commission rate
    make_webhook(["PRODUCT_UPDATED", "CATEGORY_UPDATED", "VENDOR_APPROVED"])
    vendor = VendorFactory(
        commission_rate=Decimal("0.1234"), private_metadata={"bank": "secret-vendor"}
    )
    product = ProductFactory(vendor=vendor, private_metadata={"cost": "secret-product"})
    category = CategoryFactory(private_metadata={"note": "secret-category"})
    manager = PluginsManager(plugin_classes=[WebhookPlugin])
    # when their events are raised
    with TestCase.captureOnCommitCallbacks(execute=False):
        manager.product_updated(product)
        manager.category_updated(category)
        manager.vendor_approved(vendor)
    # then no payload holds them
    bodies = list(EventPayload.objects.values_list("payload", flat=True))
    assert len(bodies) == 3
    for body in bodies:
        assert "secret-" not in body
        assert "private_metadata" not in body
        assert "0.1234" not in body
        assert "commission" not in body
    assert [json.loads(body)["event"] for body in bodies] == [
        "PRODUCT_UPDATED",
        "CATEGORY_UPDATED",
        "VENDOR_APPROVED",
    ]
