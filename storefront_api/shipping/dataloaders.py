"""Loaders of the delivery set-up: a page of zones reads each relation in one query."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import F, Max, Min

from backend.channels.models import Channel
from backend.inventory.models import Warehouse
from backend.shipping.models import (
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingRate,
    ShippingZone,
)
from storefront_api.core.dataloaders import DataLoader, by_key, group_by


class ShippingZoneByIdLoader(DataLoader[int, ShippingZone | None]):
    def batch_load(self, keys: list[int]) -> list[ShippingZone | None]:
        zones = by_key(ShippingZone.objects.filter(pk__in=keys), lambda zone: zone.pk)
        return [zones.get(key) for key in keys]


class ChannelsByShippingZoneIdLoader(DataLoader[int, list[Channel]]):
    def batch_load(self, keys: list[int]) -> list[list[Channel]]:
        links = ShippingZone.channels.through.objects.filter(
            shippingzone_id__in=keys
        ).select_related("channel")
        grouped = group_by(links, lambda link: link.shippingzone_id)
        return [
            sorted((link.channel for link in grouped.get(key, [])), key=lambda c: c.slug)
            for key in keys
        ]


class WarehousesByShippingZoneIdLoader(DataLoader[int, list[Warehouse]]):
    """The warehouses of the zone's channels: zones are distances from any warehouse, so every
    warehouse of a channel the zone serves sends parcels into it."""

    def batch_load(self, keys: list[int]) -> list[list[Warehouse]]:
        rows = (
            Warehouse.objects.filter(channels__shipping_zones__in=keys)
            .annotate(zone_id=F("channels__shipping_zones"))
            .order_by("name", "pk")
        )
        grouped: dict[int, dict[int, Warehouse]] = defaultdict(dict)
        for warehouse in rows:
            grouped[warehouse.zone_id].setdefault(warehouse.pk, warehouse)
        return [list(grouped.get(key, {}).values()) for key in keys]


class ShippingMethodsByZoneIdAndChannelLoader(
    DataLoader[tuple[int, str | None], list[ShippingMethod]]
):
    """The methods with rates in a zone: in one channel, or in any (channel None)."""

    def batch_load(self, keys: list[tuple[int, str | None]]) -> list[list[ShippingMethod]]:
        rows = (
            ShippingMethod.objects.filter(rates__shipping_zone_id__in={zone for zone, _ in keys})
            .annotate(zone_id=F("rates__shipping_zone_id"), channel_slug=F("rates__channel__slug"))
            .order_by("name", "pk")
        )
        grouped: dict[tuple[int, str | None], dict[int, ShippingMethod]] = defaultdict(dict)
        for method in rows:
            for key in ((method.zone_id, method.channel_slug), (method.zone_id, None)):
                grouped[key].setdefault(method.pk, method)
        return [list(grouped.get(key, {}).values()) for key in keys]


class PriceRangeByZoneIdAndChannelLoader(
    DataLoader[tuple[int, str], tuple[Decimal, Decimal, str] | None]
):
    """The cheapest and dearest parcel price in a zone and channel, with the currency."""

    def batch_load(self, keys: list[tuple[int, str]]) -> list[tuple[Decimal, Decimal, str] | None]:
        rows = (
            ShippingRate.objects.filter(
                shipping_zone_id__in={zone for zone, _ in keys},
                channel__slug__in={slug for _, slug in keys},
            )
            .values("shipping_zone_id", "channel__slug", "channel__currency_code")
            .annotate(lowest=Min("price_amount"), highest=Max("price_amount"))
            .order_by()
        )
        ranges = {
            (row["shipping_zone_id"], row["channel__slug"]): (
                row["lowest"],
                row["highest"],
                row["channel__currency_code"],
            )
            for row in rows
        }
        return [ranges.get(key) for key in keys]


class ListingByShippingMethodIdAndChannelLoader(
    DataLoader[tuple[int, str], ShippingMethodChannelListing | None]
):
    def batch_load(self, keys: list[tuple[int, str]]) -> list[ShippingMethodChannelListing | None]:
        rows = ShippingMethodChannelListing.objects.filter(
            shipping_method_id__in={method for method, _ in keys},
            channel__slug__in={slug for _, slug in keys},
        ).annotate(channel_slug=F("channel__slug"))
        listings = by_key(rows, lambda row: (row.shipping_method_id, row.channel_slug))
        return [listings.get(key) for key in keys]
