"""Filter and sort inputs of the `vendors` query."""

from __future__ import annotations

import graphene
from django.db.models import Q, QuerySet

from backend.marketplace.models import Vendor
from storefront_api.core.connection import SortKey
from storefront_api.core.enums import OrderDirection
from storefront_api.core.ids import int_pk_or_error

from .types import VendorStatusEnum


class VendorFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Part of the English or Bangla name, or the slug.")
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Only these vendors.")
    centres = graphene.List(graphene.NonNull(graphene.ID), description="Vendors of these centres.")
    status = graphene.List(
        graphene.NonNull(VendorStatusEnum),
        description="Vendors in these states (others than approved show only to the permitted).",
    )

    class Meta:
        description = "Which vendors to list."


class VendorSortField(graphene.Enum):
    NAME = "name"
    CREATED_AT = "created_at"

    class Meta:
        description = "What vendors can be sorted by."


class VendorSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(VendorSortField, required=True)

    class Meta:
        description = "How to sort vendors."


def _value(item) -> str:
    return getattr(item, "value", item)


def filter_vendors(queryset: QuerySet[Vendor], filter_input: dict | None) -> QuerySet[Vendor]:
    if not filter_input:
        return queryset
    search = (filter_input.get("search") or "").strip()
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search) | Q(name_bn__icontains=search) | Q(slug__icontains=search)
        )
    if filter_input.get("ids") is not None:
        queryset = queryset.filter(
            pk__in=[int_pk_or_error(gid, "Vendor") for gid in filter_input["ids"]]
        )
    if filter_input.get("centres") is not None:
        queryset = queryset.filter(
            centre_id__in=[int_pk_or_error(gid, "Centre") for gid in filter_input["centres"]]
        )
    if filter_input.get("status") is not None:
        queryset = queryset.filter(status__in=[_value(s) for s in filter_input["status"]])
    return queryset


def vendor_sort_keys(sort_by: dict | None) -> list[SortKey]:
    if not sort_by:
        return [SortKey("name")]
    return [SortKey(_value(sort_by["field"]), _value(sort_by["direction"]) == "desc")]
