"""What delivery a checkout can have, and at what price: Haat's rates, then the plugins.

`shipping_methods_for` prices Haat's own methods from the rate table: each vendor's parcel by the
method's rate for the parcel's zone (origin district to destination district) and weight slab.
A method is offered only when it can carry every parcel. `delivery_options` and
`delivery_price` pass that through the plugin hooks, so a carrier plugin (the post, a courier)
can add its methods and reprice; the checkout calls those two.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Q

from backend.core.db import precompiled_rows
from backend.core.money import quantize
from backend.places.models import District
from plugins.framework.interface import DeliveryRequest, ParcelData, ShippingMethodData
from plugins.framework.manager import PluginsManager

from .models import ShippingMethodChannelListing, ShippingRate, ShippingZoneKind

logger = logging.getLogger(__name__)


def zone_kind(
    origin_district_id: int | None,
    destination_district_id: int | None,
    division_of: dict[int, int],
) -> ShippingZoneKind | None:
    """The distance class between two districts; None when either is unknown."""
    if origin_district_id is None or destination_district_id is None:
        return None
    if origin_district_id == destination_district_id:
        return ShippingZoneKind.SAME_DISTRICT
    origin_division = division_of.get(origin_district_id)
    if origin_division is not None and origin_division == division_of.get(destination_district_id):
        return ShippingZoneKind.SAME_DIVISION
    return ShippingZoneKind.REST_OF_COUNTRY


@dataclass(frozen=True)
class _Rate:
    zone_id: int
    max_weight: Decimal | None
    price: Decimal
    minimum_delivery_days: int | None
    maximum_delivery_days: int | None


@dataclass
class _RateTable:
    """The channel's rates of the offered methods, by (method, zone), slabs lightest first."""

    rates: dict[tuple[int, int], list[_Rate]]
    zone_of_kind: dict[str, int]
    default_zone_id: int | None

    def zone_for(self, kind: ShippingZoneKind | None) -> int | None:
        if kind is None:
            return self.default_zone_id
        return self.zone_of_kind.get(kind.value)

    def rate_for(self, method_id: int, zone_id: int | None, weight: Decimal) -> _Rate | None:
        """The slab holding `weight`: the lowest bound at or above it (an unbounded one last)."""
        if zone_id is None:
            return None
        for rate in self.rates.get((method_id, zone_id), ()):
            if rate.max_weight is None or weight <= rate.max_weight:
                return rate
        return None


def _division_of(requests: Sequence[DeliveryRequest]) -> dict[int, int]:
    ids: set[int | None] = set()
    for request in requests:
        ids.update(parcel.origin_district_id for parcel in request.parcels)
        ids.add(request.destination_district_id)
    known = [district_id for district_id in ids if district_id is not None]
    if not known:
        return {}
    return dict(
        precompiled_rows(
            ("shipping.quotes.division_of",),
            lambda ids: District.objects.filter(pk__any_of=ids).values_list("pk", "division_id"),
            known,
        )
    )


def _rate_table(channel_slug: str, method_ids: list[int], kinds: set[str]) -> _RateTable:
    # The zone kinds are a handful of constants: each set of them is a read of its own.
    kinds_listed = tuple(sorted(kinds))
    rows = precompiled_rows(
        ("shipping.quotes.rate_table", kinds_listed, True),
        lambda ids, channel_slug: (
            ShippingRate.objects.filter(
                channel__slug=channel_slug,
                shipping_method_id__any_of=ids,
                shipping_zone__channels__slug=channel_slug,
            )
            .filter(Q(shipping_zone__kind__in=kinds_listed) | Q(shipping_zone__default=True))
            .values_list(
                "shipping_method_id",
                "shipping_zone_id",
                "shipping_zone__kind",
                "shipping_zone__default",
                "max_weight",
                "price_amount",
                "minimum_delivery_days",
                "maximum_delivery_days",
            )
        ),
        method_ids,
        params={"channel_slug": channel_slug},
    )
    table = _RateTable(rates={}, zone_of_kind={}, default_zone_id=None)
    for method_id, zone_id, kind, is_default, max_weight, price, min_days, max_days in rows:
        table.rates.setdefault((method_id, zone_id), []).append(
            _Rate(zone_id, max_weight, price, min_days, max_days)
        )
        table.zone_of_kind[kind] = zone_id
        if is_default:
            table.default_zone_id = zone_id
    for slabs in table.rates.values():
        slabs.sort(key=lambda rate: (rate.max_weight is None, rate.max_weight or 0))
    return table


