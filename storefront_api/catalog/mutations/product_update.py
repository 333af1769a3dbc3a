"""productUpdate: change a product's fields (its vendor's owner or product staff)."""

from __future__ import annotations

import graphene

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Category, Collection, Product
from backend.catalog.permissions import ensure_may_edit_vendor_catalogue
from backend.catalog.services.products import update_product
from backend.core.errors import field_error
from storefront_api.core.ids import get_node_or_error, get_nodes_or_error
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.types import metadata_input_to_dict

from ..errors import PRODUCT_FIELD_NAMES, ProductError
from .inputs import ProductInput
from .utils import attribute_assignments, check_catalogue_editor, seo_fields

# Input fields passed through as they are (only when given: absent means unchanged).
_PLAIN_FIELDS = ("name", "slug", "description", "weight", "rating", "external_reference")


def get_product_by_id_or_reference(data: dict) -> Product:
    if data.get("id"):
        return get_node_or_error(
            Product, data["id"], "Product", field="id", invalid_code=ProductErrorCode.GRAPHQL_ERROR
        )
    if data.get("external_reference"):
        product = Product.objects.filter(external_reference=data["external_reference"]).first()
        if product is not None:
            return product
        raise field_error(
            "externalReference",
            "No product has this external reference.",
            ProductErrorCode.NOT_FOUND,
        )
    raise field_error("id", "Give an id or an external reference.", ProductErrorCode.GRAPHQL_ERROR)


class ProductUpdate(BaseMutation):
    product = graphene.Field("storefront_api.catalog.types.Product")

    class Arguments:
        id = graphene.ID(description="The product.")
        external_reference = graphene.String(description="The product's external reference.")
        input = ProductInput(required=True, description="Fields to change.")

    class Meta:
        description = "Updates an existing product."
        error_type_class = ProductError
        error_field_names = PRODUCT_FIELD_NAMES

    @classmethod
    def check_permissions(cls, context) -> bool:
        return check_catalogue_editor(context)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        product = get_product_by_id_or_reference(data)
        ensure_may_edit_vendor_catalogue(info.context.user, vendor_id=product.vendor_id)
        data = data["input"]
        changes = {key: data[key] for key in _PLAIN_FIELDS if key in data}
        if "category" in data:
            changes["category"] = (
                get_node_or_error(
                    Category,
                    data["category"],
                    "Category",
                    field="category",
                    invalid_code=ProductErrorCode.GRAPHQL_ERROR,
                )
                if data["category"]
                else None
            )
        collections = None
        if data.get("collections") is not None:
            collections = get_nodes_or_error(
                Collection,
                data["collections"],
                "Collection",
                field="collections",
                invalid_code=ProductErrorCode.GRAPHQL_ERROR,
            )
        product = update_product(
            manager=info.context.plugins,
            product=product,
            metadata=metadata_input_to_dict(data.get("metadata")),
            private_metadata=metadata_input_to_dict(data.get("private_metadata")),
            attributes=attribute_assignments(data.get("attributes")),
            collections=collections,
            **changes,
            **seo_fields(data.get("seo")),
        )
        return cls(product=product)
