"""Products: what a vendor sells, seen in a channel (its prices, availability and variants)."""

from __future__ import annotations

import graphene
from django.utils import timezone
from graphene import relay

from backend.catalog import models
from backend.catalog.availability import (
    available_for_purchase_at,
    is_available_for_purchase,
    is_product_available,
    is_variant_in_stock,
)
from storefront_api.channel.types import Channel
from storefront_api.core.connection import create_connection
from storefront_api.core.dataloaders import gather, then
from storefront_api.core.enums import OrderDirection
from storefront_api.core.scalars import JSONString
from storefront_api.core.types import Image, ModelObjectType, Money, ObjectWithMetadata, Weight
from storefront_api.marketplace.dataloaders import VendorByIdLoader
from storefront_api.marketplace.types import Vendor

from ..context import (
    ChannelContext,
    channel_node_resolver,
    channel_slug_of,
    unwrap,
)
from ..dataloaders import (
    CategoryByIdLoader,
    ChannelByIdLoader,
    ChannelListingsByProductIdLoader,
    CollectionsByProductIdAndChannelSlugLoader,
    MediaByProductIdLoader,
    ProductChannelListingByProductIdAndChannelSlugLoader,
    ProductTypeByIdLoader,
    SelectedAttributesByProductIdLoader,
    TranslationByProductIdAndLanguageLoader,
    VariantsByProductIdAndChannelSlugLoader,
)
from .attributes import SelectedAttribute
from .categories import Category
from .collections import Collection
from .common import (
    ChannelObjectWithMetadataFields,
    ChannelProductFields,
    ManagedByVendorOwner,
    enum_value,
    image_args,
    may_manage_product,
    only_if_allowed,
    wrap_all,
)
from .media import MediaSortingInput, ProductMedia, product_thumbnail
from .pricing import MoneyAmount, ProductPricingInfo, product_pricing_info, vat_rate_of_product
from .product_types import ProductType
from .translations import ProductTranslation, translation_field, translation_resolver
from .variants import ProductVariant


class ProductChannelListing(ModelObjectType, model=models.ProductChannelListing):
    published_at = graphene.DateTime()
    is_published = graphene.Boolean(required=True)
    channel = graphene.Field(Channel, required=True)
    visible_in_listings = graphene.Boolean(required=True)
    available_for_purchase_at = graphene.DateTime()
    discounted_price = graphene.Field(Money)
    is_available_for_purchase = graphene.Boolean()

    class Meta:
        description = "How a product is published in a channel."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_channel(root, info):
        return ChannelByIdLoader(info.context).load(root.channel_id)

    @staticmethod
    def resolve_discounted_price(root, _info):
        return MoneyAmount.or_none(root.discounted_price_amount, root.currency)

    @staticmethod
    def resolve_is_available_for_purchase(root, _info):
        return is_available_for_purchase(root, now=timezone.now())


