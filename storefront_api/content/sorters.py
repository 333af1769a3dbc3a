"""Saleor's page and menu sort inputs (their enum values are model field names, sorted by
`simple_sort_keys`)."""

from __future__ import annotations

import graphene

from storefront_api.core.enums import OrderDirection


class PageSortField(graphene.Enum):
    TITLE = "title"
    SLUG = "slug"
    CREATED_AT = "created_at"

    class Meta:
        description = "What pages can be sorted by."


class PageSortingInput(graphene.InputObjectType):
    direction = graphene.Argument(OrderDirection, required=True)
    field = graphene.Argument(PageSortField, required=True)

    class Meta:
        description = "How to sort pages."


class MenuSortField(graphene.Enum):
    NAME = "name"

    class Meta:
        description = "What menus can be sorted by."


class MenuSortingInput(graphene.InputObjectType):
    direction = graphene.Argument(OrderDirection, required=True)
    field = graphene.Argument(MenuSortField, required=True)

    class Meta:
        description = "How to sort menus."
