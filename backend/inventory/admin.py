"""Dashboard pages for warehouses and stock; variants get a stock inline here, because the
inventory app sits above the catalogue."""

from __future__ import annotations

from django.contrib import admin

from backend.catalog.admin import ProductVariantAdmin
from backend.catalog.models import ProductVariant

from .models import Stock, Warehouse


class StockInline(admin.TabularInline):
    model = Stock
    extra = 0
    fields = ("warehouse", "quantity", "quantity_allocated")
    readonly_fields = ("quantity_allocated",)
    autocomplete_fields = ("warehouse",)


class WarehouseStockInline(admin.TabularInline):
    model = Stock
    extra = 0
    fields = ("product_variant", "quantity", "quantity_allocated")
    readonly_fields = ("quantity_allocated",)
    autocomplete_fields = ("product_variant",)


@admin.register(Warehouse)
class WarehouseAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "vendor", "centre", "click_and_collect_option", "is_private")
    list_filter = ("click_and_collect_option", "is_private", "channels", "district")
    search_fields = ("name", "slug", "vendor__name", "centre__code", "centre__name")
    list_select_related = ("vendor", "centre")
    autocomplete_fields = ("vendor",)
    filter_horizontal = ("channels",)


@admin.register(Stock)
class StockAdmin(admin.ModelAdmin):
    list_display = ("product_variant", "warehouse", "quantity", "quantity_allocated")
    list_filter = ("warehouse",)
    search_fields = ("product_variant__sku", "product_variant__product__name", "warehouse__name")
    list_select_related = ("product_variant", "warehouse")
    autocomplete_fields = ("product_variant", "warehouse")
    readonly_fields = ("quantity_allocated",)


class ProductVariantWithStockAdmin(ProductVariantAdmin):
    inlines = (*ProductVariantAdmin.inlines, StockInline)


admin.site.unregister(ProductVariant)
admin.site.register(ProductVariant, ProductVariantWithStockAdmin)
