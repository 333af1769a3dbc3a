"""productCreate: a vendor's new product (staff name the vendor; an entrepreneur's own shop is
the default)."""

from __future__ import annotations

import graphene

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Category, Collection, ProductType
from backend.catalog.permissions import (
    ensure_may_edit_vendor_catalogue,
    is_product_manager,
    owned_vendor_ids,
)
from backend.catalog.services.products import create_product
from backend.core.errors import field_error
from backend.marketplace.models import Vendor
from storefront_api.core.ids import get_node_or_error, get_nodes_or_error
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.types import metadata_input_to_dict

from ..errors import PRODUCT_FIELD_NAMES, ProductError
from .inputs import ProductCreateInput
from .utils import attribute_assignments, check_catalogue_editor, seo_fields


class ProductCreate(BaseMutation):
    product = graphene.Field("storefront_api.catalog.types.Product")

    class Arguments:
        input = ProductCreateInput(required=True, description="Fields of the new product.")

    class Meta:
        description = "Creates a new product."
        error_type_class = ProductError
        error_field_names = PRODUCT_FIELD_NAMES

    @classmethod
    def check_permissions(cls, context) -> bool:
        return check_catalogue_editor(context)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        user = info.context.user
        data = data["input"]
        vendor = cls.clean_vendor(user, data.get("vendor"))
        ensure_may_edit_vendor_catalogue(user, vendor_id=vendor.pk)
        product_type = get_node_or_error(
            ProductType,
            data["product_type"],
            "ProductType",
            field="productType",
            invalid_code=ProductErrorCode.GRAPHQL_ERROR,
        )
        category = None
        if data.get("category"):
            category = get_node_or_error(
                Category,
                data["category"],
                "Category",
                field="category",
                invalid_code=ProductErrorCode.GRAPHQL_ERROR,
            )
        collections = None
        if data.get("collections"):
            collections = get_nodes_or_error(
                Collection,
                data["collections"],
                "Collection",
                field="collections",
                invalid_code=ProductErrorCode.GRAPHQL_ERROR,
            )
        product = create_product(
            manager=info.context.plugins,
            vendor=vendor,
            product_type=product_type,
            name=data.get("name"),
            slug=data.get("slug"),
            category=category,
            description=data.get("description"),
            weight=data.get("weight"),
            rating=data.get("rating"),
            external_reference=data.get("external_reference"),
            metadata=metadata_input_to_dict(data.get("metadata")),
            private_metadata=metadata_input_to_dict(data.get("private_metadata")),
            attributes=attribute_assignments(data.get("attributes")),
            collections=collections,
            **seo_fields(data.get("seo")),
        )
        return cls(product=product)

    @staticmethod
    def clean_vendor(user, vendor_id: str | None) -> Vendor:
        if vendor_id:
            return get_node_or_error(
                Vendor,
                vendor_id,
                "Vendor",
                field="vendor",
                invalid_code=ProductErrorCode.GRAPHQL_ERROR,
            )
        owned = [] if is_product_manager(user) else owned_vendor_ids(user)
        if len(owned) != 1:
            raise field_error(
                "vendor", "Name the vendor the product belongs to.", ProductErrorCode.REQUIRED
            )
        return Vendor.objects.get(pk=owned[0])
