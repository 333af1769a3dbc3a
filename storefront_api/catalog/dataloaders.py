"""Loaders of the catalogue: each relation of a page of products, variants or categories is one
query, whatever the page size (DESIGN.md "No N+1")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import F, QuerySet, Value
from django.utils import timezone

from backend.catalog import models
from backend.catalog.selectors import (
    PRODUCT_LISTING_FIELDS,
    VARIANT_LISTING_FIELDS,
    collections_in_channel,
    variants_in_channel,
)
from backend.channels import models as channel_models
from backend.core.db import precompiled_rows
from backend.inventory.availability import available_quantity_subquery
from storefront_api.core.dataloaders import (
    DataLoader,
    ModelByIdLoader,
    TranslationByIdAndLanguageLoader,
    by_key,
    group_by,
    resolved,
)

from ..marketplace.dataloaders import VendorByIdLoader
from .context import channel_by_slug, user_can_manage_products
from .stock_dataloaders import AvailableQuantityByVariantIdAndChannelSlugLoader


class ChannelByIdLoader(ModelByIdLoader):
    model = channel_models.Channel


class CategoryByIdLoader(ModelByIdLoader):
    model = models.Category


class ProductTypeByIdLoader(ModelByIdLoader):
    model = models.ProductType


class ProductByIdLoader(ModelByIdLoader):
    """Products with their type's VAT rate (prices need it); visibility is the caller's."""

    model = models.Product

    def queryset(self) -> QuerySet:
        return models.Product.objects.annotate(vat_rate=F("product_type__vat_rate"))


def prime_products(context: Any, products: Iterable[models.Product]) -> None:
    """Seed ProductByIdLoader with product rows read along with their type
    (`select_related("product_type")`) and every column the API shows (all but
    `DEFERRED_PRODUCT_FIELDS`, as `products_in_channel` reads them): the type's VAT rate stands
    for the loader's annotation."""
    loader = ProductByIdLoader(context)
    for product in products:
        product.vat_rate = product.product_type.vat_rate
        loader.prime(product.pk, product)


class ProductVariantByIdLoader(ModelByIdLoader):
    model = models.ProductVariant

    def queryset(self) -> QuerySet:
        return models.ProductVariant.objects.annotate(
            vat_rate=F("product__product_type__vat_rate"),
            product_type_pk=F("product__product_type_id"),
        )


class CollectionByIdLoader(ModelByIdLoader):
    model = models.Collection


class AttributeByIdLoader(ModelByIdLoader):
    model = models.Attribute


class ChildrenByCategoryIdLoader(DataLoader[int, list]):
    def batch_load(self, keys: list[int]) -> list[list]:
        children = group_by(
            models.Category.objects.filter(parent_id__in=keys).order_by("name", "pk"),
            lambda category: category.parent_id,
        )
        return [children.get(key, []) for key in keys]


def _group_keys_by_channel(keys: list[tuple[int, str]]) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = defaultdict(list)
    for object_id, channel_slug in keys:
        grouped[channel_slug].append(object_id)
    return grouped


def product_listing_from_annotations(product: Any, channel: channel_models.Channel):
    """The channel listing read along with the product (`products_in_channel`), or None."""
    if getattr(product, "listing_id", None) is None:
        return None
    return models.ProductChannelListing(
        product_id=product.pk,
        channel_id=channel.pk,
        **{name: getattr(product, f"listing_{name}") for name in PRODUCT_LISTING_FIELDS},
    )


def prime_product_listings(context: Any, products: list, channel: channel_models.Channel) -> None:
    """Seed the listing loader from the product rows, so a page reads listings in no query."""
    loader = ProductChannelListingByProductIdAndChannelSlugLoader(context)
    categories = CategoryByIdLoader(context)
    vendors = VendorByIdLoader(context)
    for product in products:
        loader.prime((product.pk, channel.slug), product_listing_from_annotations(product, channel))
        # Rows read with select_related serve the category and vendor loaders too.
        cached = product._state.fields_cache
        if cached.get("category") is not None:
            categories.prime(product.category_id, cached["category"])
        if cached.get("vendor") is not None:
            vendors.prime(product.vendor_id, cached["vendor"])


