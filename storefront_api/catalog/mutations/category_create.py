"""categoryCreate: a new category, at the top or below a parent (product staff only)."""

from __future__ import annotations

import graphene

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Category
from backend.catalog.services.categories import create_category
from backend.core.permissions import PermissionEnum
from storefront_api.core.ids import get_node_or_error
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.types import metadata_input_to_dict

from ..errors import PRODUCT_FIELD_NAMES, ProductError
from .inputs import CategoryInput
from .utils import seo_fields


class CategoryCreate(BaseMutation):
    category = graphene.Field("storefront_api.catalog.types.Category")

    class Arguments:
        input = CategoryInput(required=True, description="Fields of the category.")
        parent = graphene.ID(description="The parent category; none for a top-level one.")

    class Meta:
        description = "Creates a new category."
        error_type_class = ProductError
        error_field_names = PRODUCT_FIELD_NAMES
        permissions = (PermissionEnum.MANAGE_PRODUCTS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        parent = None
        if data.get("parent"):
            parent = get_node_or_error(
                Category,
                data["parent"],
                "Category",
                field="parent",
                invalid_code=ProductErrorCode.GRAPHQL_ERROR,
            )
        data = data["input"]
        category = create_category(
            manager=info.context.plugins,
            name=data.get("name"),
            slug=data.get("slug"),
            parent=parent,
            description=data.get("description"),
            background_image=data.get("background_image"),
            background_image_alt=data.get("background_image_alt") or "",
            metadata=metadata_input_to_dict(data.get("metadata")),
            private_metadata=metadata_input_to_dict(data.get("private_metadata")),
            **seo_fields(data.get("seo")),
        )
        return cls(category=category)
