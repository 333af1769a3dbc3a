"""Saleor's order filter and sort inputs (`orders`, `draftOrders`), plus Haat's vendors and
centres; the domain's `backend.orders.selectors` does the filtering."""

from __future__ import annotations

import graphene
from django.db.models import QuerySet

from backend.orders import selectors
from backend.orders.models import Order
from storefront_api.core.connection import SortKey
from storefront_api.core.enums import OrderDirection
from storefront_api.core.ids import from_global_id_or_error, int_pks_or_error

from .enums import OrderChargeStatusEnum, OrderSortField, OrderStatusFilter


def _value(item):
    return getattr(item, "value", item)


class DateRangeInput(graphene.InputObjectType):
    gte = graphene.Date(description="Start date.")
    lte = graphene.Date(description="End date.")

    class Meta:
        description = "Days, both ends included (Asia/Dhaka)."


class OrderFilterInput(graphene.InputObjectType):
    status = graphene.List(graphene.NonNull(OrderStatusFilter))
    customer = graphene.String(
        description="A mobile number in any form, or words of the customer's name or e-mail."
    )
    created = graphene.Field(DateRangeInput)
    search = graphene.String(description="An order number (`1024`, `#1024`), or a customer.")
    channels = graphene.List(graphene.NonNull(graphene.ID))
    charge_status = graphene.List(graphene.NonNull(OrderChargeStatusEnum))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    numbers = graphene.List(graphene.NonNull(graphene.String))
    vendors = graphene.List(
        graphene.NonNull(graphene.ID), description="Orders with these vendors' parts (Haat's)."
    )
    centres = graphene.List(
        graphene.NonNull(graphene.ID), description="Orders of these centres (Haat's)."
    )

    class Meta:
        description = "Which orders to list."


class OrderDraftFilterInput(graphene.InputObjectType):
    customer = graphene.String()
    created = graphene.Field(DateRangeInput)
    search = graphene.String()
    channels = graphene.List(graphene.NonNull(graphene.ID))

    class Meta:
        description = "Which draft orders to list."


class OrderSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(OrderSortField, required=True)

    class Meta:
        description = "How to sort orders."


def _order_pks(global_ids: list[str]) -> list[str]:
    return [from_global_id_or_error(global_id, "Order") for global_id in global_ids]


def filter_orders(orders: QuerySet[Order], filter_input: dict | None) -> QuerySet[Order]:
    if not filter_input:
        return orders
    if filter_input.get("status"):
        orders = selectors.filter_by_status(orders, [_value(s) for s in filter_input["status"]])
    created = filter_input.get("created")
    if created:
        orders = selectors.filter_by_created(orders, gte=created.get("gte"), lte=created.get("lte"))
    if filter_input.get("customer"):
        orders = selectors.filter_by_customer(orders, filter_input["customer"])
    if filter_input.get("search"):
        orders = selectors.search_orders(orders, filter_input["search"])
    if filter_input.get("channels") is not None:
        orders = orders.filter(channel_id__in=int_pks_or_error(filter_input["channels"], "Channel"))
    if filter_input.get("charge_status"):
        orders = orders.filter(charge_status__in=[_value(s) for s in filter_input["charge_status"]])
    if filter_input.get("ids") is not None:
        orders = orders.filter(pk__in=_valid_uuids(_order_pks(filter_input["ids"])))
    if filter_input.get("numbers") is not None:
        numbers = [
            n for n in filter_input["numbers"] if n.isascii() and n.isdigit() and len(n) < 10
        ]
        orders = orders.filter(number__in=[int(n) for n in numbers])
    if filter_input.get("vendors") is not None:
        orders = selectors.filter_by_vendors(
            orders, int_pks_or_error(filter_input["vendors"], "Vendor")
        )
    if filter_input.get("centres") is not None:
        orders = orders.filter(centre_id__in=int_pks_or_error(filter_input["centres"], "Centre"))
    return orders


def _valid_uuids(values: list[str]) -> list[str]:
    import uuid

    valid = []
    for value in values:
        try:
            valid.append(str(uuid.UUID(value)))
        except ValueError:
            continue
    return valid


_SORT_COLUMNS = {
    "creation_date": "created_at",
    "created_at": "created_at",
    "last_modified_at": "updated_at",
}


def order_sort_keys(sort_by: dict | None) -> list[SortKey]:
    """Newest first by default, as Saleor's dashboard lists them; ties broken by number."""
    if not sort_by:
        return [SortKey("number", descending=True)]
    descending = _value(sort_by["direction"]) == OrderDirection.DESC.value
    column = _SORT_COLUMNS.get(_value(sort_by["field"]))
    return [SortKey(column, descending)] if column else [SortKey("number", descending)]
