"""productVariantDelete: remove a variant (its vendor's owner or product staff)."""

from __future__ import annotations

import graphene

from backend.catalog.permissions import ensure_may_edit_vendor_catalogue
from backend.catalog.services.variants import delete_variant
from storefront_api.core.mutations import BaseMutation

from ..errors import PRODUCT_FIELD_NAMES, ProductError
from .product_variant_update import get_variant
from .utils import check_catalogue_editor


class ProductVariantDelete(BaseMutation):
    product_variant = graphene.Field("storefront_api.catalog.types.ProductVariant")

    class Arguments:
        id = graphene.ID(description="The variant.")
        sku = graphene.String(description="The variant's SKU.")
        external_reference = graphene.String(description="The variant's external reference.")

    class Meta:
        description = "Deletes a product variant."
        error_type_class = ProductError
        error_field_names = {**PRODUCT_FIELD_NAMES, "variant": "id"}

    @classmethod
    def check_permissions(cls, context) -> bool:
        return check_catalogue_editor(context)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        variant = get_variant(data)
        ensure_may_edit_vendor_catalogue(info.context.user, vendor_id=variant.product.vendor_id)
        variant = delete_variant(variant=variant, manager=info.context.plugins)
        return cls(product_variant=variant)
