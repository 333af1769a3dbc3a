"""A checkout's lines as parcels: one per vendor, sent from the vendor's district.

Vendors ship their own goods (DESIGN.md: a multi-vendor order is one `VendorOrder` per vendor),
so delivery is priced per vendor's parcel and the checkout pays the sum.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, OuterRef, Subquery

from backend.core.db import precompiled_rows
from backend.inventory.models import Warehouse
from backend.marketplace.models import Vendor
from plugins.framework.interface import ParcelData


@dataclass(frozen=True)
class ParcelLine:
    """What delivery needs of a checkout line."""

    vendor_id: int
    weight: Decimal  # kg per unit
    quantity: int
    total: Decimal  # the line's price, all units


def origin_districts(vendor_ids: Iterable[int]) -> dict[int, int | None]:
    """Each vendor's sending district: its first warehouse's with a district, else its centre's.
    One query for any number of vendors; an unknown vendor is absent."""
    ids = list(dict.fromkeys(vendor_ids))
    if not ids:
        return {}
    rows = precompiled_rows(("shipping.parcels.origin_districts",), _origin_districts_read, ids)
    return {pk: warehouse or centre for pk, warehouse, centre in rows}


def _origin_districts_read(ids):
    """Compiled once per process (`precompiled_rows`): every checkout's delivery asks it."""
    warehouse_district = (
        Warehouse.objects.filter(vendor_id=OuterRef("pk"), district__isnull=False)
        .order_by("pk")
        .values("district_id")[:1]
    )
    return (
        Vendor.objects.filter(pk__any_of=ids)
        .annotate(
            warehouse_district_id=Subquery(warehouse_district),
            centre_district_id=F("centre__district_id"),
        )
        .values_list("pk", "warehouse_district_id", "centre_district_id")
        .order_by()
    )


def parcels_for_lines(
    lines: Iterable[ParcelLine], *, origins: dict[int, int | None] | None = None
) -> tuple[ParcelData, ...]:
    """One parcel per vendor, in the order vendors first appear: weight and subtotal summed, the
    origin district found in one query for all vendors (None when the vendor has none), or
    taken from `origins` (`origin_districts` of many checkouts' vendors at once)."""
    weights: dict[int, Decimal] = {}
    subtotals: dict[int, Decimal] = {}
    for line in lines:
        weights[line.vendor_id] = (
            weights.get(line.vendor_id, Decimal(0)) + line.weight * line.quantity
        )
        subtotals[line.vendor_id] = subtotals.get(line.vendor_id, Decimal(0)) + line.total
    if origins is None:
        origins = origin_districts(weights)
    return tuple(
        ParcelData(
            vendor_id=vendor_id,
            origin_district_id=origins.get(vendor_id),
            weight=weight,
            subtotal=subtotals[vendor_id],
        )
        for vendor_id, weight in weights.items()
    )
