"""Reads of stock: how many of a variant a shopper can still buy, per warehouse or per channel."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce

from .models import Stock


def _available_now() -> CombinedExpression:
    """A stock row's units a shopper may still take: held and not allocated to an order.
    `available_quantities` and `available_quantity_subquery` both count with it, so the rule
    (which will subtract live checkout reservations too) changes in one place."""
    return F("quantity") - F("quantity_allocated")


def available_quantities(
    *,
    variant_ids: Iterable[int],
    channel_id: int,
    warehouse_ids: Iterable[int] | None = None,
) -> dict[tuple[int, int], int]:
    """Units available now per (warehouse id, variant id), in the channel's warehouses (only
    `warehouse_ids` when given). Pairs without a stock row are absent; none is negative. One
    query for any number of variants and warehouses."""
    stocks = Stock.objects.filter(
        product_variant_id__in=list(variant_ids), warehouse__channels__id=channel_id
    )
    if warehouse_ids is not None:
        stocks = stocks.filter(warehouse_id__in=list(warehouse_ids))
    rows = stocks.annotate(available=_available_now()).values_list(
        "warehouse_id", "product_variant_id", "available"
    )
    return {
        (warehouse_id, variant_id): max(available, 0)
        for warehouse_id, variant_id, available in rows.order_by()
    }


def available_quantity_subquery(*, channel_slug: str, variant_ref: str = "pk") -> Coalesce:
    """Units available now of a variant, summed over the channel's warehouses, as an expression
    to annotate variants with, so a page of variants learns its stock in the query that reads
    them (the per-warehouse rule is `available_quantities`')."""
    per_variant = (
        Stock.objects.filter(
            product_variant_id=OuterRef(variant_ref), warehouse__channels__slug=channel_slug
        )
        .values("product_variant_id")
        .annotate(available=Sum(_available_now()))
        .values("available")
    )
    return Coalesce(Subquery(per_variant, output_field=IntegerField()), Value(0))
