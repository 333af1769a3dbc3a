"""The demo's delivery: a zone of each kind and two methods with believable Taka rates.

Figures are shaped after Bangladesh Post's parcel and EMS tariffs and the couriers' published
ones (DOMAIN.md: up to 1 kg Tk 60-130 by zone): invented, but in the right range. Delivery days
follow the Post Office's charter (next day in a city, 2 days to other cities, 5 to remote
areas). Idempotent: zones are found by kind, methods by name, and a rate table is written only
when it is empty.
"""

from __future__ import annotations

from decimal import Decimal

from backend.channels.models import Channel
from backend.shipping.models import ShippingMethod, ShippingRate, ShippingZone, ShippingZoneKind
from backend.shipping.services import (
    RateSlab,
    create_shipping_method,
    create_shipping_zone,
    set_shipping_method_channel_listing,
    set_shipping_rates,
)

SAME_DISTRICT = ShippingZoneKind.SAME_DISTRICT
SAME_DIVISION = ShippingZoneKind.SAME_DIVISION
REST_OF_COUNTRY = ShippingZoneKind.REST_OF_COUNTRY

ZONES = {
    SAME_DISTRICT: ("একই জেলা", "Parcels that stay in the vendor's district."),
    SAME_DIVISION: ("একই বিভাগ", "Parcels to another district of the vendor's division."),
    REST_OF_COUNTRY: ("সারা দেশ", "Parcels to any other division, or where a district is unknown."),
}
# Bangladesh Post carries parcels up to 20 kg.
SLAB_BOUNDS_KG = (Decimal("0.5"), Decimal(1), Decimal(2), Decimal(5), Decimal(10), Decimal(20))

# name: (delivery days, {zone: (minimum days, maximum days, price per slab in SLAB_BOUNDS_KG)})
METHODS: dict[
    str, tuple[tuple[int, int], dict[ShippingZoneKind, tuple[int, int, tuple[int, ...]]]]
] = {
    "Postal parcel": (
        (3, 7),
        {
            SAME_DISTRICT: (1, 2, (40, 50, 70, 120, 200, 340)),
            SAME_DIVISION: (2, 4, (50, 65, 90, 150, 250, 420)),
            REST_OF_COUNTRY: (3, 7, (60, 80, 110, 180, 300, 500)),
        },
    ),
    "Express (EMS)": (
        (1, 3),
        {
            SAME_DISTRICT: (1, 1, (80, 100, 140, 220, 380, 650)),
            SAME_DIVISION: (1, 2, (110, 130, 170, 260, 440, 760)),
            REST_OF_COUNTRY: (2, 3, (140, 160, 210, 320, 540, 900)),
        },
    ),
}


def ensure_zones(channel: Channel) -> dict[ShippingZoneKind, ShippingZone]:
    zones = {zone.kind: zone for zone in ShippingZone.objects.all()}
    for kind, (name, description) in ZONES.items():
        if kind not in zones:
            zones[kind] = create_shipping_zone(
                name=name,
                kind=kind,
                description=description,
                default=kind == REST_OF_COUNTRY,
            )
        zones[kind].channels.add(channel)
    return {ShippingZoneKind(kind): zone for kind, zone in zones.items()}


def ensure_delivery(channel: Channel) -> None:
    """Zones, the post and EMS listed in `channel`, and their rate tables."""
    zones = ensure_zones(channel)
    for name, ((min_days, max_days), per_zone) in METHODS.items():
        method = ShippingMethod.objects.filter(name=name).first() or create_shipping_method(
            name=name, minimum_delivery_days=min_days, maximum_delivery_days=max_days
        )
        set_shipping_method_channel_listing(method=method, channel=channel)
        for kind, (zone_min, zone_max, prices) in per_zone.items():
            zone = zones[kind]
            if ShippingRate.objects.filter(
                shipping_method=method, shipping_zone=zone, channel=channel
            ).exists():
                continue
            set_shipping_rates(
                method=method,
                zone=zone,
                channel=channel,
                slabs=[
                    RateSlab(bound, Decimal(price), zone_min, zone_max)
                    for bound, price in zip(SLAB_BOUNDS_KG, prices, strict=True)
                ],
            )