def _latest(values: list[int | None]) -> int | None:
    """The slowest parcel's promise: the checkout arrives when its last parcel does."""
    known = [value for value in values if value is not None]
    return max(known) if known else None


def _first_known(zone_days: int | None, method_days: int | None) -> int | None:
    """The zone's own promise when it has one (0 days is one), else the method's."""
    return zone_days if zone_days is not None else method_days


def _quote(
    listing: ShippingMethodChannelListing,
    request: DeliveryRequest,
    table: _RateTable,
    kinds: list[ShippingZoneKind | None],
) -> ShippingMethodData | None:
    method = listing.shipping_method
    chosen: list[tuple[ParcelData, _Rate]] = []
    for parcel, kind in zip(request.parcels, kinds, strict=True):
        rate = table.rate_for(method.pk, table.zone_for(kind), parcel.weight)
        if rate is None:
            return None  # one parcel it cannot carry: the whole checkout cannot use it
        chosen.append((parcel, rate))
    parcel_prices = tuple((parcel.vendor_id, rate.price) for parcel, rate in chosen)
    return ShippingMethodData(
        id=str(method.pk),
        name=method.name,
        price=sum((price for _vendor, price in parcel_prices), Decimal(0)),
        currency=listing.currency,
        description=method.description,
        type=str(method.type),
        minimum_delivery_days=_latest(
            [
                _first_known(rate.minimum_delivery_days, method.minimum_delivery_days)
                for _p, rate in chosen
            ]
        ),
        maximum_delivery_days=_latest(
            [
                _first_known(rate.maximum_delivery_days, method.maximum_delivery_days)
                for _p, rate in chosen
            ]
        ),
        minimum_order_price=listing.minimum_order_price_amount,
        maximum_order_price=listing.maximum_order_price_amount,
        metadata=dict(method.metadata),
        private_metadata=dict(method.private_metadata),
        parcel_prices=parcel_prices,
    )


def shipping_methods_for(request: DeliveryRequest) -> list[ShippingMethodData]:
    """Haat's methods in the request's channel and currency that can carry every parcel (a rate
    for the parcel's zone with a slab holding its weight; the goods' total within the method's
    minimum and maximum order price), each priced as the sum of its parcels, cheapest first.
    At most four queries, however many parcels; none for a request without parcels."""
    return shipping_methods_for_many([request])[0]


def _offered(listing: ShippingMethodChannelListing, subtotal: Decimal) -> bool:
    low, high = listing.minimum_order_price_amount, listing.maximum_order_price_amount
    return (low is None or low <= subtotal) and (high is None or high >= subtotal)


def _method_listings(channel_slug: str, currency: str) -> list[ShippingMethodChannelListing]:
    # The channel's slug stands for the id list: the read is compiled once for every channel.
    return precompiled_rows(
        ("shipping.quotes.method_listings",),
        lambda slugs, currency: ShippingMethodChannelListing.objects.filter(
            channel__slug__any_of=slugs, currency=currency
        ).select_related("shipping_method"),
        [channel_slug],
        params={"currency": currency},
    )


