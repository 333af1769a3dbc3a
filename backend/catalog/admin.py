"""Dashboard pages for the catalogue.

Categories, products and variants are written through their services (`services/categories.py`,
`products.py`, `variants.py`): the same validation, tree paths, search index, cache version and
plugin hooks (webhooks) as the API. Everything without a domain function here (product types,
attributes, collections, media, listings, translations, link rows) is shown read-only.
"""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin

from backend.core.admin_base import (
    ReadOnlyAdmin,
    ReadOnlyInline,
    ServiceAdmin,
    changed_fields,
    register_read_only,
)

from . import models
from .services.categories import create_category, delete_category, update_category
from .services.products import create_product, delete_product, update_product
from .services.variants import create_variant, delete_variant, update_variant


class ProductVariantInline(ReadOnlyInline):
    model = models.ProductVariant
    fields = ("sku", "name", "track_inventory", "quantity_limit_per_customer", "sort_order")
    readonly_fields = fields
    show_change_link = True


class ProductChannelListingInline(ReadOnlyInline):
    model = models.ProductChannelListing
    fields = (
        "channel",
        "is_published",
        "published_at",
        "visible_in_listings",
        "available_for_purchase_at",
        "discounted_price_amount",
    )
    readonly_fields = fields


class ProductMediaInline(ReadOnlyInline):
    model = models.ProductMedia
    fields = ("image", "alt", "type", "external_url", "sort_order")
    readonly_fields = fields


class ProductTranslationInline(ReadOnlyInline):
    model = models.ProductTranslation
    fields = ("language_code", "name", "seo_title", "seo_description")
    readonly_fields = fields


class ProductVariantChannelListingInline(ReadOnlyInline):
    model = models.ProductVariantChannelListing
    fields = ("channel", "price_amount", "cost_price_amount")
    readonly_fields = fields


class ProductVariantTranslationInline(ReadOnlyInline):
    model = models.ProductVariantTranslation
    fields = ("language_code", "name")
    readonly_fields = fields


# The fields `update_product` accepts; the form shows them, the rest is read-only.
PRODUCT_FIELDS = (
    "name",
    "slug",
    "category",
    "description",
    "seo_title",
    "seo_description",
    "weight",
    "rating",
    "external_reference",
)


@admin.register(models.Product)
class ProductAdmin(ServiceAdmin):
    list_display = ("name", "slug", "vendor", "product_type", "category", "updated_at")
    list_filter = ("product_type", "category", "vendor__status", "search_index_dirty")
    search_fields = ("name", "slug", "variants__sku", "vendor__name", "external_reference")
    list_select_related = ("vendor", "product_type", "category")
    autocomplete_fields = ("vendor", "category", "product_type")
    prepopulated_fields = {"slug": ("name",)}
    fields = (
        "vendor",
        "product_type",
        *PRODUCT_FIELDS,
        "default_variant",
        "search_document",
        "search_index_dirty",
        "created_at",
        "updated_at",
    )
    readonly_fields = (
        "default_variant",
        "search_document",
        "search_index_dirty",
        "created_at",
        "updated_at",
    )
    inlines = (
        ProductVariantInline,
        ProductChannelListingInline,
        ProductMediaInline,
        ProductTranslationInline,
    )
    create_service = staticmethod(create_product)
    update_service = staticmethod(update_product)
    delete_service = staticmethod(delete_product)

    def get_readonly_fields(self, request, obj=None):
        # A product stays with its vendor and type (the API cannot move it either).
        return (*self.readonly_fields, "vendor", "product_type") if obj else self.readonly_fields

    def create_through_service(self, request, form):
        data = form.cleaned_data
        return create_product(
            vendor=data["vendor"],
            product_type=data["product_type"],
            **{name: data[name] for name in PRODUCT_FIELDS},
        )

    def update_through_service(self, request, obj, form):
        return update_product(product=obj, **changed_fields(form, PRODUCT_FIELDS))

    def delete_through_service(self, request, obj):
        delete_product(product=obj)