class ProductChannelListingByProductIdAndChannelSlugLoader(DataLoader[tuple[int, str], Any]):
    def batch_load(self, keys: list[tuple[int, str]]) -> list:
        listings = by_key(
            models.ProductChannelListing.objects.filter(
                product_id__in={product_id for product_id, _ in keys},
                channel__slug__in={slug for _, slug in keys},
            ).select_related("channel"),
            lambda listing: (listing.product_id, listing.channel.slug),
        )
        return [listings.get(key) for key in keys]


class ChannelListingsByProductIdLoader(DataLoader[int, list]):
    def batch_load(self, keys: list[int]) -> list[list]:
        listings = group_by(
            models.ProductChannelListing.objects.filter(product_id__in=keys),
            lambda listing: listing.product_id,
        )
        return [listings.get(key, []) for key in keys]


class ChannelListingsByCollectionIdLoader(DataLoader[int, list]):
    def batch_load(self, keys: list[int]) -> list[list]:
        listings = group_by(
            models.CollectionChannelListing.objects.filter(collection_id__in=keys),
            lambda listing: listing.collection_id,
        )
        return [listings.get(key, []) for key in keys]


class VariantChannelListingByVariantIdAndChannelSlugLoader(DataLoader[tuple[int, str], Any]):
    def batch_load(self, keys: list[tuple[int, str]]) -> list:
        listings = by_key(
            models.ProductVariantChannelListing.objects.filter(
                variant_id__in={variant_id for variant_id, _ in keys},
                channel__slug__in={slug for _, slug in keys},
            ).select_related("channel"),
            lambda listing: (listing.variant_id, listing.channel.slug),
        )
        return [listings.get(key) for key in keys]


def variant_listing_from_annotations(variant: Any, channel: channel_models.Channel):
    if getattr(variant, "listing_id", None) is None:
        return None
    return models.ProductVariantChannelListing(
        variant_id=variant.pk,
        channel_id=channel.pk,
        **{name: getattr(variant, f"listing_{name}") for name in VARIANT_LISTING_FIELDS},
    )


def prime_variant_listings(context: Any, variants: list, channel: channel_models.Channel) -> None:
    loader = VariantChannelListingByVariantIdAndChannelSlugLoader(context)
    for variant in variants:
        loader.prime((variant.pk, channel.slug), variant_listing_from_annotations(variant, channel))


class VariantsByProductIdAndChannelSlugLoader(DataLoader[tuple[int, str], list]):
    """The variants a viewer may see in a channel, with their prices read in the same query."""

    def batch_load(self, keys: list[tuple[int, str]]) -> list[list]:
        can_see_all = user_can_manage_products(self.context)
        grouped: dict[tuple[int, str], list] = {}
        for slug, product_ids in _group_keys_by_channel(keys).items():
            channel = channel_by_slug(self.context, slug)
            if channel is None:
                continue
            variants = list(
                precompiled_rows(
                    # 0: the stock subquery's floor and default (a literal of the SQL, listed
                    # as the key must list every constant it freezes); `now` decides which
                    # checkout reservations are still live.
                    ("VariantsByProductIdAndChannelSlugLoader", channel.pk, slug, can_see_all, 0),
                    lambda ids, now, channel=channel: (
                        variants_in_channel(channel=channel, can_see_all=can_see_all)
                        .filter(product_id__any_of=ids)
                        .annotate(
                            available_quantity=available_quantity_subquery(
                                channel_id=channel.pk, now=now
                            )
                        )
                        .order_by("sort_order", "sku", "pk")
                    ),
                    product_ids,
                    params={"now": timezone.now()},
                )
            )
            prime_variant_listings(self.context, variants, channel)
            available = AvailableQuantityByVariantIdAndChannelSlugLoader(self.context)
            for variant in variants:
                available.prime((variant.pk, slug), max(variant.available_quantity or 0, 0))
            for variant in variants:
                grouped.setdefault((variant.product_id, slug), []).append(variant)
        return [grouped.get(key, []) for key in keys]


