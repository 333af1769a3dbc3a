"""Each hook stores one payload of its event, in the documented envelope and shape.

The checkout hooks are not raised by any code yet: their payload builders are placeholders until
the checkout lands, and the test below fails as soon as code raises one, so that its payload is
then tested on real rows (the order hooks are, below).
"""

from __future__ import annotations

import ast
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from graphql_relay import to_global_id

from backend.checkout.create import create_checkout
from backend.orders.models import Fulfillment, FulfillmentLine
from backend.orders.placement import place_order
from plugins.framework.base import EVENT_HOOKS
from plugins.framework.manager import PluginsManager
from plugins.webhook.event_types import HOOK_EVENTS, WebhookEventAsyncType
from plugins.webhook.models import EventDelivery, EventPayload
from plugins.webhook.plugin import WebhookPlugin
from tests.backend.orders.drafts import ADDRESS, build_draft
from tests.factories import (
    CategoryFactory,
    ChannelFactory,
    ProductChannelListingFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
    StockFactory,
    VendorFactory,
)


def _product():
    product = ProductFactory(name="নকশিকাঁথা", slug="nakshi-katha")
    return (product,), to_global_id("Product", product.pk)


def _product_deleted():
    product = ProductFactory()
    return (product, [7, 8]), to_global_id("Product", product.pk)


def _variant():
    variant = ProductVariantFactory()
    return (variant,), to_global_id("ProductVariant", variant.pk)


def _category():
    category = CategoryFactory()
    return (category,), to_global_id("Category", category.pk)


def _stock():
    stock = StockFactory()
    return (stock,), to_global_id("Stock", stock.pk)


def _vendor():
    vendor = VendorFactory()
    return (vendor,), to_global_id("Vendor", vendor.pk)


def _order():
    channel = ChannelFactory()
    order = place_order(
        build_draft(
            channel, [(ProductVariantFactory(), 2, Decimal("115.00"))], shipping_address=ADDRESS
        ),
        manager=PluginsManager(plugin_classes=[]),
    )
    return (order,), to_global_id("Order", str(order.pk))


def _checkout():
    ChannelFactory()
    info = create_checkout(
        requestor=None,
        channel_slug="bd",
        lines=[],
        email="karim@example.com",
        manager=PluginsManager(plugin_classes=[]),
    )
    return (info.checkout,), to_global_id("Checkout", str(info.token))


def _fulfillment():
    (order,), _ = _order()
    line = order.lines.get()
    fulfillment = Fulfillment.objects.create(
        order=order, vendor_order=line.vendor_order, fulfillment_order=1, tracking_number="EB1"
    )
    FulfillmentLine.objects.create(fulfillment=fulfillment, order_line=line, quantity=2)
    return (fulfillment,), to_global_id("Fulfillment", fulfillment.pk)


def _notify():
    return ("account_confirmation", {"phone": "+8801711000000"}), None


ARGUMENTS = {
    "product_created": _product,
    "product_updated": _product,
    "product_deleted": _product_deleted,
    "product_variant_created": _variant,
    "product_variant_updated": _variant,
    "product_variant_deleted": _variant,
    "category_created": _category,
    "category_updated": _category,
    "category_deleted": _category,
    "product_variant_stock_updated": _stock,
    "product_variant_out_of_stock": _stock,
    "product_variant_back_in_stock": _stock,
    "vendor_approved": _vendor,
    "notify": _notify,
    "order_created": _order,
    "order_confirmed": _order,
    "order_fully_paid": _order,
    "order_cancelled": _order,
    "order_fulfilled": _order,
    "fulfillment_created": _fulfillment,
    "checkout_created": _checkout,
    "checkout_updated": _checkout,
}
# Hooks no code raises yet (see the module docstring).
NOT_RAISED_YET: set[str] = set()
ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_PACKAGES = ("backend", "storefront_api", "plugins")


def attributes_used_in_production() -> set[str]:
    """The name of every `something.name` the production packages read (a hook is called as
    `manager.hook(...)` or handed on as `manager.hook`)."""
    used = set()
    for package in PRODUCTION_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute):
                    used.add(node.attr)
    return used


