"""Builders for delivery tests: rate slabs, parcels and requests."""

from __future__ import annotations

from decimal import Decimal

from backend.shipping.models import ShippingZoneKind
from backend.shipping.services import RateSlab, set_shipping_rates
from plugins.framework.interface import DeliveryRequest, ParcelData

# Postal parcel, per zone: (up to kg, price).
POSTAL_SLABS = {
    ShippingZoneKind.SAME_DISTRICT: ((Decimal("0.5"), Decimal(50)), (Decimal(1), Decimal(60))),
    ShippingZoneKind.SAME_DIVISION: ((Decimal("0.5"), Decimal(70)), (Decimal(1), Decimal(90))),
    ShippingZoneKind.REST_OF_COUNTRY: ((Decimal("0.5"), Decimal(100)), (Decimal(1), Decimal(130))),
}


def add_slabs(method, zones, channel, slabs_by_kind) -> None:
    for kind, slabs in slabs_by_kind.items():
        set_shipping_rates(
            method=method,
            zone=zones[kind],
            channel=channel,
            slabs=[RateSlab(max_weight=bound, price=price) for bound, price in slabs],
        )


def parcel(vendor_id=1, *, origin, weight="0.4", subtotal="500") -> ParcelData:
    return ParcelData(
        vendor_id=vendor_id,
        origin_district_id=origin.pk if origin is not None else None,
        weight=Decimal(weight),
        subtotal=Decimal(subtotal),
    )


def request_to(
    destination, *parcels: ParcelData, channel_slug="bd", currency="BDT"
) -> DeliveryRequest:
    return DeliveryRequest(
        channel_slug=channel_slug,
        currency=currency,
        destination_district_id=destination.pk if destination is not None else None,
        parcels=tuple(parcels),
    )