MEDIA_FIELDS = (
    "id",
    "product_id",
    "sort_order",
    "image",
    "alt",
    "type",
    "external_url",
    "oembed_data",
    "metadata",
    "private_metadata",
)


class MediaByProductIdLoader(DataLoader[int, list]):
    """A product's media, with every thumbnail already made of them read in the same query (a
    LEFT JOIN), so `thumbnail(size, format)` on a page of products costs no further query."""

    def batch_load(self, keys: list[int]) -> list[list]:
        rows = precompiled_rows(
            ("catalog.media_by_product_id",),
            lambda ids: (
                models.ProductMedia.objects.filter(product_id__any_of=ids)
                .order_by("sort_order", "pk")
                .values_list(
                    *MEDIA_FIELDS,
                    "thumbnails__id",
                    "thumbnails__size",
                    "thumbnails__format",
                    "thumbnails__image",
                )
            ),
            keys,
        )
        media_by_id: dict[int, models.ProductMedia] = {}
        thumbnails: dict[int, dict[tuple[int, str], models.Thumbnail]] = {}
        for row in rows:
            media_id = row[0]
            if media_id not in media_by_id:
                media_by_id[media_id] = models.ProductMedia(
                    **dict(zip(MEDIA_FIELDS, row[: len(MEDIA_FIELDS)], strict=True))
                )
                thumbnails[media_id] = {}
            thumbnail_id, size, image_format, image = row[len(MEDIA_FIELDS) :]
            if thumbnail_id is not None:
                thumbnails[media_id][(size, image_format)] = models.Thumbnail(
                    id=thumbnail_id,
                    media_id=media_id,
                    size=size,
                    format=image_format,
                    image=image,
                )
        ThumbnailByMediaIdSizeAndFormatLoader(self.context).know_all(thumbnails)
        grouped = group_by(media_by_id.values(), lambda item: item.product_id)
        return [grouped.get(key, []) for key in keys]


class MediaByVariantIdLoader(DataLoader[int, list]):
    def batch_load(self, keys: list[int]) -> list[list]:
        through = models.ProductMedia.variants.through
        links = through.objects.filter(productvariant_id__in=keys).select_related("productmedia")
        media: dict[int, list] = defaultdict(list)
        for link in links:
            media[link.productvariant_id].append(link.productmedia)
        for items in media.values():
            items.sort(key=lambda item: (item.sort_order, item.pk))
        return [media.get(key, []) for key in keys]


class ThumbnailByMediaIdSizeAndFormatLoader(DataLoader[tuple[int, int, str], Any]):
    """Keys are (media id, snapped size, stored format: "" for the original format)."""

    def know_all(self, thumbnails: dict[int, dict[tuple[int, str], Any]]) -> None:
        """Record every thumbnail of these media: later loads for them need no query."""
        known = self.__dict__.setdefault("known_media", {})
        known.update(thumbnails)

    def load(self, key: tuple[int, int, str]):
        known = self.__dict__.get("known_media")
        if known is not None and key[0] in known:
            return resolved(known[key[0]].get((key[1], key[2])))
        return super().load(key)

    def batch_load(self, keys: list[tuple[int, int, str]]) -> list:
        thumbnails = by_key(
            models.Thumbnail.objects.filter(
                media_id__in={media_id for media_id, _, _ in keys},
                size__in={size for _, size, _ in keys},
                format__in={image_format for _, _, image_format in keys},
            ),
            lambda thumbnail: (thumbnail.media_id, thumbnail.size, thumbnail.format),
        )
        return [thumbnails.get(key) for key in keys]