def test_every_event_hook_raises_an_event():
    # given the framework's hooks
    # when compared with the webhook plugin's event map and this test's tables
    # then every hook (and notify) has an event, and a case here or a place among those not
    # raised yet
    assert set(HOOK_EVENTS) == {*EVENT_HOOKS, "notify"}
    assert set(ARGUMENTS) | NOT_RAISED_YET == set(HOOK_EVENTS)
    assert set(ARGUMENTS) & NOT_RAISED_YET == set()


def test_every_hook_with_a_payload_is_raised_by_production_code():
    # given every attribute the production packages use
    called = attributes_used_in_production()
    # then the catalogue and marketplace hooks are raised (the scan sees hook calls) ...
    assert {
        "product_created",
        "product_updated",
        "product_deleted",
        "product_variant_created",
        "product_variant_updated",
        "category_created",
        "product_variant_stock_updated",
        "product_variant_out_of_stock",
        "product_variant_back_in_stock",
        "vendor_approved",
    } <= called
    # ... and so are the checkout and order ones, whose payloads are tested above on real rows
    assert {"checkout_created", "checkout_updated", "order_created", "order_confirmed"} <= called
    assert called & NOT_RAISED_YET == set()


@pytest.mark.parametrize("hook", sorted(ARGUMENTS))
def test_hook_stores_its_event_payload(make_webhook, django_capture_on_commit_callbacks, hook):
    # given a webhook subscribed to the hook's event
    event = HOOK_EVENTS[hook]
    webhook = make_webhook([event.value])
    args, expected_id = ARGUMENTS[hook]()
    manager = PluginsManager(plugin_classes=[WebhookPlugin])
    # when the hook runs
    with django_capture_on_commit_callbacks(execute=False):
        getattr(manager, hook)(*args)
    # then one payload in the envelope, and one delivery of that event to the webhook
    payload = json.loads(EventPayload.objects.get().payload)
    assert set(payload) == {"event", "issued_at", "version", "data"}
    assert payload["event"] == event.value
    assert payload["version"] == 2
    assert dt.datetime.fromisoformat(payload["issued_at"]).tzinfo is not None
    if expected_id is not None:
        assert payload["data"]["id"] == expected_id
    delivery = EventDelivery.objects.get()
    assert (delivery.webhook_id, delivery.event_type) == (webhook.pk, event.value)


def test_product_payload_shape(make_webhook, django_capture_on_commit_callbacks):
    # given a listed product with a priced variant
    make_webhook([WebhookEventAsyncType.PRODUCT_UPDATED.value])
    channel = ChannelFactory()
    product = ProductFactory(name="নকশিকাঁথা", slug="nakshi-katha", weight=Decimal("0.750"))
    ProductChannelListingFactory(
        product=product, channel=channel, discounted_price_amount=Decimal("1250.00")
    )
    variant = ProductVariantFactory(product=product, sku="NK-1", name="Large")
    ProductVariantChannelListingFactory(
        variant=variant,
        channel=channel,
        price_amount=Decimal("1250.00"),
        discounted_price_amount=Decimal("1100.50"),
    )
    # when the product is announced
    with django_capture_on_commit_callbacks(execute=False):
        PluginsManager(plugin_classes=[WebhookPlugin]).product_updated(product)
    # then the data names the product, its vendor and category by global id, prices as strings
    data = json.loads(EventPayload.objects.get().payload)["data"]
    assert data["id"] == to_global_id("Product", product.pk)
    assert (data["name"], data["slug"], data["weight"]) == ("নকশিকাঁথা", "nakshi-katha", "0.750")
    assert data["vendor"] == {
        "id": to_global_id("Vendor", product.vendor.pk),
        "name": product.vendor.name,
        "slug": product.vendor.slug,
    }
    assert data["category"]["id"] == to_global_id("Category", product.category.pk)
    assert data["product_type"]["id"] == to_global_id("ProductType", product.product_type.pk)
    [listing] = data["channel_listings"]
    assert listing["channel"] == "bd"
    assert listing["currency"] == "BDT"
    assert listing["discounted_price_amount"] == "1250.00"
    [variant_data] = data["variants"]
    assert variant_data["id"] == to_global_id("ProductVariant", variant.pk)
    assert variant_data["sku"] == "NK-1"
    assert variant_data["channel_listings"] == [
        {
            "channel": "bd",
            "currency": "BDT",
            "price_amount": "1250.00",
            "discounted_price_amount": "1100.50",
        }
    ]


