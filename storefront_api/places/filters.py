"""Filter and sort inputs of the `centres` query."""

from __future__ import annotations

import graphene
from django.db.models import QuerySet

from backend.places.models import Centre
from backend.places.selectors import search_centres
from storefront_api.core.connection import SortKey
from storefront_api.core.enums import OrderDirection
from storefront_api.core.ids import int_pks_or_error

from .types import CentreKindEnum


class CentreFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Part of the code, English or Bangla name, or district.")
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Only these centres.")
    district = graphene.List(graphene.NonNull(graphene.ID), description="Centres in districts.")
    division = graphene.List(graphene.NonNull(graphene.ID), description="Centres in divisions.")
    kind = graphene.List(graphene.NonNull(CentreKindEnum), description="Centres of these kinds.")
    postcode = graphene.String(description="Centres served by the post office with this code.")
    is_active = graphene.Boolean(description="Open or closed centres (closed: staff only).")

    class Meta:
        description = "Which centres to list."


class CentreSortField(graphene.Enum):
    CODE = "code"
    NAME = "name"

    class Meta:
        description = "What centres can be sorted by."


class CentreSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(CentreSortField, required=True)

    class Meta:
        description = "How to sort centres."


def _value(item) -> str:
    return getattr(item, "value", item)


def filter_centres(queryset: QuerySet[Centre], filter_input: dict | None) -> QuerySet[Centre]:
    if not filter_input:
        return queryset
    queryset = search_centres(queryset, filter_input.get("search") or "")
    if filter_input.get("ids") is not None:
        queryset = queryset.filter(pk__in=int_pks_or_error(filter_input["ids"], "Centre"))
    if filter_input.get("district") is not None:
        queryset = queryset.filter(
            district_id__in=int_pks_or_error(filter_input["district"], "District")
        )
    if filter_input.get("division") is not None:
        queryset = queryset.filter(
            district__division_id__in=int_pks_or_error(filter_input["division"], "Division")
        )
    if filter_input.get("kind") is not None:
        queryset = queryset.filter(kind__in=[_value(kind) for kind in filter_input["kind"]])
    if filter_input.get("postcode"):
        queryset = queryset.filter(post_office__postcode=filter_input["postcode"].strip())
    if filter_input.get("is_active") is not None:
        queryset = queryset.filter(is_active=filter_input["is_active"])
    return queryset


def centre_sort_keys(sort_by: dict | None) -> list[SortKey]:
    if not sort_by:
        return [SortKey("code")]
    return [SortKey(_value(sort_by["field"]), _value(sort_by["direction"]) == "desc")]
