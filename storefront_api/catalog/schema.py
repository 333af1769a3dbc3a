"""Root query fields of the catalogue: products, variants, categories and collections, with
Saleor's arguments and visibility rules (the resolvers are in `resolvers.py`)."""

from __future__ import annotations

import graphene

from storefront_api.core.arguments import slug_language_code_argument
from storefront_api.core.connection import connection_args

from .filters import (
    CategoryFilterInput,
    CollectionFilterInput,
    ProductFilterInput,
    ProductVariantFilterInput,
    ProductWhereInput,
)
from .resolvers import (
    resolve_categories,
    resolve_category,
    resolve_collection,
    resolve_collections,
    resolve_product,
    resolve_product_variant,
    resolve_product_variants,
    resolve_products,
)
from .sorters import CategorySortingInput, CollectionSortingInput, ProductOrder
from .types import (
    Category,
    CategoryCountableConnection,
    Collection,
    CollectionCountableConnection,
    Product,
    ProductCountableConnection,
    ProductVariant,
    ProductVariantCountableConnection,
)


class CatalogQueries(graphene.ObjectType):
    products = graphene.Field(
        ProductCountableConnection,
        filter=graphene.Argument(ProductFilterInput),
        where=graphene.Argument(ProductWhereInput),
        sort_by=graphene.Argument(ProductOrder),
        search=graphene.String(description="Words to look for in names, SKUs and vendors."),
        channel=graphene.String(description="Slug of a channel (default: the shop's)."),
        **connection_args(),
        description="Products the viewer may see in a channel.",
    )
    product = graphene.Field(
        Product,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=slug_language_code_argument(),
        external_reference=graphene.String(),
        channel=graphene.String(),
        description="One product, by ID, slug or external reference.",
    )
    product_variant = graphene.Field(
        ProductVariant,
        id=graphene.ID(),
        sku=graphene.String(),
        external_reference=graphene.String(),
        channel=graphene.String(),
        description="One variant, by ID, SKU or external reference.",
    )
    product_variants = graphene.Field(
        ProductVariantCountableConnection,
        ids=graphene.List(graphene.NonNull(graphene.ID)),
        channel=graphene.String(),
        filter=graphene.Argument(ProductVariantFilterInput),
        **connection_args(),
        description="Variants the viewer may see in a channel.",
    )
    categories = graphene.Field(
        CategoryCountableConnection,
        filter=graphene.Argument(CategoryFilterInput),
        sort_by=graphene.Argument(CategorySortingInput),
        level=graphene.Int(description="Only categories at this depth (0: top level)."),
        **connection_args(),
        description="Categories of the catalogue.",
    )
    category = graphene.Field(
        Category,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=slug_language_code_argument(),
        description="One category, by ID or slug.",
    )
    collections = graphene.Field(
        CollectionCountableConnection,
        filter=graphene.Argument(CollectionFilterInput),
        sort_by=graphene.Argument(CollectionSortingInput),
        channel=graphene.String(),
        **connection_args(),
        description="Collections published in a channel.",
    )
    collection = graphene.Field(
        Collection,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=slug_language_code_argument(),
        channel=graphene.String(),
        description="One collection, by ID or slug.",
    )

    @staticmethod
    def resolve_products(_root, info, **kwargs):
        return resolve_products(info, **kwargs)

    @staticmethod
    def resolve_product(_root, info, **kwargs):
        return resolve_product(info, **kwargs)

    @staticmethod
    def resolve_product_variant(_root, info, **kwargs):
        return resolve_product_variant(info, **kwargs)

    @staticmethod
    def resolve_product_variants(_root, info, **kwargs):
        return resolve_product_variants(info, **kwargs)

    @staticmethod
    def resolve_categories(_root, info, **kwargs):
        return resolve_categories(info, **kwargs)

    @staticmethod
    def resolve_category(_root, info, **kwargs):
        return resolve_category(info, **kwargs)

    @staticmethod
    def resolve_collections(_root, info, **kwargs):
        return resolve_collections(info, **kwargs)

    @staticmethod
    def resolve_collection(_root, info, **kwargs):
        return resolve_collection(info, **kwargs)
