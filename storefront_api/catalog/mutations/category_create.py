"""categoryCreate: a new category, at the top or below a parent (product staff only)."""

from __future__ import annotations

import graphene

from backend.catalog.models import Category
from backend.catalog.services.categories import create_category
from backend.core.permissions import PermissionEnum
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.types import metadata_input_to_dict

from ..errors import ProductError
from .inputs import CategoryInput
from .utils import get_by_global_id, seo_fields


class CategoryCreate(BaseMutation):
    category = graphene.Field("storefront_api.catalog.types.Category")

    class Arguments:
        input = CategoryInput(required=True, description="Fields of the category.")
        parent = graphene.ID(description="The parent category; none for a top-level one.")

    class Meta:
        description = "Creates a new category."
        error_type_class = ProductError
        permissions = (PermissionEnum.MANAGE_PRODUCTS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        parent = None
        if data.get("parent"):
            parent = get_by_global_id(Category, data["parent"], "Category", field="parent")
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
