"""productVariantChannelListingUpdate: a variant's price per channel."""

from __future__ import annotations

import graphene

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.permissions import ensure_may_edit_vendor_catalogue
from backend.catalog.services.listings import VariantPriceChange, update_variant_channel_listings
from backend.channels.models import Channel
from storefront_api.core.ids import get_node_or_error
from storefront_api.core.mutations import BaseMutation

from ..errors import CHANNEL_LISTING_FIELD_NAMES, ProductChannelListingError
from .inputs import ProductVariantChannelListingAddInput
from .product_variant_update import get_variant
from .utils import check_catalogue_editor


class ProductVariantChannelListingUpdate(BaseMutation):
    variant = graphene.Field("storefront_api.catalog.types.ProductVariant")

    class Arguments:
        id = graphene.ID(description="The variant.")
        sku = graphene.String(description="The variant's SKU.")
        input = graphene.List(
            graphene.NonNull(ProductVariantChannelListingAddInput),
            required=True,
            description="Prices per channel.",
        )

    class Meta:
        description = "Sets a variant's prices in channels."
        error_type_class = ProductChannelListingError
        error_field_names = CHANNEL_LISTING_FIELD_NAMES

    @classmethod
    def check_permissions(cls, context) -> bool:
        return check_catalogue_editor(context)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        variant = get_variant(data)
        ensure_may_edit_vendor_catalogue(info.context.user, vendor_id=variant.product.vendor_id)
        prices = [
            VariantPriceChange(
                channel=get_node_or_error(
                    Channel,
                    item["channel_id"],
                    "Channel",
                    field="channelId",
                    invalid_code=ProductErrorCode.GRAPHQL_ERROR,
                ),
                price=item["price"],
                cost_price=item.get("cost_price"),
            )
            for item in data["input"]
        ]
        variant = update_variant_channel_listings(
            variant=variant, prices=prices, manager=info.context.plugins
        )
        return cls(variant=variant)