class TranslationByProductIdAndLanguageLoader(TranslationByIdAndLanguageLoader):
    model = models.ProductTranslation
    owner_field = "product"


class TranslationByVariantIdAndLanguageLoader(TranslationByIdAndLanguageLoader):
    model = models.ProductVariantTranslation
    owner_field = "product_variant"


class TranslationByCategoryIdAndLanguageLoader(TranslationByIdAndLanguageLoader):
    model = models.CategoryTranslation
    owner_field = "category"


class TranslationByCollectionIdAndLanguageLoader(TranslationByIdAndLanguageLoader):
    model = models.CollectionTranslation
    owner_field = "collection"


class TranslationByAttributeIdAndLanguageLoader(TranslationByIdAndLanguageLoader):
    model = models.AttributeTranslation
    owner_field = "attribute"


class TranslationByAttributeValueIdAndLanguageLoader(TranslationByIdAndLanguageLoader):
    model = models.AttributeValueTranslation
    owner_field = "attribute_value"


ATTRIBUTE_FIELDS = (
    "id",
    "slug",
    "name",
    "type",
    "input_type",
    "unit",
    "value_required",
    "visible_in_storefront",
    "filterable_in_storefront",
    "storefront_search_position",
    "metadata",
    "private_metadata",
)
PRODUCT_LEVEL, VARIANT_LEVEL = 0, 1


def attribute_assignments(context: Any, type_ids: set[int]) -> dict[tuple[int, int], list]:
    """The attributes product types assign to products and to variants, read in ONE query (a
    UNION of both assignment tables) and kept for the request: a product page asks for both
    levels, one after the other. Keys are (product type id, level); items are
    (attribute, variant_selection), in assignment order. Hidden attributes only for staff."""
    cache: dict = context.__dict__.setdefault("attribute_assignments", {})
    missing = {type_id for type_id in type_ids if (type_id, PRODUCT_LEVEL) not in cache}
    if missing:
        attribute_columns = [f"attribute__{name}" for name in ATTRIBUTE_FIELDS]
        # No ORDER BY inside a UNION (SQLite refuses it): the rows are sorted below.
        product_level = models.AttributeProduct.objects.filter(
            product_type_id__in=missing
        ).order_by()
        variant_level = models.AttributeVariant.objects.filter(
            product_type_id__in=missing
        ).order_by()
        if not user_can_manage_products(context):
            product_level = product_level.filter(attribute__visible_in_storefront=True)
            variant_level = variant_level.filter(attribute__visible_in_storefront=True)
        rows = product_level.annotate(
            level=Value(PRODUCT_LEVEL), selection=Value(False)
        ).values_list(
            "product_type_id", "level", "sort_order", "pk", "selection", *attribute_columns
        )
        rows = rows.union(
            variant_level.annotate(level=Value(VARIANT_LEVEL)).values_list(
                "product_type_id",
                "level",
                "sort_order",
                "pk",
                "variant_selection",
                *attribute_columns,
            ),
            all=True,
        )
        for type_id in missing:
            cache[(type_id, PRODUCT_LEVEL)] = []
            cache[(type_id, VARIANT_LEVEL)] = []
        for type_id, level, _sort_order, _pk, selection, *attribute in sorted(
            rows, key=lambda row: (row[2], row[3])
        ):
            cache[(type_id, level)].append(
                (models.Attribute(**dict(zip(ATTRIBUTE_FIELDS, attribute, strict=True))), selection)
            )
    return cache


class SelectedAttributesByProductIdLoader(DataLoader[tuple[int, int], list]):
    """Keys are (product id, product type id): every attribute of the type, with the product's
    values (none for an attribute it leaves empty)."""

    def batch_load(self, keys: list[tuple[int, int]]) -> list[list]:
        assignments = attribute_assignments(self.context, {type_id for _, type_id in keys})
        values = group_by(
            models.AssignedProductAttributeValue.objects.filter(
                product_id__in={product_id for product_id, _ in keys}
            )
            .select_related("value")
            .order_by("sort_order", "pk"),
            lambda row: (row.product_id, row.value.attribute_id),
        )
        return [
            [
                (
                    attribute,
                    [link.value for link in values.get((product_id, attribute.pk), [])],
                )
                for attribute, _ in assignments[(type_id, PRODUCT_LEVEL)]
            ]
            for product_id, type_id in keys
        ]