# The fields `update_variant` accepts.
VARIANT_FIELDS = (
    "sku",
    "name",
    "track_inventory",
    "weight",
    "quantity_limit_per_customer",
    "external_reference",
)


@admin.register(models.ProductVariant)
class ProductVariantAdmin(ServiceAdmin):
    list_display = ("__str__", "sku", "product", "track_inventory")
    list_filter = ("track_inventory", "product__product_type")
    search_fields = ("sku", "name", "product__name", "external_reference")
    list_select_related = ("product",)
    autocomplete_fields = ("product",)
    fields = ("product", *VARIANT_FIELDS, "sort_order", "created_at", "updated_at")
    readonly_fields = ("sort_order", "created_at", "updated_at")
    inlines: ClassVar[tuple[type[InlineModelAdmin], ...]] = (
        ProductVariantChannelListingInline,
        ProductVariantTranslationInline,
    )
    create_service = staticmethod(create_variant)
    update_service = staticmethod(update_variant)
    delete_service = staticmethod(delete_variant)

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "product") if obj else self.readonly_fields

    def create_through_service(self, request, form):
        data = form.cleaned_data
        return create_variant(
            product=data["product"], **{name: data[name] for name in VARIANT_FIELDS}
        )

    def update_through_service(self, request, obj, form):
        return update_variant(variant=obj, **changed_fields(form, VARIANT_FIELDS))

    def delete_through_service(self, request, obj):
        delete_variant(variant=obj)


class CategoryTranslationInline(ReadOnlyInline):
    model = models.CategoryTranslation
    fields = ("language_code", "name", "seo_title", "seo_description")
    readonly_fields = fields


# The fields `create_category` and `update_category` accept.
CATEGORY_FIELDS = (
    "name",
    "slug",
    "parent",
    "description",
    "seo_title",
    "seo_description",
    "background_image_alt",
)


def _background_image(form: forms.ModelForm):
    """The uploaded file, None when cleared (Django's False), the stored file when unchanged."""
    image = form.cleaned_data.get("background_image")
    return None if image is False else image


@admin.register(models.Category)
class CategoryAdmin(ServiceAdmin):
    list_display = ("name", "slug", "parent", "level", "tree_path")
    list_filter = ("level",)
    search_fields = ("name", "slug")
    fields = (
        *CATEGORY_FIELDS,
        "background_image",
        "description_plaintext",
        "level",
        "tree_path",
        "metadata",
        "private_metadata",
    )
    readonly_fields = (
        "description_plaintext",
        "level",
        "tree_path",
        "metadata",
        "private_metadata",
    )
    autocomplete_fields = ("parent",)
    inlines = (CategoryTranslationInline,)
    create_service = staticmethod(create_category)
    update_service = staticmethod(update_category)
    delete_service = staticmethod(delete_category)

    def create_through_service(self, request, form):
        data = form.cleaned_data
        return create_category(
            **{name: data[name] for name in CATEGORY_FIELDS},
            background_image=_background_image(form) or None,
        )

    def update_through_service(self, request, obj, form):
        changes = changed_fields(form, CATEGORY_FIELDS)
        if "background_image" in form.changed_data:
            changes["background_image"] = _background_image(form)
        # A new parent moves the category with its whole subtree (tree paths and levels).
        return update_category(category=obj, **changes)

    def delete_through_service(self, request, obj):
        delete_category(category=obj)


class AttributeProductInline(ReadOnlyInline):
    model = models.AttributeProduct
    fields = ("attribute", "sort_order")
    readonly_fields = fields


class AttributeVariantInline(ReadOnlyInline):
    model = models.AttributeVariant
    fields = ("attribute", "variant_selection", "sort_order")
    readonly_fields = fields


@admin.register(models.ProductType)
class ProductTypeAdmin(ReadOnlyAdmin):
    list_display = ("name", "slug", "has_variants", "is_assisted_service", "vat_rate")
    list_filter = ("has_variants", "is_shipping_required", "is_assisted_service")
    search_fields = ("name", "slug")
    inlines = (AttributeProductInline, AttributeVariantInline)