def test_payload_keeps_bangla_as_utf8(make_webhook, django_capture_on_commit_callbacks):
    # given a product with a Bangla name
    make_webhook([WebhookEventAsyncType.PRODUCT_CREATED.value])
    product = ProductFactory(name="নকশিকাঁথা")
    # when announced
    with django_capture_on_commit_callbacks(execute=False):
        PluginsManager(plugin_classes=[WebhookPlugin]).product_created(product)
    # then the body holds the text itself, not \\u escapes, in compact JSON
    body = EventPayload.objects.get().payload
    assert "নকশিকাঁথা" in body
    assert ", " not in body


def test_deleted_product_payload_needs_no_rows(make_webhook, django_capture_on_commit_callbacks):
    # given a product that has just been deleted (its variant ids kept by the caller)
    make_webhook([WebhookEventAsyncType.PRODUCT_DELETED.value])
    product = ProductFactory()
    pk = product.pk
    product.delete()
    product.pk = pk
    # when the deletion is announced
    with django_capture_on_commit_callbacks(execute=False):
        PluginsManager(plugin_classes=[WebhookPlugin]).product_deleted(product, [11, 12])
    # then the payload names the product and its variants by global id
    data = json.loads(EventPayload.objects.get().payload)["data"]
    assert data["id"] == to_global_id("Product", pk)
    assert data["variants"] == [
        {"id": to_global_id("ProductVariant", 11)},
        {"id": to_global_id("ProductVariant", 12)},
    ]


def test_vendor_payload(make_webhook, django_capture_on_commit_callbacks):
    # given an approved vendor
    make_webhook([WebhookEventAsyncType.VENDOR_APPROVED.value])
    vendor = VendorFactory(commission_rate=Decimal("0.0500"))
    # when its approval is announced
    with django_capture_on_commit_callbacks(execute=False):
        PluginsManager(plugin_classes=[WebhookPlugin]).vendor_approved(vendor)
    # then the data carries its status and its centre, and nothing the API shows no one: no
    # commission rate, no approval time (private metadata is never in a payload)
    data = json.loads(EventPayload.objects.get().payload)["data"]
    assert sorted(data) == ["centre", "id", "metadata", "name", "name_bn", "slug", "status"]
    assert data["status"] == "APPROVED"
    assert data["centre"]["id"] == to_global_id("Centre", vendor.centre.pk)
    assert "0.0500" not in EventPayload.objects.get().payload


def test_order_payload_shape(make_webhook, django_capture_on_commit_callbacks):
    # given a placed order of two units at 115 with shipping 60
    make_webhook([WebhookEventAsyncType.ORDER_CREATED.value])
    (order,), order_id = _order()
    line = order.lines.get()
    # when it is announced
    with django_capture_on_commit_callbacks(execute=False):
        PluginsManager(plugin_classes=[WebhookPlugin]).order_created(order)
    # then the data is Saleor's order: number, statuses, exact totals, addresses, lines and
    # Haat's vendor parts
    data = json.loads(EventPayload.objects.get().payload)["data"]
    assert (data["id"], data["number"], data["status"]) == (
        order_id,
        str(order.number),
        "UNFULFILLED",
    )
    assert (data["charge_status"], data["channel"], data["currency"]) == ("NONE", "bd", "BDT")
    assert data["total"] == {
        "net_amount": "252.17",
        "gross_amount": "290.00",
        "tax_amount": "37.83",
    }
    assert data["shipping_address"]["postal_code"] == "1341"
    [line_data] = data["lines"]
    assert line_data["id"] == to_global_id("OrderLine", str(line.pk))
    assert (line_data["quantity"], line_data["unit_price"]["gross_amount"]) == (2, "115.00")
    [part] = data["vendor_orders"]
    assert part["vendor"]["id"] == to_global_id("Vendor", line.vendor_id)
    assert part["lines"] == [{"id": line_data["id"]}]
    assert part["total"]["gross_amount"] == "290.00"
