"""productChannelListingUpdate: publish a product in channels, or take it out of them."""

from __future__ import annotations

import graphene

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Product, ProductVariant
from backend.catalog.permissions import ensure_may_edit_vendor_catalogue
from backend.catalog.services.listings import (
    ProductChannelListingChange,
    update_product_channel_listings,
)
from backend.channels.models import Channel
from storefront_api.core.ids import get_node_or_error, get_nodes_or_error
from storefront_api.core.mutations import BaseMutation

from ..errors import CHANNEL_LISTING_FIELD_NAMES, ProductChannelListingError
from .inputs import ProductChannelListingUpdateInput
from .utils import check_catalogue_editor


class ProductChannelListingUpdate(BaseMutation):
    product = graphene.Field("storefront_api.catalog.types.Product")

    class Arguments:
        id = graphene.ID(required=True, description="The product.")
        input = ProductChannelListingUpdateInput(
            required=True, description="Channels to add, change or remove."
        )

    class Meta:
        description = "Manages a product's availability in channels."
        error_type_class = ProductChannelListingError
        error_field_names = CHANNEL_LISTING_FIELD_NAMES

    @classmethod
    def check_permissions(cls, context) -> bool:
        return check_catalogue_editor(context)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        product = get_node_or_error(
            Product, data["id"], "Product", field="id", invalid_code=ProductErrorCode.GRAPHQL_ERROR
        )
        ensure_may_edit_vendor_catalogue(info.context.user, vendor_id=product.vendor_id)
        data = data["input"]
        changes = []
        for item in data.get("update_channels") or []:
            channel = get_node_or_error(
                Channel,
                item["channel_id"],
                "Channel",
                field="channelId",
                invalid_code=ProductErrorCode.GRAPHQL_ERROR,
            )
            changes.append(
                ProductChannelListingChange(
                    channel=channel,
                    is_published=item.get("is_published"),
                    published_at=item.get("published_at"),
                    visible_in_listings=item.get("visible_in_listings"),
                    is_available_for_purchase=item.get("is_available_for_purchase"),
                    available_for_purchase_at=item.get("available_for_purchase_at"),
                    add_variants=get_nodes_or_error(
                        ProductVariant,
                        item.get("add_variants") or [],
                        "ProductVariant",
                        field="addVariants",
                        invalid_code=ProductErrorCode.GRAPHQL_ERROR,
                    ),
                    remove_variants=get_nodes_or_error(
                        ProductVariant,
                        item.get("remove_variants") or [],
                        "ProductVariant",
                        field="removeVariants",
                        invalid_code=ProductErrorCode.GRAPHQL_ERROR,
                    ),
                )
            )
        removed = get_nodes_or_error(
            Channel,
            data.get("remove_channels") or [],
            "Channel",
            field="removeChannels",
            invalid_code=ProductErrorCode.GRAPHQL_ERROR,
        )
        product = update_product_channel_listings(
            manager=info.context.plugins,
            product=product,
            update_channels=changes,
            remove_channels=removed,
        )
        return cls(product=product)