def shipping_methods_for_many(
    requests: Sequence[DeliveryRequest],
) -> list[list[ShippingMethodData]]:
    """`shipping_methods_for` of each request, in order, reading the listings and rates once per
    channel and the districts once for all (a page of a customer's checkouts)."""
    wanted = [request for request in requests if request.parcels]
    listings_of: dict[tuple[str, str], list[ShippingMethodChannelListing]] = {}
    for request in wanted:
        key = (request.channel_slug, request.currency)
        if key not in listings_of:
            listings_of[key] = _method_listings(*key)
    wanted = [r for r in wanted if listings_of[(r.channel_slug, r.currency)]]
    division_of = _division_of(wanted) if wanted else {}
    kinds_of: dict[int, list[ShippingZoneKind | None]] = {}
    kinds_by_channel: dict[str, set[str]] = {}
    for request in wanted:
        kinds = [
            zone_kind(parcel.origin_district_id, request.destination_district_id, division_of)
            for parcel in request.parcels
        ]
        kinds_of[id(request)] = kinds
        kinds_by_channel.setdefault(request.channel_slug, set()).update(
            kind.value for kind in kinds if kind is not None
        )
    tables: dict[str, _RateTable] = {}
    for channel_slug, kinds_seen in kinds_by_channel.items():
        method_ids = {
            listing.shipping_method_id
            for (slug, _currency), listings in listings_of.items()
            if slug == channel_slug
            for listing in listings
        }
        tables[channel_slug] = _rate_table(channel_slug, sorted(method_ids), kinds_seen)
    results: list[list[ShippingMethodData]] = []
    for request in requests:
        if id(request) not in kinds_of:
            results.append([])
            continue
        subtotal = request.subtotal
        quotes = [
            _quote(listing, request, tables[request.channel_slug], kinds_of[id(request)])
            for listing in listings_of[(request.channel_slug, request.currency)]
            if _offered(listing, subtotal)
        ]
        results.append(
            sorted(
                (quote for quote in quotes if quote is not None),
                key=lambda quote: (quote.price, quote.name, quote.id),
            )
        )
    return results


def with_price(method: ShippingMethodData, price: Decimal) -> ShippingMethodData:
    """`method` at a new total, its parcels' prices scaled to match, so the vendors' shares
    still add up to what the customer pays (the last parcel takes the rounding)."""
    price = quantize(price)
    if price == method.price or not method.parcel_prices:
        return replace(method, price=price)
    old_total = sum((share for _vendor, share in method.parcel_prices), Decimal(0))
    count = len(method.parcel_prices)
    shares: list[tuple[int, Decimal]] = []
    for vendor_id, share in method.parcel_prices[:-1]:
        scaled = price * share / old_total if old_total else price / count
        shares.append((vendor_id, quantize(scaled)))
    last_vendor = method.parcel_prices[-1][0]
    shares.append((last_vendor, price - sum((share for _v, share in shares), Decimal(0))))
    return replace(method, price=price, parcel_prices=tuple(shares))


def delivery_options(
    request: DeliveryRequest,
    manager: PluginsManager,
    *,
    own_methods: list[ShippingMethodData] | None = None,
) -> list[ShippingMethodData]:
    """What the checkout offers: Haat's methods through `get_shipping_methods_for_checkout`
    (plugins add or drop methods), each priced through `calculate_checkout_shipping`, cheapest
    first. A method a plugin prices below zero is left out (and logged): no delivery pays the
    customer. `own_methods`: `shipping_methods_for(request)` when the caller has it already."""
    channel_slug = request.channel_slug
    if own_methods is None:
        own_methods = shipping_methods_for(request)
    methods = manager.get_shipping_methods_for_checkout(
        request, default=own_methods, channel_slug=channel_slug
    )
    priced = []
    for method in methods:
        price = manager.calculate_checkout_shipping(
            request, method, default=method.price, channel_slug=channel_slug
        )
        if price < 0:
            logger.warning("Shipping method %s priced below zero by a plugin; left out.", method.id)
            continue
        priced.append(with_price(method, price))
    return sorted(priced, key=lambda method: (method.price, method.name, method.id))


def delivery_options_many(
    requests: Sequence[DeliveryRequest], manager: PluginsManager
) -> list[list[ShippingMethodData]]:
    """`delivery_options` of each request, Haat's own methods read for all of them at once."""
    return [
        delivery_options(request, manager, own_methods=own)
        for request, own in zip(requests, shipping_methods_for_many(requests), strict=True)
    ]


def delivery_price(
    request: DeliveryRequest, method_id: str, manager: PluginsManager
) -> ShippingMethodData | None:
    """The method the customer chose, priced for the request exactly as it was offered; None
    when it is not (or no longer) available for it."""
    for method in delivery_options(request, manager):
        if method.id == method_id:
            return method
    return None
