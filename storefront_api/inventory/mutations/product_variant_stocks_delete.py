"""productVariantStocksDelete: take a variant's stock out of warehouses."""

from __future__ import annotations

import graphene

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.permissions import ensure_may_edit_vendor_catalogue
from backend.inventory.models import Warehouse
from backend.inventory.services import delete_stocks
from storefront_api.catalog.errors import StockError
from storefront_api.catalog.mutations.product_variant_update import get_variant
from storefront_api.catalog.mutations.utils import check_catalogue_editor
from storefront_api.core.ids import get_nodes_or_error
from storefront_api.core.mutations import BaseMutation


class ProductVariantStocksDelete(BaseMutation):
    product_variant = graphene.Field("storefront_api.catalog.types.ProductVariant")

    class Arguments:
        variant_id = graphene.ID(description="The variant.")
        sku = graphene.String(description="The variant's SKU.")
        warehouse_ids = graphene.List(
            graphene.NonNull(graphene.ID), description="Warehouses to remove the stock from."
        )

    class Meta:
        description = "Deletes a variant's stock in warehouses."
        error_type_class = StockError
        error_field_names = {"warehouses": "warehouseIds"}

    @classmethod
    def check_permissions(cls, context) -> bool:
        return check_catalogue_editor(context)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        variant = get_variant({"id": data.get("variant_id"), "sku": data.get("sku")})
        ensure_may_edit_vendor_catalogue(info.context.user, vendor_id=variant.product.vendor_id)
        warehouses = get_nodes_or_error(
            Warehouse,
            data.get("warehouse_ids") or [],
            "Warehouse",
            field="warehouseIds",
            invalid_code=ProductErrorCode.GRAPHQL_ERROR,
        )
        variant = delete_stocks(
            variant=variant, warehouses=warehouses, manager=info.context.plugins
        )
        return cls(product_variant=variant)
