"""The JSON body of each webhook event: one documented, stable shape per event.

Every body is an envelope

    {"event": "PRODUCT_CREATED", "issued_at": "2026-01-01T06:00:00.123456+00:00", "version": 1,
     "data": {...}}

`data` describes the object with Saleor's legacy webhook field names (snake_case): `id` is the
GraphQL global id the API uses (base64 of `Type:pk`), money is a decimal string ("1250.00"),
never a float, times are ISO-8601 in UTC. A new field may be added within a version; a renamed or
removed field raises `version`. The body is built once per event and shared by every webhook.

Only apps holding the event's permission receive it (`event_types.EVENT_PERMISSIONS`), and `data`
holds nothing such an app could not read through the API with that permission: public
`metadata`, never private metadata; no vendor commission rate. What each event's `data` has:

- PRODUCT_CREATED/UPDATED (MANAGE_PRODUCTS): id, name, slug, description(_plaintext), seo_*,
  weight, external_reference, metadata, vendor {id name slug}, product_type, category,
  channel_listings, variants, created_at, updated_at. PRODUCT_DELETED: id, name, slug,
  vendor {id}, variants [{id}].
- PRODUCT_VARIANT_CREATED/UPDATED (MANAGE_PRODUCTS): sku, name, track_inventory,
  quantity_limit_per_customer, weight, external_reference, metadata, channel_listings, times,
  product {id name slug vendor}. PRODUCT_VARIANT_DELETED: id, sku, name, product {id}.
- PRODUCT_VARIANT_STOCK_UPDATED/OUT_OF_STOCK/BACK_IN_STOCK (MANAGE_PRODUCTS): id, quantity,
  quantity_allocated, warehouse {id name slug}, product_variant {id sku name product}.
- CATEGORY_* (MANAGE_PRODUCTS): id, name, slug, description, level, parent {id}, metadata,
  updated_at.
- VENDOR_APPROVED (MANAGE_VENDORS): id, name, name_bn, slug, status, centre {id code name},
  metadata.
- CHECKOUT_* (MANAGE_CHECKOUTS): id and the common fields the object has (`_GENERIC_FIELDS`),
  channel, metadata.
- ORDER_CREATED/CONFIRMED/FULLY_PAID/CANCELLED/FULFILLED (MANAGE_ORDERS): id, number, status,
  origin, channel, times, user {id}, user_email, customer_phone, language_code, customer_note,
  currency, subtotal/shipping_price/total/undiscounted_total {net_amount gross_amount
  tax_amount}, total_charged_amount, charge_status, authorize_status, voucher_code,
  discount_amount, weight, shipping_method_name, collection_point, centre, billing_address,
  shipping_address, metadata, lines [...], vendor_orders [{id vendor status subtotal
  shipping_price total lines [{id}]}].
- FULFILLMENT_CREATED (MANAGE_ORDERS): id, fulfillment_order, status, tracking_number,
  created_at, metadata, vendor, lines [{id quantity order_line warehouse}], order (as above).
- NOTIFY_USER (MANAGE_USERS): notify_event, channel, payload (the notify event's data).

Version 2: VENDOR_APPROVED lost `commission_rate` and `approved_at` (no API field shows them).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone
from graphql_relay import to_global_id

from .event_types import WebhookEventAsyncType

PAYLOAD_VERSION = 2

Data = dict[str, Any]


class PayloadEncoder(json.JSONEncoder):
    """Decimals as strings (exact money), times as ISO-8601, UUIDs as strings."""

    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return str(o)
        if isinstance(o, dt.datetime | dt.date | dt.time):
            return o.isoformat()
        if isinstance(o, uuid.UUID):
            return str(o)
        return super().default(o)


def global_id(type_name: str, pk: Any) -> str | None:
    return to_global_id(type_name, pk) if pk is not None else None


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- catalogue --------------------------------------------------------------------------------


def _vendor_reference(vendor: Any) -> Data:
    return {"id": global_id("Vendor", vendor.pk), "name": vendor.name, "slug": vendor.slug}


def _category_reference(category: Any | None) -> Data | None:
    if category is None:
        return None
    return {"id": global_id("Category", category.pk), "name": category.name, "slug": category.slug}


def _variant_listings(variant: Any) -> list[Data]:
    return [
        {
            "channel": listing.channel.slug,
            "currency": listing.currency,
            "price_amount": _money(listing.price_amount),
            "discounted_price_amount": _money(listing.discounted_price_amount),
        }
        for listing in variant.channel_listings.all()
    ]


def _variant_fields(variant: Any) -> Data:
    return {
        "id": global_id("ProductVariant", variant.pk),
        "sku": variant.sku,
        "name": variant.name,
        "track_inventory": variant.track_inventory,
        "quantity_limit_per_customer": variant.quantity_limit_per_customer,
        "weight": _money(variant.weight),
        "external_reference": variant.external_reference,
        "metadata": variant.metadata,
        "channel_listings": _variant_listings(variant),
        "created_at": _when(variant.created_at),
        "updated_at": _when(variant.updated_at),
    }


def product_data(product: Any) -> Data:
    """Product with vendor, type, category, channel listings and variants (3 queries)."""
    from backend.catalog.models import Product

    product = (
        Product.objects.select_related("vendor", "product_type", "category")
        .prefetch_related("channel_listings__channel", "variants__channel_listings__channel")
        .get(pk=product.pk)
    )
    return {
        "id": global_id("Product", product.pk),
        "name": product.name,
        "slug": product.slug,
        "description": product.description,
        "description_plaintext": product.description_plaintext,
        "seo_title": product.seo_title,
        "seo_description": product.seo_description,
        "weight": _money(product.weight),
        "external_reference": product.external_reference,
        "metadata": product.metadata,
        "vendor": _vendor_reference(product.vendor),
        "product_type": {
            "id": global_id("ProductType", product.product_type.pk),
            "name": product.product_type.name,
            "slug": product.product_type.slug,
            "is_assisted_service": product.product_type.is_assisted_service,
        },
        "category": _category_reference(product.category),
        "channel_listings": [
            {
                "channel": listing.channel.slug,
                "currency": listing.currency,
                "is_published": listing.is_published,
                "published_at": _when(listing.published_at),
                "visible_in_listings": listing.visible_in_listings,
                "available_for_purchase_at": _when(listing.available_for_purchase_at),
                "discounted_price_amount": _money(listing.discounted_price_amount),
            }
            for listing in product.channel_listings.all()
        ],
        "variants": [_variant_fields(variant) for variant in product.variants.all()],
        "created_at": _when(product.created_at),
        "updated_at": _when(product.updated_at),
    }


def product_deleted_data(product: Any, variant_ids: Sequence[int]) -> Data:
    """What is left of a deleted product: its ids, name and slug (no query: the rows are gone)."""
    return {
        "id": global_id("Product", product.pk),
        "name": product.name,
        "slug": product.slug,
        "vendor": {"id": global_id("Vendor", product.vendor_id)},
        "variants": [{"id": global_id("ProductVariant", pk)} for pk in variant_ids],
    }


def _product_reference(product: Any) -> Data:
    return {
        "id": global_id("Product", product.pk),
        "name": product.name,
        "slug": product.slug,
        "vendor": _vendor_reference(product.vendor),
    }


def variant_data(variant: Any) -> Data:
    """Variant with its channel listings and its product (2 queries)."""
    from backend.catalog.models import ProductVariant

    variant = (
        ProductVariant.objects.select_related("product__vendor")
        .prefetch_related("channel_listings__channel")
        .get(pk=variant.pk)
    )
    return {**_variant_fields(variant), "product": _product_reference(variant.product)}


def variant_deleted_data(variant: Any) -> Data:
    return {
        "id": global_id("ProductVariant", variant.pk),
        "sku": variant.sku,
        "name": variant.name,
        "product": {"id": global_id("Product", variant.product_id)},
    }


def category_data(category: Any) -> Data:
    """A category as the caller holds it (no query: a deleted category has no row to read)."""
    return {
        "id": global_id("Category", category.pk),
        "name": category.name,
        "slug": category.slug,
        "description": category.description,
        "level": category.level,
        "parent": {"id": global_id("Category", category.parent_id)} if category.parent_id else None,
        "metadata": category.metadata,
        "updated_at": _when(category.updated_at),
    }


def stock_data(stock: Any) -> Data:
    """Stock with its warehouse and variant (1 query, or none when the caller loaded them)."""
    from backend.inventory.models import Stock

    if stock.pk is not None:
        fresh = (
            Stock.objects.select_related("warehouse", "product_variant__product")
            .filter(pk=stock.pk)
            .first()
        )
        stock = fresh or stock
    variant = stock.product_variant
    return {
        "id": global_id("Stock", stock.pk),
        "quantity": stock.quantity,
        "quantity_allocated": stock.quantity_allocated,
        "warehouse": {
            "id": global_id("Warehouse", stock.warehouse.pk),
            "name": stock.warehouse.name,
            "slug": stock.warehouse.slug,
        },
        "product_variant": {
            "id": global_id("ProductVariant", variant.pk),
            "sku": variant.sku,
            "name": variant.name,
            "product": {
                "id": global_id("Product", variant.product_id),
                "name": variant.product.name,
                "slug": variant.product.slug,
            },
        },
    }


# --- marketplace ------------------------------------------------------------------------------


def vendor_data(vendor: Any) -> Data:
    """The vendor as `Vendor` reads through the API with MANAGE_VENDORS (the event's permission).
    Not its commission rate or approval time: no API field shows them to anyone."""
    from backend.marketplace.models import Vendor

    vendor = Vendor.objects.select_related("centre").get(pk=vendor.pk)
    return {
        "id": global_id("Vendor", vendor.pk),
        "name": vendor.name,
        "name_bn": vendor.name_bn,
        "slug": vendor.slug,
        "status": str(vendor.status).upper(),
        "centre": {
            "id": global_id("Centre", vendor.centre.pk),
            "code": vendor.centre.code,
            "name": vendor.centre.name,
        },
        "metadata": vendor.metadata,
    }


# --- checkout ---------------------------------------------------------------------------------

_GENERIC_FIELDS = (
    "status",
    "user_email",
    "currency",
    "total_gross_amount",
    "total_net_amount",
    "subtotal_gross_amount",
    "created_at",
    "updated_at",
)


def _generic_data(obj: Any, type_name: str, *, id_attribute: str = "pk") -> Data:
    """The object's global id and the common fields it has (the checkout issue refines it)."""
    data: Data = {"id": global_id(type_name, getattr(obj, id_attribute, None))}
    for name in _GENERIC_FIELDS:
        if hasattr(obj, name):
            data[name] = getattr(obj, name)
    channel = getattr(obj, "channel", None)
    if channel is not None:
        data["channel"] = getattr(channel, "slug", channel)
    if hasattr(obj, "metadata"):
        data["metadata"] = obj.metadata
    return data


def checkout_data(checkout: Any) -> Data:
    return _generic_data(checkout, "Checkout", id_attribute="token")


# --- orders -----------------------------------------------------------------------------------


def _taxed(obj: Any, prefix: str) -> Data:
    net = getattr(obj, f"{prefix}_net_amount")
    gross = getattr(obj, f"{prefix}_gross_amount")
    return {
        "net_amount": _money(net),
        "gross_amount": _money(gross),
        "tax_amount": _money(gross - net),
    }


def _address(address: Any | None) -> Data | None:
    if address is None:
        return None
    return {
        "first_name": address.first_name,
        "last_name": address.last_name,
        "company_name": address.company_name,
        "street_address_1": address.street_address_1,
        "street_address_2": address.street_address_2,
        "city": address.city,
        "city_area": address.city_area,
        "postal_code": address.postal_code,
        "country": address.country,
        "country_area": address.country_area,
        "phone": address.phone,
    }


def _order_line(line: Any) -> Data:
    return {
        "id": global_id("OrderLine", str(line.pk)),
        "product_name": line.product_name,
        "variant_name": line.variant_name,
        "product_sku": line.product_sku,
        "product_variant_id": line.product_variant_id,
        "vendor": {"id": global_id("Vendor", line.vendor_id)},
        "quantity": line.quantity,
        "quantity_fulfilled": line.quantity_fulfilled,
        "currency": line.currency,
        "unit_price": _taxed(line, "unit_price"),
        "total_price": _taxed(line, "total_price"),
        "undiscounted_unit_price": _taxed(line, "undiscounted_unit_price"),
        "tax_rate": str(line.tax_rate),
        "is_shipping_required": line.is_shipping_required,
    }


def _order_fields(order: Any, lines: list[Any], parts: list[Any]) -> Data:
    lines_by_part: dict[int, list[Any]] = {}
    for line in lines:
        lines_by_part.setdefault(line.vendor_order_id, []).append(line)
    return {
        "id": global_id("Order", str(order.pk)),
        "number": str(order.number),
        "status": str(order.status).upper().replace(" ", "_"),
        "origin": str(order.origin).upper(),
        "channel": order.channel.slug,
        "created_at": _when(order.created_at),
        "updated_at": _when(order.updated_at),
        "user_email": order.user_email,
        "customer_phone": order.customer_phone,
        "user": {"id": global_id("User", order.user_id)} if order.user_id else None,
        "language_code": order.language_code,
        "customer_note": order.customer_note,
        "currency": order.currency,
        "subtotal": _taxed(order, "subtotal"),
        "shipping_price": _taxed(order, "shipping_price"),
        "total": _taxed(order, "total"),
        "undiscounted_total": _taxed(order, "undiscounted_total"),
        "total_charged_amount": _money(order.total_charged_amount),
        "charge_status": str(order.charge_status).upper(),
        "authorize_status": str(order.authorize_status).upper(),
        "voucher_code": order.voucher_code or None,
        "discount_amount": _money(order.discount_amount),
        "weight": str(order.weight),
        "shipping_method_name": order.shipping_method_name or None,
        "collection_point": {
            "id": global_id("Warehouse", order.collection_point_id),
            "name": order.collection_point_name,
        }
        if order.collection_point_id
        else None,
        "centre": {"id": global_id("Centre", order.centre_id)} if order.centre_id else None,
        "billing_address": _address(order.billing_address),
        "shipping_address": _address(order.shipping_address),
        "metadata": order.metadata,
        "lines": [_order_line(line) for line in lines],
        "vendor_orders": [
            {
                "id": global_id("VendorOrder", part.pk),
                "vendor": {"id": global_id("Vendor", part.vendor_id), "name": part.vendor.name},
                "status": str(part.status).upper().replace(" ", "_"),
                "subtotal": _taxed(part, "subtotal"),
                "shipping_price": _taxed(part, "shipping_price"),
                "total": _taxed(part, "total"),
                "lines": [
                    {"id": global_id("OrderLine", str(line.pk))}
                    for line in lines_by_part.get(part.pk, [])
                ],
            }
            for part in parts
        ],
    }


def order_data(order: Any) -> Data:
    """The order as Saleor's webhook payloads describe one (snake_case), with Haat's vendor
    parts: ids, number, statuses, totals (gross, net, tax as strings), addresses, lines and
    vendor orders. Three queries: the order with its channel and addresses, its lines, its
    vendor parts with their vendors."""
    from backend.orders.models import Order

    fresh = (
        Order.objects.select_related("channel", "billing_address", "shipping_address")
        .filter(pk=order.pk)
        .first()
    )
    if fresh is None:  # deleted since: what the caller holds is all there is
        return {"id": global_id("Order", str(order.pk)), "number": str(order.number)}
    return _order_fields(
        fresh,
        list(fresh.lines.all()),
        list(fresh.vendor_orders.select_related("vendor")),
    )


def _warehouse_reference(stock: Any | None) -> Data | None:
    if stock is None:
        return None
    return {"id": global_id("Warehouse", stock.warehouse_id), "name": stock.warehouse.name}


def fulfillment_data(fulfillment: Any) -> Data:
    """A fulfilment with its lines (each naming its order line and stock) and its order."""
    from backend.orders.models import Fulfillment

    fresh = (
        Fulfillment.objects.select_related("vendor_order__vendor")
        .prefetch_related("lines__order_line", "lines__stock__warehouse")
        .get(pk=fulfillment.pk)
    )
    return {
        "id": global_id("Fulfillment", fresh.pk),
        "fulfillment_order": fresh.fulfillment_order,
        "status": str(fresh.status).upper(),
        "tracking_number": fresh.tracking_number,
        "created_at": _when(fresh.created_at),
        "metadata": fresh.metadata,
        "vendor": {
            "id": global_id("Vendor", fresh.vendor_order.vendor_id),
            "name": fresh.vendor_order.vendor.name,
        },
        "lines": [
            {
                "id": global_id("FulfillmentLine", line.pk),
                "quantity": line.quantity,
                "order_line": _order_line(line.order_line),
                "warehouse": _warehouse_reference(line.stock),
            }
            for line in fresh.lines.all()
        ],
        "order": order_data(fresh.order),
    }


def notify_data(event: str, payload: dict[str, Any], channel_slug: str | None) -> Data:
    return {"notify_event": event, "channel": channel_slug, "payload": payload}


# --- the envelope -----------------------------------------------------------------------------

# Which builder describes each event's object (the hook's arguments go to it).
DATA_BUILDERS: dict[WebhookEventAsyncType, Callable[..., Data]] = {
    WebhookEventAsyncType.PRODUCT_CREATED: product_data,
    WebhookEventAsyncType.PRODUCT_UPDATED: product_data,
    WebhookEventAsyncType.PRODUCT_DELETED: product_deleted_data,
    WebhookEventAsyncType.PRODUCT_VARIANT_CREATED: variant_data,
    WebhookEventAsyncType.PRODUCT_VARIANT_UPDATED: variant_data,
    WebhookEventAsyncType.PRODUCT_VARIANT_DELETED: variant_deleted_data,
    WebhookEventAsyncType.PRODUCT_VARIANT_STOCK_UPDATED: stock_data,
    WebhookEventAsyncType.PRODUCT_VARIANT_OUT_OF_STOCK: stock_data,
    WebhookEventAsyncType.PRODUCT_VARIANT_BACK_IN_STOCK: stock_data,
    WebhookEventAsyncType.CATEGORY_CREATED: category_data,
    WebhookEventAsyncType.CATEGORY_UPDATED: category_data,
    WebhookEventAsyncType.CATEGORY_DELETED: category_data,
    WebhookEventAsyncType.CHECKOUT_CREATED: checkout_data,
    WebhookEventAsyncType.CHECKOUT_UPDATED: checkout_data,
    WebhookEventAsyncType.ORDER_CREATED: order_data,
    WebhookEventAsyncType.ORDER_CONFIRMED: order_data,
    WebhookEventAsyncType.ORDER_FULLY_PAID: order_data,
    WebhookEventAsyncType.ORDER_CANCELLED: order_data,
    WebhookEventAsyncType.ORDER_FULFILLED: order_data,
    WebhookEventAsyncType.FULFILLMENT_CREATED: fulfillment_data,
    WebhookEventAsyncType.NOTIFY_USER: notify_data,
    WebhookEventAsyncType.VENDOR_APPROVED: vendor_data,
}


def build_payload(event_type: WebhookEventAsyncType | str, *args: Any) -> dict[str, Any]:
    """The envelope for one event; `args` are the hook's arguments."""
    event_type = WebhookEventAsyncType(event_type)
    return {
        "event": event_type.value,
        "issued_at": timezone.now().isoformat(),
        "version": PAYLOAD_VERSION,
        "data": DATA_BUILDERS[event_type](*args),
    }


def serialize_payload(payload: dict[str, Any]) -> str:
    """The exact body sent (and signed): compact JSON, UTF-8 text kept as it is."""
    return json.dumps(payload, cls=PayloadEncoder, ensure_ascii=False, separators=(",", ":"))
