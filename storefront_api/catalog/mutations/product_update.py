"""productUpdate: change a product's fields (its vendor's owner or product staff)."""

from __future__ import annotations

import graphene
from django.core.exceptions import ValidationError

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Category, Collection, Product
from backend.catalog.permissions import ensure_may_edit_vendor_catalogue
from backend.catalog.services.products import update_product
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.types import metadata_input_to_dict

from ..errors import ProductError
from .inputs import ProductInput
from .utils import (
    attribute_assignments,
    check_catalogue_editor,
    get_by_global_id,
    get_many_by_global_ids,
    seo_fields,
)

# Input fields passed through as they are (only when given: absent means unchanged).
_PLAIN_FIELDS = ("name", "slug", "description", "weight", "rating", "external_reference")


def get_product_by_id_or_reference(data: dict) -> Product:
    if data.get("id"):
        return get_by_global_id(Product, data["id"], "Product", field="id")
    if data.get("external_reference"):
        product = Product.objects.filter(external_reference=data["external_reference"]).first()
        if product is not None:
            return product
        raise ValidationError(
            {
                "externalReference": ValidationError(
                    "No product has this external reference.",
                    code=ProductErrorCode.NOT_FOUND.value,
                )
            }
        )
    raise ValidationError(
        {"id": ValidationError("Give an id or an external reference.", code="graphql_error")}
    )


class ProductUpdate(BaseMutation):
    product = graphene.Field("storefront_api.catalog.types.Product")

    class Arguments:
        id = graphene.ID(description="The product.")
        external_reference = graphene.String(description="The product's external reference.")
        input = ProductInput(required=True, description="Fields to change.")

    class Meta:
        description = "Updates an existing product."
        error_type_class = ProductError

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
                get_by_global_id(Category, data["category"], "Category", field="category")
                if data["category"]
                else None
            )
        collections = None
        if data.get("collections") is not None:
            collections = get_many_by_global_ids(
                Collection, data["collections"], "Collection", field="collections"
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
