"""Dashboard pages for warehouses and stock; variants get a stock inline here, because the
inventory app sits above the catalogue.

Stock is written through `backend.inventory.services` (rows locked in primary-key order, the
stock-updated, out-of-stock and back-in-stock hooks); the inlines and warehouses are read-only.
"""

from __future__ import annotations

from django.contrib import admin

from backend.catalog.admin import ProductVariantAdmin
from backend.catalog.models import ProductVariant
from backend.core.admin_base import ReadOnlyAdmin, ReadOnlyInline, ServiceAdmin, register_read_only

from .models import Allocation, Reservation, Stock, Warehouse
from .services import StockQuantity, create_stocks, delete_stocks, update_stocks


class StockInline(ReadOnlyInline):
    model = Stock
    fields = ("warehouse", "quantity", "quantity_allocated")
    readonly_fields = fields


class WarehouseStockInline(ReadOnlyInline):
    model = Stock
    fields = ("product_variant", "quantity", "quantity_allocated")
    readonly_fields = fields


@admin.register(Warehouse)
class WarehouseAdmin(ReadOnlyAdmin):
    list_display = ("name", "slug", "vendor", "centre", "click_and_collect_option", "is_private")
    list_filter = ("click_and_collect_option", "is_private", "channels", "district")
    search_fields = ("name", "slug", "vendor__name", "centre__code", "centre__name")
    list_select_related = ("vendor", "centre")


@admin.register(Stock)
class StockAdmin(ServiceAdmin):
    list_display = ("product_variant", "warehouse", "quantity", "quantity_allocated")
    list_filter = ("warehouse",)
    search_fields = ("product_variant__sku", "product_variant__product__name", "warehouse__name")
    list_select_related = ("product_variant", "warehouse")
    autocomplete_fields = ("product_variant", "warehouse")
    fields = ("product_variant", "warehouse", "quantity", "quantity_allocated")
    readonly_fields = ("quantity_allocated",)
    create_service = staticmethod(create_stocks)
    update_service = staticmethod(update_stocks)
    delete_service = staticmethod(delete_stocks)

    def get_readonly_fields(self, request, obj=None):
        # A stock row belongs to one variant in one warehouse; only its quantity changes.
        changeable = (*self.readonly_fields, "product_variant", "warehouse")
        return changeable if obj else self.readonly_fields

    def create_through_service(self, request, form):
        data = form.cleaned_data
        variant, warehouse = data["product_variant"], data["warehouse"]
        create_stocks(
            variant=variant, stocks=[StockQuantity(warehouse=warehouse, quantity=data["quantity"])]
        )
        return Stock.objects.get(product_variant=variant, warehouse=warehouse)

    def update_through_service(self, request, obj, form):
        update_stocks(
            variant=obj.product_variant,
            stocks=[StockQuantity(warehouse=obj.warehouse, quantity=form.cleaned_data["quantity"])],
        )
        return Stock.objects.get(pk=obj.pk)

    def delete_through_service(self, request, obj):
        delete_stocks(variant=obj.product_variant, warehouses=[obj.warehouse])


class ProductVariantWithStockAdmin(ProductVariantAdmin):
    inlines = (*ProductVariantAdmin.inlines, StockInline)


admin.site.unregister(ProductVariant)
admin.site.register(ProductVariant, ProductVariantWithStockAdmin)


# Reservations and allocations are written only by the checkout and order services (rows locked in
# primary-key order); the admin lists them for support.
register_read_only(
    Reservation,
    search_fields=("stock__product_variant__sku", "stock__warehouse__name"),
    list_filter=("stock__warehouse",),
)
register_read_only(
    Allocation,
    search_fields=("stock__product_variant__sku", "stock__warehouse__name"),
    list_filter=("stock__warehouse",),
)
