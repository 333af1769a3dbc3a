"""Reads of stock: how many of a variant a shopper can still buy in a channel."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .models import Stock


def available_quantities(*, variant_ids: Iterable[int], channel_slug: str) -> dict[int, int]:
    """Units in stock and not allocated, summed over the channel's warehouses, per variant
    (variants with no stock there are absent). One query for any number of variants."""
    rows = (
        Stock.objects.filter(
            product_variant_id__in=list(variant_ids), warehouse__channels__slug=channel_slug
        )
        .values("product_variant_id")
        .annotate(available=Sum(F("quantity") - F("quantity_allocated")))
        .order_by()
        .values_list("product_variant_id", "available")
    )
    return {variant_id: max(int(available or 0), 0) for variant_id, available in rows}


def available_quantity_subquery(*, channel_slug: str, variant_ref: str = "pk") -> Coalesce:
    """The same sum as `available_quantities`, as an expression to annotate variants with, so a
    page of variants learns its stock in the query that reads them."""
    per_variant = (
        Stock.objects.filter(
            product_variant_id=OuterRef(variant_ref), warehouse__channels__slug=channel_slug
        )
        .values("product_variant_id")
        .annotate(available=Sum(F("quantity") - F("quantity_allocated")))
        .values("available")
    )
    return Coalesce(Subquery(per_variant, output_field=IntegerField()), Value(0))
