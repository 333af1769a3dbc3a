"""Product variants: what a shopper puts in the basket, priced and stocked per channel."""

from __future__ import annotations

import graphene
from graphene import relay

from backend.catalog import models
from backend.catalog.availability import quantity_available
from storefront_api.channel.types import Channel
from storefront_api.core.connection import create_connection
from storefront_api.core.dataloaders import gather, then
from storefront_api.core.types import ModelObjectType, Money, ObjectWithMetadata, Weight

from ..context import (
    ChannelContext,
    channel_node_resolver,
    channel_slug_of,
    unwrap,
    user_can_manage_products,
)
from ..dataloaders import (
    ChannelByIdLoader,
    ChannelListingsByVariantIdLoader,
    MediaByVariantIdLoader,
    ProductByIdLoader,
    ProductTypeIdByVariantIdLoader,
    SelectedAttributesByVariantIdLoader,
    TranslationByVariantIdAndLanguageLoader,
    VariantChannelListingByVariantIdAndChannelSlugLoader,
)
from ..stock_dataloaders import (
    AvailableQuantityByVariantIdAndChannelSlugLoader,
    StocksByVariantIdLoader,
)
from .attributes import SelectedAttribute, VariantAttributeScope
from .common import (
    ChannelObjectWithMetadataFields,
    ChannelProductFields,
    ManagedByVendorOwner,
    enum_value,
    may_manage_product_of,
    only_if_allowed,
)
from .media import ProductMedia
from .pricing import MoneyAmount, VariantPricingInfo, variant_pricing_info, vat_rate_of_variant
from .translations import ProductVariantTranslation, translation_field, translation_resolver


class ProductVariantChannelListing(ModelObjectType, model=models.ProductVariantChannelListing):
    channel = graphene.Field(Channel, required=True)
    price = graphene.Field(Money)
    cost_price = graphene.Field(Money)
    prior_price = graphene.Field(
        Money, description="Always null: Haat keeps no prior prices (it has no discounts)."
    )

    class Meta:
        description = "A variant's prices in a channel."
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_channel(root, info):
        return ChannelByIdLoader(info.context).load(root.channel_id)

    @staticmethod
    def resolve_price(root, _info):
        return MoneyAmount.or_none(root.price_amount, root.currency)

    @staticmethod
    def resolve_cost_price(root, _info):
        return MoneyAmount.or_none(root.cost_price_amount, root.currency)

    @staticmethod
    def resolve_prior_price(_root, _info) -> None:
        return None


class ProductVariant(
    ChannelProductFields,
    ManagedByVendorOwner,
    ChannelObjectWithMetadataFields,
    ModelObjectType,
    model=models.ProductVariant,
):
    name = graphene.String(required=True)
    sku = graphene.String()
    product = graphene.Field("storefront_api.catalog.types.products.Product", required=True)
    track_inventory = graphene.Boolean(required=True)
    quantity_limit_per_customer = graphene.Int()
    weight = graphene.Field(Weight)
    channel = graphene.String()
    channel_listings = graphene.List(graphene.NonNull(ProductVariantChannelListing))
    pricing = graphene.Field(VariantPricingInfo)
    attributes = graphene.NonNull(
        graphene.List(graphene.NonNull(SelectedAttribute)),
        variant_selection=graphene.Argument(VariantAttributeScope),
    )
    media = graphene.List(graphene.NonNull(ProductMedia))
    translation = translation_field(ProductVariantTranslation)
    stocks = graphene.List(graphene.NonNull("storefront_api.inventory.types.Stock"))
    quantity_available = graphene.Int()
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    external_reference = graphene.String()

    class Meta:
        description = "A buyable version of a product (a size, a weight, a colour) with its SKU."
        interfaces = (relay.Node, ObjectWithMetadata)
        default_resolver = channel_node_resolver

    resolve_translation = translation_resolver(TranslationByVariantIdAndLanguageLoader)

    @staticmethod
    def resolve_product(root, info):
        slug = channel_slug_of(root)
        return then(
            ProductByIdLoader(info.context).load(unwrap(root).product_id),
            lambda product: ChannelContext(product, slug) if product else None,
        )

    @staticmethod
    def resolve_pricing(root, info):
        variant = unwrap(root)
        listing = VariantChannelListingByVariantIdAndChannelSlugLoader(info.context).load(
            (variant.pk, channel_slug_of(root))
        )
        return then(
            gather([listing, vat_rate_of_variant(variant, info)]),
            lambda loaded: variant_pricing_info(*loaded),
        )

    @staticmethod
    def resolve_channel_listings(root, info):
        variant = unwrap(root)
        return only_if_allowed(
            may_manage_product_of(info, variant.product_id),
            lambda: ChannelListingsByVariantIdLoader(info.context).load(variant.pk),
        )

    @staticmethod
    def resolve_attributes(root, info, variant_selection=None):
        variant = unwrap(root)
        scope = enum_value(variant_selection) or VariantAttributeScope.ALL.value

        def select(items: list) -> list:
            if scope == VariantAttributeScope.VARIANT_SELECTION.value:
                items = [item for item in items if item[2]]
            elif scope == VariantAttributeScope.NOT_VARIANT_SELECTION.value:
                items = [item for item in items if not item[2]]
            return [(attribute, values) for attribute, values, _ in items]

        loader = SelectedAttributesByVariantIdLoader(info.context)
        type_id = getattr(variant, "product_type_pk", None)
        if type_id is not None:
            return then(loader.load((variant.pk, type_id)), select)
        return then(
            ProductTypeIdByVariantIdLoader(info.context).load(variant.pk),
            lambda loaded_type_id: then(loader.load((variant.pk, loaded_type_id)), select),
        )

    @staticmethod
    def resolve_media(root, info):
        return MediaByVariantIdLoader(info.context).load(unwrap(root).pk)

    @staticmethod
    def resolve_stocks(root, info):
        # Storefronts read `quantityAvailable`; the stock rows are for those who manage it.
        variant = unwrap(root)
        return only_if_allowed(
            may_manage_product_of(info, variant.product_id),
            lambda: StocksByVariantIdLoader(info.context).load(variant.pk),
        )

    @staticmethod
    def resolve_quantity_available(root, info):
        variant = unwrap(root)
        shows_full_stock = user_can_manage_products(info.context)
        if not variant.track_inventory:  # no stock to read
            return quantity_available(
                None, track_inventory=False, shows_full_stock=shows_full_stock
            )
        return then(
            AvailableQuantityByVariantIdAndChannelSlugLoader(info.context).load(
                (variant.pk, channel_slug_of(root))
            ),
            lambda available: quantity_available(
                available, track_inventory=True, shows_full_stock=shows_full_stock
            ),
        )


ProductVariantCountableConnection = create_connection(ProductVariant)
