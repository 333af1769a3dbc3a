"""Saleor's product and stock error types, with the code enums the domain raises."""

from __future__ import annotations

import graphene

from backend.catalog.error_codes import ProductErrorCode as DomainProductErrorCode
from backend.inventory.error_codes import StockErrorCode as DomainStockErrorCode
from storefront_api.core.errors import Error

ProductErrorCode = graphene.Enum.from_enum(
    DomainProductErrorCode, description="Why a catalogue mutation failed."
)
StockErrorCode = graphene.Enum.from_enum(
    DomainStockErrorCode, description="Why a stock mutation failed."
)


class ProductError(Error):
    code = graphene.Field(ProductErrorCode, required=True, description="The error code.")
    attributes = graphene.List(
        graphene.NonNull(graphene.ID), description="Attributes the error is about."
    )
    values = graphene.List(
        graphene.NonNull(graphene.ID), description="Attribute values the error is about."
    )

    class Meta:
        description = "An error from a product, variant, category or media mutation."


class ProductChannelListingError(ProductError):
    channels = graphene.List(
        graphene.NonNull(graphene.ID), description="Channels the error is about."
    )
    variants = graphene.List(
        graphene.NonNull(graphene.ID), description="Variants the error is about."
    )

    class Meta:
        description = "An error from a channel listing mutation."


class BulkStockError(ProductError):
    index = graphene.Int(description="Position of the stock input the error is about.")

    class Meta:
        description = "An error about one of several stock inputs."


class StockError(Error):
    code = graphene.Field(StockErrorCode, required=True, description="The error code.")

    class Meta:
        description = "An error from a stock mutation."


# Domain fields whose argument has another name, for the catalogue mutations'
# `Meta.error_field_names` (the others become camelCase as graphene names arguments).
PRODUCT_FIELD_NAMES = {"media": "input", "seo_title": "seo", "seo_description": "seo"}
CHANNEL_LISTING_FIELD_NAMES = {
    "channels": "input",
    "channel": "channelId",
    "price_amount": "price",
    "cost_price_amount": "costPrice",
}
