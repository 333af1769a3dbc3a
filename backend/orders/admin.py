"""Orders in the back office: read-only pages; orders change only through the order services
(confirm, cancel, fulfil, mark as paid), which keep stock, events and hooks in step."""

from __future__ import annotations

from django.contrib import admin

from backend.core.admin_base import ReadOnlyAdmin, ReadOnlyInline, register_read_only

from .models import Fulfillment, FulfillmentLine, Order, OrderEvent, OrderLine, VendorOrder


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = ("product_name", "variant_name", "vendor", "quantity", "quantity_fulfilled")
    readonly_fields = fields


class VendorOrderInline(ReadOnlyInline):
    model = VendorOrder
    fields = ("vendor", "status", "subtotal_gross_amount", "shipping_price_gross_amount")
    readonly_fields = fields


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    fields = ("date", "type", "user", "parameters")
    readonly_fields = fields


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ("number", "status", "charge_status", "total_gross_amount", "created_at")
    list_filter = ("status", "charge_status", "channel")
    search_fields = ("number", "customer_phone", "user_email", "user__phone")
    list_select_related = ("channel",)
    inlines = (VendorOrderInline, OrderLineInline, OrderEventInline)


register_read_only(
    VendorOrder, search_fields=("order__number", "vendor__name"), list_filter=("status",)
)
register_read_only(
    OrderLine,
    search_fields=("order__number", "product_name", "product_sku"),
    list_filter=("vendor",),
)
register_read_only(OrderEvent, search_fields=("order__number",), list_filter=("type",))
register_read_only(
    Fulfillment, search_fields=("order__number", "tracking_number"), list_filter=("status",)
)
register_read_only(
    FulfillmentLine,
    search_fields=("order_line__product_name",),
    list_filter=("fulfillment__status",),
)
