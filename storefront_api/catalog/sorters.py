"""Saleor's sort inputs, as the keyset-pagination keys they sort by."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import F, FloatField, QuerySet, Value
from django.db.models.functions import Coalesce
from graphql import GraphQLError

from storefront_api.core.connection import SortKey
from storefront_api.core.enums import OrderDirection


class ProductOrderField(graphene.Enum):
    NAME = "name"
    RANK = "rank"
    PRICE = "price"
    MINIMAL_PRICE = "minimal_price"
    LAST_MODIFIED = "last_modified"
    LAST_MODIFIED_AT = "last_modified_at"
    CREATED_AT = "created_at"
    RATING = "rating"

    class Meta:
        description = "What products can be sorted by."


class ProductOrder(graphene.InputObjectType):
    direction = graphene.Argument(OrderDirection, required=True)
    field = graphene.Argument(ProductOrderField)

    class Meta:
        description = "How to sort products."


class CategorySortField(graphene.Enum):
    NAME = "name"

    class Meta:
        description = "What categories can be sorted by."


class CategorySortingInput(graphene.InputObjectType):
    direction = graphene.Argument(OrderDirection, required=True)
    field = graphene.Argument(CategorySortField, required=True)

    class Meta:
        description = "How to sort categories."


class CollectionSortField(graphene.Enum):
    NAME = "name"

    class Meta:
        description = "What collections can be sorted by."


class CollectionSortingInput(graphene.InputObjectType):
    direction = graphene.Argument(OrderDirection, required=True)
    field = graphene.Argument(CollectionSortField, required=True)

    class Meta:
        description = "How to sort collections."


def _value(enum_member: Any) -> Any:
    return getattr(enum_member, "value", enum_member)


def _descending(sort_by: dict | None) -> bool:
    return bool(sort_by) and _value(sort_by.get("direction")) == OrderDirection.DESC.value


# Product sort fields -> (annotation or field to sort by, annotation expression or None).
_PRODUCT_SORTS: dict[str, tuple[str, Any]] = {
    ProductOrderField.NAME.value: ("name", None),
    ProductOrderField.PRICE.value: ("sort_price", None),
    ProductOrderField.MINIMAL_PRICE.value: ("sort_price", None),
    ProductOrderField.CREATED_AT.value: ("created_at", None),
    ProductOrderField.LAST_MODIFIED.value: ("updated_at", None),
    ProductOrderField.LAST_MODIFIED_AT.value: ("updated_at", None),
    ProductOrderField.RATING.value: (
        "sort_rating",
        Coalesce(F("rating"), Value(0.0), output_field=FloatField()),
    ),
    ProductOrderField.RANK.value: ("search_rank", None),
}


def product_sort_keys(
    products: QuerySet, sort_by: dict | None, *, searching: bool
) -> tuple[QuerySet, list[SortKey]]:
    """The keys to order products by, annotating what they need. Default: best match first
    when searching, else by slug."""
    if not sort_by or sort_by.get("field") is None:
        if searching:
            return products, [SortKey("search_rank", descending=True)]
        return products, [SortKey("slug", descending=_descending(sort_by))]
    field = _value(sort_by["field"])
    if field == ProductOrderField.RANK.value and not searching:
        raise GraphQLError("Sorting by RANK is available only when using a search filter.")
    name, expression = _PRODUCT_SORTS[field]
    if expression is not None:
        products = products.annotate(**{name: expression})
    return products, [SortKey(name, descending=_descending(sort_by))]


def simple_sort_keys(sort_by: dict | None, default: str) -> list[SortKey]:
    """Sort keys for inputs whose enum values are model field names."""
    if not sort_by:
        return [SortKey(default)]
    return [SortKey(_value(sort_by["field"]), descending=_descending(sort_by))]
