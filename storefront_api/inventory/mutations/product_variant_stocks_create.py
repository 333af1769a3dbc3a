"""productVariantStocksCreate: stock a variant in warehouses where it has none yet."""

from __future__ import annotations

import graphene

from backend.catalog.permissions import ensure_may_edit_vendor_catalogue
from backend.inventory.services import create_stocks
from storefront_api.catalog.errors import BulkStockError
from storefront_api.catalog.mutations.product_variant_update import get_variant
from storefront_api.catalog.mutations.utils import check_catalogue_editor
from storefront_api.core.mutations import BaseMutation

from .inputs import StockInput
from .utils import bulk_stock_errors, stock_quantities


class ProductVariantStocksCreate(BaseMutation):
    product_variant = graphene.Field("storefront_api.catalog.types.ProductVariant")

    class Arguments:
        variant_id = graphene.ID(required=True, description="The variant.")
        stocks = graphene.List(
            graphene.NonNull(StockInput), required=True, description="Stock to create."
        )

    class Meta:
        description = "Creates stock for a variant in warehouses."
        error_type_class = BulkStockError

    @classmethod
    def check_permissions(cls, context) -> bool:
        return check_catalogue_editor(context)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        variant = get_variant({"id": data["variant_id"]})
        ensure_may_edit_vendor_catalogue(info.context.user, vendor_id=variant.product.vendor_id)
        variant = create_stocks(
            variant=variant,
            stocks=stock_quantities(data["stocks"]),
            manager=info.context.plugins,
        )
        return cls(product_variant=variant)

    @classmethod
    def handle_errors(cls, error, **extra):
        return cls(errors=bulk_stock_errors(cls._meta.error_type_class, error), **extra)
