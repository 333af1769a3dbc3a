"""Dashboard pages for the catalogue. Saves refresh derived data (search index, cheapest prices)
through the services' helpers, since admin forms bypass the services."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from . import models
from .search import update_products_search_index
from .services.categories import check_category_parent, place_category_in_tree
from .services.listings import update_products_discounted_prices


class ProductVariantInline(admin.TabularInline):
    model = models.ProductVariant
    extra = 0
    fields = ("sku", "name", "track_inventory", "quantity_limit_per_customer", "sort_order")
    show_change_link = True


class ProductChannelListingInline(admin.TabularInline):
    model = models.ProductChannelListing
    extra = 0
    fields = (
        "channel",
        "is_published",
        "published_at",
        "visible_in_listings",
        "available_for_purchase_at",
        "discounted_price_amount",
    )
    readonly_fields = ("discounted_price_amount",)


class ProductMediaInline(admin.TabularInline):
    model = models.ProductMedia
    extra = 0
    fields = ("image", "alt", "type", "external_url", "sort_order")


class ProductTranslationInline(admin.TabularInline):
    model = models.ProductTranslation
    extra = 0
    fields = ("language_code", "name", "seo_title", "seo_description")


class ProductVariantChannelListingInline(admin.TabularInline):
    model = models.ProductVariantChannelListing
    extra = 0
    fields = ("channel", "price_amount", "cost_price_amount")


class ProductVariantTranslationInline(admin.TabularInline):
    model = models.ProductVariantTranslation
    extra = 0


@admin.register(models.Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "vendor", "product_type", "category", "updated_at")
    list_filter = ("product_type", "category", "vendor__status", "search_index_dirty")
    search_fields = ("name", "slug", "variants__sku", "vendor__name", "external_reference")
    list_select_related = ("vendor", "product_type", "category")
    autocomplete_fields = ("vendor", "category", "product_type")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("search_document", "search_index_dirty", "default_variant")
    exclude = ("search_vector",)
    inlines = (
        ProductVariantInline,
        ProductChannelListingInline,
        ProductMediaInline,
        ProductTranslationInline,
    )

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # Names, translations and SKUs changed in the form and its inlines: reindex once.
        update_products_search_index([form.instance.pk])
        update_products_discounted_prices([form.instance.pk])


@admin.register(models.ProductVariant)
class ProductVariantAdmin(admin.ModelAdmin):
    list_display = ("__str__", "sku", "product", "track_inventory")
    list_filter = ("track_inventory", "product__product_type")
    search_fields = ("sku", "name", "product__name", "external_reference")
    list_select_related = ("product",)
    autocomplete_fields = ("product",)
    inlines = (ProductVariantChannelListingInline, ProductVariantTranslationInline)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        update_products_search_index([form.instance.product_id])
        update_products_discounted_prices([form.instance.product_id])


class CategoryTranslationInline(admin.TabularInline):
    model = models.CategoryTranslation
    extra = 0


class CategoryAdminForm(forms.ModelForm):
    class Meta:
        model = models.Category
        fields = (
            "name",
            "slug",
            "parent",
            "description",
            "description_plaintext",
            "background_image",
            "background_image_alt",
            "seo_title",
            "seo_description",
            "metadata",
            "private_metadata",
        )

    def clean(self):
        cleaned_data = super().clean()
        # Raised as {"parent": ...}: the form shows it on the parent field.
        check_category_parent(category=self.instance, parent=cleaned_data.get("parent"))
        return cleaned_data


@admin.register(models.Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "parent", "level", "tree_path")
    list_filter = ("level",)
    search_fields = ("name", "slug")
    readonly_fields = ("level", "tree_path")
    autocomplete_fields = ("parent",)
    inlines = (CategoryTranslationInline,)

    form = CategoryAdminForm

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        # Level and tree path (of the category and, after a move, of its subtree) are derived:
        # the domain writes them, as for categories made through the API.
        place_category_in_tree(category=obj)


class AttributeProductInline(admin.TabularInline):
    model = models.AttributeProduct
    extra = 0
    autocomplete_fields = ("attribute",)


class AttributeVariantInline(admin.TabularInline):
    model = models.AttributeVariant
    extra = 0
    autocomplete_fields = ("attribute",)


@admin.register(models.ProductType)
class ProductTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "has_variants", "is_assisted_service", "vat_rate")
    list_filter = ("has_variants", "is_shipping_required", "is_assisted_service")
    search_fields = ("name", "slug")
    inlines = (AttributeProductInline, AttributeVariantInline)


class AttributeValueInline(admin.TabularInline):
    model = models.AttributeValue
    extra = 0


@admin.register(models.Attribute)
class AttributeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "input_type", "value_required")
    list_filter = ("input_type", "value_required", "filterable_in_storefront")
    search_fields = ("name", "slug")
    inlines = (AttributeValueInline,)


@admin.register(models.AttributeValue)
class AttributeValueAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "attribute")
    list_filter = ("attribute",)
    search_fields = ("name", "slug", "attribute__name")


@admin.register(models.ProductMedia)
class ProductMediaAdmin(admin.ModelAdmin):
    list_display = ("pk", "product", "type", "alt", "sort_order")
    list_filter = ("type",)
    search_fields = ("product__name", "alt")
    autocomplete_fields = ("product",)


@admin.register(models.Thumbnail)
class ThumbnailAdmin(admin.ModelAdmin):
    list_display = ("media", "size", "format")
    list_filter = ("size", "format")
    search_fields = ("media__product__name",)


class CollectionProductInline(admin.TabularInline):
    model = models.CollectionProduct
    extra = 0
    autocomplete_fields = ("product",)


class CollectionChannelListingInline(admin.TabularInline):
    model = models.CollectionChannelListing
    extra = 0


@admin.register(models.Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    list_filter = ("channel_listings__channel", "channel_listings__is_published")
    inlines = (CollectionProductInline, CollectionChannelListingInline)


@admin.register(models.ProductVariantChannelListing)
class ProductVariantChannelListingAdmin(admin.ModelAdmin):
    list_display = ("variant", "channel", "price_amount", "cost_price_amount")
    list_filter = ("channel",)
    search_fields = ("variant__sku", "variant__product__name")
    autocomplete_fields = ("variant",)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        update_products_discounted_prices([obj.variant.product_id])

    def delete_model(self, request, obj) -> None:
        product_id = obj.variant.product_id
        super().delete_model(request, obj)
        update_products_discounted_prices([product_id])


# Translation and link rows are edited inline above; they are listed too, for search.
for _model, _search in (
    (models.ProductTranslation, ("name", "product__name")),
    (models.ProductVariantTranslation, ("name", "product_variant__sku")),
    (models.CategoryTranslation, ("name", "category__name")),
    (models.CollectionTranslation, ("name", "collection__name")),
    (models.AttributeTranslation, ("name", "attribute__name")),
    (models.AttributeValueTranslation, ("name", "attribute_value__name")),
):
    admin.site.register(
        _model,
        type(
            f"{_model.__name__}Admin",
            (admin.ModelAdmin,),
            {"search_fields": _search, "list_filter": ("language_code",)},
        ),
    )

for _model, _search, _filter in (
    (models.ProductChannelListing, ("product__name",), ("channel", "is_published")),
    (models.CollectionChannelListing, ("collection__name",), ("channel", "is_published")),
    (models.CollectionProduct, ("product__name", "collection__name"), ("collection",)),
    (models.AssignedProductAttributeValue, ("product__name",), ("value__attribute",)),
    (models.AssignedVariantAttributeValue, ("variant__sku",), ("value__attribute",)),
    (models.AttributeProduct, ("attribute__name",), ("product_type",)),
    (models.AttributeVariant, ("attribute__name",), ("product_type", "variant_selection")),
):
    admin.site.register(
        _model,
        type(
            f"{_model.__name__}Admin",
            (admin.ModelAdmin,),
            {"search_fields": _search, "list_filter": _filter},
        ),
    )
