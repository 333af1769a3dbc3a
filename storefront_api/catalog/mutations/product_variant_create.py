"""productVariantCreate: a new variant of a product, with its first stock."""

from __future__ import annotations

import graphene

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Product
from backend.catalog.permissions import ensure_may_edit_vendor_catalogue
from backend.inventory.services import create_variant_with_stocks
from storefront_api.core.ids import get_node_or_error
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.types import metadata_input_to_dict

from ..errors import PRODUCT_FIELD_NAMES, ProductError
from .inputs import ProductVariantCreateInput
from .utils import attribute_assignments, check_catalogue_editor, stock_quantities

_PLAIN_FIELDS = (
    "sku",
    "name",
    "track_inventory",
    "weight",
    "quantity_limit_per_customer",
    "external_reference",
)


class ProductVariantCreate(BaseMutation):
    product_variant = graphene.Field("storefront_api.catalog.types.ProductVariant")

    class Arguments:
        input = ProductVariantCreateInput(required=True, description="Fields of the variant.")

    class Meta:
        description = "Creates a new variant for a product."
        error_type_class = ProductError
        error_field_names = PRODUCT_FIELD_NAMES

    @classmethod
    def check_permissions(cls, context) -> bool:
        return check_catalogue_editor(context)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        data = data["input"]
        product = get_node_or_error(
            Product,
            data["product"],
            "Product",
            field="product",
            invalid_code=ProductErrorCode.GRAPHQL_ERROR,
        )
        ensure_may_edit_vendor_catalogue(info.context.user, vendor_id=product.vendor_id)
        variant = create_variant_with_stocks(
            manager=info.context.plugins,
            product=product,
            stocks=stock_quantities(data.get("stocks") or []),
            attributes=attribute_assignments(data.get("attributes")),
            metadata=metadata_input_to_dict(data.get("metadata")),
            private_metadata=metadata_input_to_dict(data.get("private_metadata")),
            **{key: data[key] for key in _PLAIN_FIELDS if key in data},
        )
        return cls(product_variant=variant)
