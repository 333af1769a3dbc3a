"""Catalogue mutations, one per module; `CatalogMutations` gathers them for the root schema."""

import graphene

from .category_create import CategoryCreate
from .category_delete import CategoryDelete
from .category_update import CategoryUpdate
from .product_channel_listing_update import ProductChannelListingUpdate
from .product_create import ProductCreate
from .product_delete import ProductDelete
from .product_media_create import ProductMediaCreate
from .product_update import ProductUpdate
from .product_variant_channel_listing_update import ProductVariantChannelListingUpdate
from .product_variant_create import ProductVariantCreate
from .product_variant_delete import ProductVariantDelete
from .product_variant_update import ProductVariantUpdate


class CatalogMutations(graphene.ObjectType):
    category_create = CategoryCreate.Field()
    category_update = CategoryUpdate.Field()
    category_delete = CategoryDelete.Field()
    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_delete = ProductDelete.Field()
    product_variant_create = ProductVariantCreate.Field()
    product_variant_update = ProductVariantUpdate.Field()
    product_variant_delete = ProductVariantDelete.Field()
    product_channel_listing_update = ProductChannelListingUpdate.Field()
    product_variant_channel_listing_update = ProductVariantChannelListingUpdate.Field()
    product_media_create = ProductMediaCreate.Field()
