"""Filter and sort inputs of the `apps` query."""

from __future__ import annotations

import graphene
from django.db.models import Q, QuerySet

from backend.apps.models import App
from storefront_api.core.connection import SortKey
from storefront_api.core.enums import OrderDirection

from .enums import AppSortField, AppTypeEnum


class AppFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Part of the app's name or identifier.")
    is_active = graphene.Boolean()
    type = graphene.Field(AppTypeEnum)

    class Meta:
        description = "Which apps to list."


class AppSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(AppSortField, required=True)

    class Meta:
        description = "How to sort apps."


def _value(item) -> str:
    return getattr(item, "value", item)


def filter_apps(queryset: QuerySet[App], filter_input: dict | None) -> QuerySet[App]:
    if not filter_input:
        return queryset
    search = (filter_input.get("search") or "").strip()
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(identifier__icontains=search))
    if filter_input.get("is_active") is not None:
        queryset = queryset.filter(is_active=filter_input["is_active"])
    if filter_input.get("type") is not None:
        queryset = queryset.filter(type=_value(filter_input["type"]))
    return queryset


def app_sort_keys(sort_by: dict | None) -> list[SortKey]:
    if not sort_by:
        return [SortKey("name")]
    return [SortKey(_value(sort_by["field"]), _value(sort_by["direction"]) == "desc")]
