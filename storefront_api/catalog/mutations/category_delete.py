"""categoryDelete: remove a category and everything below it (product staff only)."""

from __future__ import annotations

import graphene

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Category
from backend.catalog.services.categories import delete_category
from backend.core.permissions import PermissionEnum
from storefront_api.core.ids import get_node_or_error
from storefront_api.core.mutations import BaseMutation

from ..errors import PRODUCT_FIELD_NAMES, ProductError


class CategoryDelete(BaseMutation):
    category = graphene.Field("storefront_api.catalog.types.Category")

    class Arguments:
        id = graphene.ID(required=True, description="The category.")

    class Meta:
        description = (
            "Deletes a category, with its subcategories; their products stay uncategorised."
        )
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
        return cls(category=delete_category(category=category, manager=info.context.plugins))
