"""productVariantUpdate: change a variant (by id, SKU or external reference)."""

from __future__ import annotations

import graphene

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import ProductVariant
from backend.catalog.permissions import ensure_may_edit_vendor_catalogue
from backend.catalog.services.variants import update_variant
from backend.core.errors import field_error
from storefront_api.core.ids import get_node_or_error
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.types import metadata_input_to_dict

from ..errors import PRODUCT_FIELD_NAMES, ProductError
from .inputs import ProductVariantInput
from .utils import attribute_assignments, check_catalogue_editor

_PLAIN_FIELDS = (
    "sku",
    "name",
    "track_inventory",
    "weight",
    "quantity_limit_per_customer",
    "external_reference",
)


def get_variant(data: dict) -> ProductVariant:
    """The variant named by `id`, `sku` or `externalReference`."""
    queryset = ProductVariant.objects.select_related("product")
    if data.get("id"):
        return get_node_or_error(
            queryset,
            data["id"],
            "ProductVariant",
            field="id",
            invalid_code=ProductErrorCode.GRAPHQL_ERROR,
        )
    for key, field in (("sku", "sku"), ("external_reference", "externalReference")):
        if data.get(key):
            variant = queryset.filter(**{key: data[key]}).first()
            if variant is None:
                raise field_error(field, "No such variant.", ProductErrorCode.NOT_FOUND)
            return variant
    raise field_error(
        "id", "Give an id, a SKU or an external reference.", ProductErrorCode.GRAPHQL_ERROR
    )


class ProductVariantUpdate(BaseMutation):
    product_variant = graphene.Field("storefront_api.catalog.types.ProductVariant")

    class Arguments:
        id = graphene.ID(description="The variant.")
        sku = graphene.String(description="The variant's SKU.")
        external_reference = graphene.String(description="The variant's external reference.")
        input = ProductVariantInput(required=True, description="Fields to change.")

    class Meta:
        description = "Updates an existing variant."
        error_type_class = ProductError
        error_field_names = PRODUCT_FIELD_NAMES

    @classmethod
    def check_permissions(cls, context) -> bool:
        return check_catalogue_editor(context)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        variant = get_variant(data)
        ensure_may_edit_vendor_catalogue(info.context.user, vendor_id=variant.product.vendor_id)
        data = data["input"]
        variant = update_variant(
            manager=info.context.plugins,
            variant=variant,
            metadata=metadata_input_to_dict(data.get("metadata")),
            private_metadata=metadata_input_to_dict(data.get("private_metadata")),
            attributes=attribute_assignments(data.get("attributes")),
            **{key: data[key] for key in _PLAIN_FIELDS if key in data},
        )
        return cls(product_variant=variant)