class Product(
    ChannelProductFields,
    ManagedByVendorOwner,
    ChannelObjectWithMetadataFields,
    ModelObjectType,
    model=models.Product,
):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = JSONString()
    product_type = graphene.Field(ProductType, required=True)
    slug = graphene.String(required=True)
    category = graphene.Field(Category)
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    weight = graphene.Field(Weight)
    default_variant = graphene.Field(ProductVariant)
    rating = graphene.Float()
    channel = graphene.String()
    thumbnail = graphene.Field(Image, **image_args())
    pricing = graphene.Field(ProductPricingInfo)
    is_available = graphene.Boolean()
    attribute = graphene.Field(SelectedAttribute, slug=graphene.String(required=True))
    attributes = graphene.NonNull(graphene.List(graphene.NonNull(SelectedAttribute)))
    channel_listings = graphene.List(graphene.NonNull(ProductChannelListing))
    variants = graphene.List(graphene.NonNull(ProductVariant))
    media = graphene.List(
        graphene.NonNull(ProductMedia), sort_by=graphene.Argument(MediaSortingInput)
    )
    collections = graphene.List(graphene.NonNull(Collection))
    translation = translation_field(ProductTranslation)
    available_for_purchase_at = graphene.DateTime()
    is_available_for_purchase = graphene.Boolean()
    external_reference = graphene.String()
    vendor = graphene.Field(Vendor, description="The shop selling this product (Haat).")

    class Meta:
        description = "Something a vendor sells: goods or an assisted service."
        interfaces = (relay.Node, ObjectWithMetadata)
        default_resolver = channel_node_resolver

    resolve_translation = translation_resolver(TranslationByProductIdAndLanguageLoader)

    @staticmethod
    def resolve_product_type(root, info):
        return ProductTypeByIdLoader(info.context).load(unwrap(root).product_type_id)

    @staticmethod
    def resolve_category(root, info):
        category_id = unwrap(root).category_id
        return CategoryByIdLoader(info.context).load(category_id) if category_id else None

    @staticmethod
    def resolve_vendor(root, info):
        return VendorByIdLoader(info.context).load(unwrap(root).vendor_id)

    @staticmethod
    def resolve_variants(root, info):
        slug = channel_slug_of(root)
        return then(
            VariantsByProductIdAndChannelSlugLoader(info.context).load((unwrap(root).pk, slug)),
            lambda variants: wrap_all(variants, slug),
        )

    @staticmethod
    def resolve_default_variant(root, info):
        product = unwrap(root)
        slug = channel_slug_of(root)
        if product.default_variant_id is None:
            return None

        def pick(variants: list):
            for variant in variants:
                if variant.pk == product.default_variant_id:
                    return ChannelContext(variant, slug)
            return None

        return then(
            VariantsByProductIdAndChannelSlugLoader(info.context).load((product.pk, slug)), pick
        )

    @staticmethod
    def resolve_thumbnail(root, info, size=None, format=None):
        return product_thumbnail(info, unwrap(root).pk, size, format)

    @staticmethod
    def resolve_media(root, info, sort_by=None):
        loaded = MediaByProductIdLoader(info.context).load(unwrap(root).pk)
        if not sort_by:
            return loaded
        descending = enum_value(sort_by.direction) == OrderDirection.DESC.value
        return then(loaded, lambda media: sorted(media, key=lambda m: m.pk, reverse=descending))

    @staticmethod
    def resolve_pricing(root, info):
        product = unwrap(root)
        key = (product.pk, channel_slug_of(root))
        return then(
            gather(
                [
                    ProductChannelListingByProductIdAndChannelSlugLoader(info.context).load(key),
                    VariantsByProductIdAndChannelSlugLoader(info.context).load(key),
                    vat_rate_of_product(product, info),
                ]
            ),
            lambda loaded: product_pricing_info(*loaded),
        )

    @staticmethod
    def resolve_is_available(root, info):
        product = unwrap(root)
        key = (product.pk, channel_slug_of(root))
        now = timezone.now()

        def available(loaded) -> bool:
            listing, variants = loaded
            priced = [v for v in variants if v.listing_price_amount is not None]
            is_in_stock = any(
                is_variant_in_stock(
                    track_inventory=v.track_inventory, available=v.available_quantity
                )
                for v in priced
            )
            return is_product_available(
                listing, has_priced_variant=bool(priced), now=now, is_in_stock=is_in_stock
            )

        return then(
            gather(
                [
                    ProductChannelListingByProductIdAndChannelSlugLoader(info.context).load(key),
                    VariantsByProductIdAndChannelSlugLoader(info.context).load(key),
                ]
            ),
            available,
        )

    @staticmethod
    def resolve_is_available_for_purchase(root, info):
        return then(
            _listing(root, info),
            lambda listing: is_available_for_purchase(listing, now=timezone.now()),
        )

    @staticmethod
    def resolve_available_for_purchase_at(root, info):
        return then(
            _listing(root, info),
            available_for_purchase_at,
        )

    @staticmethod
    def resolve_attributes(root, info):
        product = unwrap(root)
        return SelectedAttributesByProductIdLoader(info.context).load(
            (product.pk, product.product_type_id)
        )

    @staticmethod
    def resolve_attribute(root, info, slug):
        product = unwrap(root)
        return then(
            SelectedAttributesByProductIdLoader(info.context).load(
                (product.pk, product.product_type_id)
            ),
            lambda selected: next((item for item in selected if item[0].slug == slug), None),
        )

    @staticmethod
    def resolve_collections(root, info):
        slug = channel_slug_of(root)
        return then(
            CollectionsByProductIdAndChannelSlugLoader(info.context).load((unwrap(root).pk, slug)),
            lambda collections: wrap_all(collections, slug),
        )

    @staticmethod
    def resolve_channel_listings(root, info):
        product = unwrap(root)
        return only_if_allowed(
            may_manage_product(info, product),
            lambda: ChannelListingsByProductIdLoader(info.context).load(product.pk),
        )


def _listing(root, info):
    return ProductChannelListingByProductIdAndChannelSlugLoader(info.context).load(
        (unwrap(root).pk, channel_slug_of(root))
    )


ProductCountableConnection = create_connection(Product)
