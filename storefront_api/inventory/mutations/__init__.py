"""Stock mutations, one per module; `InventoryMutations` gathers them for the root schema."""

import graphene

from .product_variant_stocks_create import ProductVariantStocksCreate
from .product_variant_stocks_delete import ProductVariantStocksDelete
from .product_variant_stocks_update import ProductVariantStocksUpdate


class InventoryMutations(graphene.ObjectType):
    product_variant_stocks_create = ProductVariantStocksCreate.Field()
    product_variant_stocks_delete = ProductVariantStocksDelete.Field()
    product_variant_stocks_update = ProductVariantStocksUpdate.Field()
