"""productDelete: remove a product (its vendor's owner or product staff)."""

from __future__ import annotations

import graphene

from backend.catalog.permissions import ensure_may_edit_vendor_catalogue
from backend.catalog.services.products import delete_product
from storefront_api.core.mutations import BaseMutation

from ..errors import PRODUCT_FIELD_NAMES, ProductError
from .product_update import get_product_by_id_or_reference
from .utils import check_catalogue_editor


class ProductDelete(BaseMutation):
    product = graphene.Field("storefront_api.catalog.types.Product")

    class Arguments:
        id = graphene.ID(description="The product.")
        external_reference = graphene.String(description="The product's external reference.")

    class Meta:
        description = "Deletes a product."
        error_type_class = ProductError
        error_field_names = {**PRODUCT_FIELD_NAMES, "product": "id"}

    @classmethod
    def check_permissions(cls, context) -> bool:
        return check_catalogue_editor(context)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        product = get_product_by_id_or_reference(data)
        ensure_may_edit_vendor_catalogue(info.context.user, vendor_id=product.vendor_id)
        return cls(product=delete_product(product=product, manager=info.context.plugins))
