"""GraphQL types of the catalogue, shaped as Saleor 3.21's, one module per family of types.

Products, variants and collections are seen in a channel (prices, availability and visible
variants depend on it): their roots are `ChannelContext(node, channel_slug)`. Every relation
resolves through a DataLoader. Types refer to a type of a module that imports theirs by its import
path (`graphene.Field("storefront_api.catalog.types.products.Product")`), so no module imports
another that imports it back. Mutations name the types through this package.
"""

from .attributes import Attribute, AttributeValue, SelectedAttribute
from .categories import Category, CategoryCountableConnection
from .collections import Collection, CollectionChannelListing, CollectionCountableConnection
from .media import ProductMedia
from .pricing import ProductPricingInfo, VariantPricingInfo
from .product_types import ProductType
from .products import Product, ProductChannelListing, ProductCountableConnection
from .variants import (
    ProductVariant,
    ProductVariantChannelListing,
    ProductVariantCountableConnection,
)

__all__ = [
    "Attribute",
    "AttributeValue",
    "Category",
    "CategoryCountableConnection",
    "Collection",
    "CollectionChannelListing",
    "CollectionCountableConnection",
    "Product",
    "ProductChannelListing",
    "ProductCountableConnection",
    "ProductMedia",
    "ProductPricingInfo",
    "ProductType",
    "ProductVariant",
    "ProductVariantChannelListing",
    "ProductVariantCountableConnection",
    "SelectedAttribute",
    "VariantPricingInfo",
]
