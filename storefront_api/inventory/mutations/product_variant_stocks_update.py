"""productVariantStocksUpdate: set how many of a variant each warehouse holds."""

from __future__ import annotations

import graphene

from backend.catalog.permissions import ensure_may_edit_vendor_catalogue
from backend.inventory.services import update_stocks
from storefront_api.catalog.errors import BulkStockError
from storefront_api.catalog.mutations.product_variant_update import get_variant
from storefront_api.catalog.mutations.utils import check_catalogue_editor
from storefront_api.core.mutations import BaseMutation

from .inputs import StockInput
from .utils import bulk_stock_errors, stock_quantities


class ProductVariantStocksUpdate(BaseMutation):
    product_variant = graphene.Field("storefront_api.catalog.types.ProductVariant")

    class Arguments:
        variant_id = graphene.ID(description="The variant.")
        sku = graphene.String(description="The variant's SKU.")
        stocks = graphene.List(
            graphene.NonNull(StockInput), required=True, description="Quantities to set."
        )

    class Meta:
        description = "Sets the stock of a variant in warehouses, creating missing stock."
        error_type_class = BulkStockError

    @classmethod
    def check_permissions(cls, context) -> bool:
        return check_catalogue_editor(context)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        variant = get_variant({"id": data.get("variant_id"), "sku": data.get("sku")})
        ensure_may_edit_vendor_catalogue(info.context.user, vendor_id=variant.product.vendor_id)
        variant = update_stocks(
            variant=variant,
            stocks=stock_quantities(data["stocks"]),
            manager=info.context.plugins,
        )
        return cls(product_variant=variant)

    @classmethod
    def handle_errors(cls, error, **extra):
        return cls(errors=bulk_stock_errors(cls._meta.error_type_class, error), **extra)
