"""categoryUpdate: change a category's fields (product staff only)."""

from __future__ import annotations

import graphene

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Category
from backend.catalog.services.categories import update_category
from backend.core.permissions import PermissionEnum
from storefront_api.core.ids import get_node_or_error
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.types import metadata_input_to_dict

from ..errors import PRODUCT_FIELD_NAMES, ProductError
from .inputs import CategoryInput
from .utils import seo_fields

# Input fields passed through as they are (only when given: absent means unchanged).
_PLAIN_FIELDS = ("name", "slug", "description", "background_image", "background_image_alt")


class CategoryUpdate(BaseMutation):
    category = graphene.Field("storefront_api.catalog.types.Category")

    class Arguments:
        id = graphene.ID(required=True, description="The category.")
        input = CategoryInput(required=True, description="Fields to change.")

    class Meta:
        description = "Updates a category."
        error_type_class = ProductError
        error_field_names = PRODUCT_FIELD_NAMES
        permissions = (PermissionEnum.MANAGE_PRODUCTS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        category = get_node_or_error(
            Category,
            data["id"],
            "Category",
            field="id",
            invalid_code=ProductErrorCode.GRAPHQL_ERROR,
        )
        data = data["input"]
        category = update_category(
            manager=info.context.plugins,
            category=category,
            metadata=metadata_input_to_dict(data.get("metadata")),
            private_metadata=metadata_input_to_dict(data.get("private_metadata")),
            **{key: data[key] for key in _PLAIN_FIELDS if key in data},
            **seo_fields(data.get("seo")),
        )
        return cls(category=category)
