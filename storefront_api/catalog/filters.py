"""Saleor's product, category and collection filters, applied to querysets."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import graphene
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from graphql import GraphQLError

from backend.catalog.models import Category, CollectionProduct
from backend.catalog.search import search_products
from backend.catalog.selectors import category_and_descendants_q
from backend.channels.models import Channel
from backend.inventory.models import Stock
from storefront_api.core.ids import int_pk_or_error, int_pks_or_error
from storefront_api.core.scalars import Decimal as DecimalScalar


class StockAvailability(graphene.Enum):
    IN_STOCK = "in_stock"
    OUT_OF_STOCK = "out_of_stock"

    class Meta:
        description = "Whether any variant of a product is in stock."


class PriceRangeInput(graphene.InputObjectType):
    gte = graphene.Float(description="At least this price.")
    lte = graphene.Float(description="At most this price.")

    class Meta:
        description = "A price range; either end may be left open."


class MetadataFilter(graphene.InputObjectType):
    key = graphene.String(required=True)
    value = graphene.String()

    class Meta:
        description = "Items with this metadata key (and value, when given)."


class StringFilterInput(graphene.InputObjectType):
    eq = graphene.String()
    one_of = graphene.List(graphene.NonNull(graphene.String))

    class Meta:
        description = "Equal to a string, or one of several."


class GlobalIDFilterInput(graphene.InputObjectType):
    eq = graphene.ID()
    one_of = graphene.List(graphene.NonNull(graphene.ID))

    class Meta:
        description = "Equal to an ID, or one of several."


class DecimalRangeInput(graphene.InputObjectType):
    gte = DecimalScalar()
    lte = DecimalScalar()

    class Meta:
        description = "A decimal range; either end may be left open."


class DecimalFilterInput(graphene.InputObjectType):
    eq = DecimalScalar()
    one_of = graphene.List(graphene.NonNull(DecimalScalar))
    range = graphene.Field(DecimalRangeInput)

    class Meta:
        description = "Equal to a decimal, one of several, or within a range."


class ProductFilterInput(graphene.InputObjectType):
    is_published = graphene.Boolean()
    collections = graphene.List(graphene.NonNull(graphene.ID))
    categories = graphene.List(graphene.NonNull(graphene.ID))
    has_category = graphene.Boolean()
    stock_availability = graphene.Field(StockAvailability)
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    is_available = graphene.Boolean()
    is_visible_in_listing = graphene.Boolean()
    price = graphene.Field(PriceRangeInput)
    minimal_price = graphene.Field(PriceRangeInput)
    product_types = graphene.List(graphene.NonNull(graphene.ID))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    vendors = graphene.List(
        graphene.NonNull(graphene.ID), description="Products of these vendors (Haat)."
    )

    class Meta:
        description = "Which products to list."


class ProductWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    name = graphene.Field(StringFilterInput)
    slug = graphene.Field(StringFilterInput)
    product_type = graphene.Field(GlobalIDFilterInput)
    category = graphene.Field(GlobalIDFilterInput)
    collection = graphene.Field(GlobalIDFilterInput)
    is_available = graphene.Boolean()
    is_published = graphene.Boolean()
    is_visible_in_listing = graphene.Boolean()
    has_category = graphene.Boolean()
    price = graphene.Field(DecimalFilterInput)
    minimal_price = graphene.Field(DecimalFilterInput)
    stock_availability = graphene.Field(StockAvailability)
    vendors = graphene.List(
        graphene.NonNull(graphene.ID), description="Products of these vendors (Haat)."
    )
    AND = graphene.List(graphene.NonNull(lambda: ProductWhereInput), name="AND")
    OR = graphene.List(graphene.NonNull(lambda: ProductWhereInput), name="OR")

    class Meta:
        description = "Which products to list (Saleor's newer filter form)."


class CategoryFilterInput(graphene.InputObjectType):
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))

    class Meta:
        description = "Which categories to list."


class CollectionPublished(graphene.Enum):
    PUBLISHED = "published"
    HIDDEN = "hidden"

    class Meta:
        description = "Published or hidden collections."


class CollectionFilterInput(graphene.InputObjectType):
    published = graphene.Field(CollectionPublished)
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))

    class Meta:
        description = "Which collections to list."


class ProductVariantFilterInput(graphene.InputObjectType):
    search = graphene.String()
    sku = graphene.List(graphene.NonNull(graphene.String))
    metadata = graphene.List(graphene.NonNull(MetadataFilter))

    class Meta:
        description = "Which variants to list."


# --- applying filters ----------------------------------------------------------------------


def metadata_q(items: list[dict] | None) -> Q:
    condition = Q()
    for item in items or ():
        if item.get("value") is None:
            condition &= Q(metadata__has_key=item["key"])
        else:
            condition &= Q(**{f"metadata__{item['key']}": item["value"]})
    return condition


def _categories_q(category_ids: list[int]) -> Q:
    return category_and_descendants_q(
        list(Category.objects.filter(pk__in=category_ids).only("tree_path")), "category"
    )


def _in_collections_q(collection_ids: list[int]) -> Q:
    return Q(
        Exists(
            CollectionProduct.objects.filter(
                product_id=OuterRef("pk"), collection_id__in=collection_ids
            )
        )
    )


def _stock_q(availability: Any, channel: Channel) -> Q:
    in_stock = Exists(
        Stock.objects.filter(
            product_variant__product_id=OuterRef("pk"),
            warehouse__channels__id=channel.pk,
            quantity__gt=F("quantity_allocated"),
        )
    )
    value = getattr(availability, "value", availability)
    return Q(in_stock) if value == StockAvailability.IN_STOCK.value else ~Q(in_stock)


def _price_q(field: str, price_range: dict | None) -> Q:
    condition = Q()
    if not price_range:
        return condition
    if price_range.get("gte") is not None:
        condition &= Q(**{f"{field}__gte": Decimal(str(price_range["gte"]))})
    if price_range.get("lte") is not None:
        condition &= Q(**{f"{field}__lte": Decimal(str(price_range["lte"]))})
    return condition


def _available_q(is_available: bool) -> Q:
    available = Q(listing_available_for_purchase_at__lte=timezone.now())
    return available if is_available else ~available


def _published_q(is_published: bool) -> Q:
    return Q(listing_is_published=is_published)


def _listing_and_stock_q(value: Callable[[str], Any], channel: Channel) -> Q:
    """The conditions `filter` and `where` share: vendor, category presence, publication,
    visibility, availability and stock."""
    condition = Q()
    if value("vendors"):
        condition &= Q(vendor_id__in=int_pks_or_error(value("vendors"), "Vendor"))
    if value("has_category") is not None:
        condition &= Q(category__isnull=not value("has_category"))
    if value("is_published") is not None:
        condition &= _published_q(value("is_published"))
    if value("is_visible_in_listing") is not None:
        condition &= Q(listing_visible_in_listings=value("is_visible_in_listing"))
    if value("is_available") is not None:
        condition &= _available_q(value("is_available"))
    if value("stock_availability"):
        condition &= _stock_q(value("stock_availability"), channel)
    return condition


def filter_products(products: QuerySet, filter_input: dict | None, *, channel: Channel) -> QuerySet:
    """Apply a `ProductFilterInput` to products from `products_in_channel`."""
    if not filter_input:
        return products
    condition = Q()
    value = filter_input.get
    if value("ids"):
        condition &= Q(pk__in=int_pks_or_error(value("ids"), "Product"))
    if value("slugs"):
        condition &= Q(slug__in=value("slugs"))
    if value("categories"):
        condition &= _categories_q(int_pks_or_error(value("categories"), "Category"))
    if value("collections"):
        condition &= _in_collections_q(int_pks_or_error(value("collections"), "Collection"))
    if value("product_types"):
        condition &= Q(product_type_id__in=int_pks_or_error(value("product_types"), "ProductType"))
    condition &= _listing_and_stock_q(value, channel)
    condition &= _price_q("listing_discounted_price_amount", value("price"))
    condition &= _price_q("listing_discounted_price_amount", value("minimal_price"))
    condition &= metadata_q(value("metadata"))
    products = products.filter(condition)
    if value("search"):
        products = search_products(products, value("search"))
    return products


def _string_q(field: str, string_filter: dict | None) -> Q:
    if not string_filter:
        return Q()
    if string_filter.get("eq") is not None:
        return Q(**{field: string_filter["eq"]})
    if string_filter.get("one_of") is not None:
        return Q(**{f"{field}__in": string_filter["one_of"]})
    return Q()


def _id_filter_pks(id_filter: dict | None, type_name: str) -> list[int] | None:
    if not id_filter:
        return None
    if id_filter.get("eq") is not None:
        return [int_pk_or_error(id_filter["eq"], type_name)]
    if id_filter.get("one_of") is not None:
        return int_pks_or_error(id_filter["one_of"], type_name)
    return None


def _decimal_q(field: str, decimal_filter: dict | None) -> Q:
    if not decimal_filter:
        return Q()
    if decimal_filter.get("eq") is not None:
        return Q(**{field: decimal_filter["eq"]})
    if decimal_filter.get("one_of") is not None:
        return Q(**{f"{field}__in": decimal_filter["one_of"]})
    return _price_q(field, decimal_filter.get("range"))


def where_products_q(where: dict, *, channel: Channel) -> Q:
    """A `ProductWhereInput` as one condition (its AND and OR nest)."""
    condition = Q()
    value = where.get
    if value("AND") and value("OR"):
        raise GraphQLError("The `AND` and `OR` operators cannot be used together.")
    if value("ids"):
        condition &= Q(pk__in=int_pks_or_error(value("ids"), "Product"))
    condition &= _string_q("name", value("name"))
    condition &= _string_q("slug", value("slug"))
    product_type_ids = _id_filter_pks(value("product_type"), "ProductType")
    if product_type_ids is not None:
        condition &= Q(product_type_id__in=product_type_ids)
    category_ids = _id_filter_pks(value("category"), "Category")
    if category_ids is not None:
        condition &= Q(category_id__in=category_ids)
    collection_ids = _id_filter_pks(value("collection"), "Collection")
    if collection_ids is not None:
        condition &= _in_collections_q(collection_ids)
    condition &= _listing_and_stock_q(value, channel)
    condition &= _decimal_q("listing_discounted_price_amount", value("price"))
    condition &= _decimal_q("listing_discounted_price_amount", value("minimal_price"))
    condition &= metadata_q(value("metadata"))
    for nested in value("AND") or ():
        condition &= where_products_q(nested, channel=channel)
    if value("OR"):
        alternatives = Q(pk__in=[])
        for nested in value("OR"):
            alternatives |= where_products_q(nested, channel=channel)
        condition &= alternatives
    return condition


def search_text_q(text: str | None, *fields: str) -> Q:
    condition = Q()
    if not text:
        return condition
    for field in fields:
        condition |= Q(**{f"{field}__icontains": text})
    return condition
