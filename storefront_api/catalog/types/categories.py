"""The category tree."""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay

from backend.catalog import models
from backend.core.permissions import PermissionEnum
from storefront_api.core.connection import connection_args, create_connection, paginate_list
from storefront_api.core.dataloaders import then
from storefront_api.core.scalars import JSONString
from storefront_api.core.types import (
    Image,
    ModelObjectType,
    ObjectWithMetadata,
    ObjectWithMetadataFields,
)

from ..dataloaders import (
    AncestorsByCategoryTreePathLoader,
    CategoryByIdLoader,
    ChildrenByCategoryIdLoader,
    TranslationByCategoryIdAndLanguageLoader,
)
from ..filters import ProductFilterInput, ProductWhereInput
from ..resolvers import resolve_products
from ..sorters import ProductOrder
from .common import background_image_of, image_args
from .translations import CategoryTranslation, translation_field, translation_resolver


def products_connection_field(*, with_channel: bool) -> graphene.Field:
    """The `products` connection of a category or collection, with the root query's arguments."""
    args: dict[str, Any] = {
        "filter": graphene.Argument(ProductFilterInput),
        "where": graphene.Argument(ProductWhereInput),
        "sort_by": graphene.Argument(ProductOrder),
    }
    if with_channel:
        args["channel"] = graphene.String()
    return graphene.Field(
        "storefront_api.catalog.types.products.ProductCountableConnection",
        **args,
        **connection_args(),
    )


class Category(ObjectWithMetadataFields, ModelObjectType, model=models.Category):
    private_metadata_permissions = (PermissionEnum.MANAGE_PRODUCTS,)
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = JSONString()
    slug = graphene.String(required=True)
    parent = graphene.Field(lambda: Category)
    level = graphene.Int(required=True)
    updated_at = graphene.DateTime(required=True)
    ancestors = graphene.Field(lambda: CategoryCountableConnection, **connection_args())
    products = products_connection_field(with_channel=True)
    children = graphene.Field(lambda: CategoryCountableConnection, **connection_args())
    background_image = graphene.Field(Image, **image_args())
    translation = translation_field(CategoryTranslation)

    class Meta:
        description = "A node of the category tree."
        interfaces = (relay.Node, ObjectWithMetadata)

    resolve_translation = translation_resolver(TranslationByCategoryIdAndLanguageLoader)
    resolve_background_image = staticmethod(background_image_of)

    @classmethod
    def get_node(cls, info, id):
        return CategoryByIdLoader(info.context).load(int(id))

    @staticmethod
    def resolve_parent(root: models.Category, info):
        if root.parent_id is None:
            return None
        return CategoryByIdLoader(info.context).load(root.parent_id)

    @staticmethod
    def resolve_ancestors(root: models.Category, info, **kwargs):
        return then(
            AncestorsByCategoryTreePathLoader(info.context).load(root.tree_path),
            lambda ancestors: paginate_list(ancestors, connection_name="ancestors", **kwargs),
        )

    @staticmethod
    def resolve_children(root: models.Category, info, **kwargs):
        return then(
            ChildrenByCategoryIdLoader(info.context).load(root.pk),
            lambda children: paginate_list(children, connection_name="children", **kwargs),
        )

    @staticmethod
    def resolve_products(root: models.Category, info, channel=None, **kwargs):
        return resolve_products(info, channel=channel, category=root, **kwargs)


CategoryCountableConnection = create_connection(Category)