class AttributeValueInline(ReadOnlyInline):
    model = models.AttributeValue
    fields = ("name", "slug", "value", "sort_order")
    readonly_fields = fields


@admin.register(models.Attribute)
class AttributeAdmin(ReadOnlyAdmin):
    list_display = ("name", "slug", "input_type", "value_required")
    list_filter = ("input_type", "value_required", "filterable_in_storefront")
    search_fields = ("name", "slug")
    inlines = (AttributeValueInline,)


@admin.register(models.AttributeValue)
class AttributeValueAdmin(ReadOnlyAdmin):
    list_display = ("name", "slug", "attribute")
    list_filter = ("attribute",)
    search_fields = ("name", "slug", "attribute__name")


@admin.register(models.ProductMedia)
class ProductMediaAdmin(ReadOnlyAdmin):
    list_display = ("pk", "product", "type", "alt", "sort_order")
    list_filter = ("type",)
    search_fields = ("product__name", "alt")


@admin.register(models.Thumbnail)
class ThumbnailAdmin(ReadOnlyAdmin):
    list_display = ("media", "size", "format")
    list_filter = ("size", "format")
    search_fields = ("media__product__name",)


class CollectionProductInline(ReadOnlyInline):
    model = models.CollectionProduct
    fields = ("product", "sort_order")
    readonly_fields = fields


class CollectionChannelListingInline(ReadOnlyInline):
    model = models.CollectionChannelListing
    fields = ("channel", "is_published", "published_at")
    readonly_fields = fields


@admin.register(models.Collection)
class CollectionAdmin(ReadOnlyAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    list_filter = ("channel_listings__channel", "channel_listings__is_published")
    inlines = (CollectionProductInline, CollectionChannelListingInline)


@admin.register(models.ProductVariantChannelListing)
class ProductVariantChannelListingAdmin(ReadOnlyAdmin):
    list_display = ("variant", "channel", "price_amount", "cost_price_amount")
    list_filter = ("channel",)
    search_fields = ("variant__sku", "variant__product__name")


# Translation and link rows are shown inline above; they are listed too, for search.
register_read_only(
    models.ProductTranslation,
    search_fields=("name", "product__name"),
    list_filter=("language_code",),
)
register_read_only(
    models.ProductVariantTranslation,
    search_fields=("name", "product_variant__sku"),
    list_filter=("language_code",),
)
register_read_only(
    models.CategoryTranslation,
    search_fields=("name", "category__name"),
    list_filter=("language_code",),
)
register_read_only(
    models.CollectionTranslation,
    search_fields=("name", "collection__name"),
    list_filter=("language_code",),
)
register_read_only(
    models.AttributeTranslation,
    search_fields=("name", "attribute__name"),
    list_filter=("language_code",),
)
register_read_only(
    models.AttributeValueTranslation,
    search_fields=("name", "attribute_value__name"),
    list_filter=("language_code",),
)
register_read_only(
    models.ProductChannelListing,
    search_fields=("product__name",),
    list_filter=("channel", "is_published"),
)
register_read_only(
    models.CollectionChannelListing,
    search_fields=("collection__name",),
    list_filter=("channel", "is_published"),
)
register_read_only(
    models.CollectionProduct,
    search_fields=("product__name", "collection__name"),
    list_filter=("collection",),
)
register_read_only(
    models.AssignedProductAttributeValue,
    search_fields=("product__name",),
    list_filter=("value__attribute",),
)
register_read_only(
    models.AssignedVariantAttributeValue,
    search_fields=("variant__sku",),
    list_filter=("value__attribute",),
)
register_read_only(
    models.AttributeProduct, search_fields=("attribute__name",), list_filter=("product_type",)
)
register_read_only(
    models.AttributeVariant,
    search_fields=("attribute__name",),
    list_filter=("product_type", "variant_selection"),
)