class SelectedAttributesByVariantIdLoader(DataLoader[tuple[int, int], list]):
    """Keys are (variant id, product type id); items are (attribute, values, variant_selection)."""

    def batch_load(self, keys: list[tuple[int, int]]) -> list[list]:
        assignments = attribute_assignments(self.context, {type_id for _, type_id in keys})
        values = group_by(
            models.AssignedVariantAttributeValue.objects.filter(
                variant_id__in={variant_id for variant_id, _ in keys}
            )
            .select_related("value")
            .order_by("sort_order", "pk"),
            lambda row: (row.variant_id, row.value.attribute_id),
        )
        return [
            [
                (
                    attribute,
                    [link.value for link in values.get((variant_id, attribute.pk), [])],
                    variant_selection,
                )
                for attribute, variant_selection in assignments[(type_id, VARIANT_LEVEL)]
            ]
            for variant_id, type_id in keys
        ]


class ProductTypeIdByVariantIdLoader(DataLoader[int, int | None]):
    def batch_load(self, keys: list[int]) -> list:
        rows = dict(
            models.ProductVariant.objects.filter(pk__in=keys).values_list(
                "pk", "product__product_type_id"
            )
        )
        return [rows.get(key) for key in keys]


class CollectionsByProductIdAndChannelSlugLoader(DataLoader[tuple[int, str], list]):
    def batch_load(self, keys: list[tuple[int, str]]) -> list[list]:
        can_see_all = user_can_manage_products(self.context)
        grouped: dict[tuple[int, str], list] = {}
        for slug, product_ids in _group_keys_by_channel(keys).items():
            channel = channel_by_slug(self.context, slug)
            if channel is None:
                continue
            visible = collections_in_channel(channel=channel, can_see_all=can_see_all)
            links = (
                models.CollectionProduct.objects.filter(
                    product_id__in=product_ids, collection__in=visible
                )
                .select_related("collection")
                .order_by("collection__slug", "pk")
            )
            for link in links:
                grouped.setdefault((link.product_id, slug), []).append(link.collection)
        return [grouped.get(key, []) for key in keys]


class AncestorsByCategoryTreePathLoader(DataLoader[str, list]):
    """A category's ancestors, root first, found by the prefixes of its tree path."""

    def batch_load(self, keys: list[str]) -> list[list]:
        from backend.catalog.selectors import ancestor_tree_paths

        prefixes = {key: ancestor_tree_paths(key) for key in keys}
        wanted = {path for paths in prefixes.values() for path in paths}
        categories = by_key(
            models.Category.objects.filter(tree_path__in=wanted), lambda row: row.tree_path
        )
        return [[categories[path] for path in prefixes[key] if path in categories] for key in keys]


class CollectionChannelListingByCollectionIdAndChannelSlugLoader(DataLoader[tuple[int, str], Any]):
    def batch_load(self, keys: list[tuple[int, str]]) -> list:
        listings = by_key(
            models.CollectionChannelListing.objects.filter(
                collection_id__in={collection_id for collection_id, _ in keys},
                channel__slug__in={slug for _, slug in keys},
            ).select_related("channel"),
            lambda listing: (listing.collection_id, listing.channel.slug),
        )
        return [listings.get(key) for key in keys]


class ChannelListingsByVariantIdLoader(DataLoader[int, list]):
    def batch_load(self, keys: list[int]) -> list[list]:
        listings = group_by(
            models.ProductVariantChannelListing.objects.filter(variant_id__in=keys),
            lambda listing: listing.variant_id,
        )
        return [listings.get(key, []) for key in keys]
