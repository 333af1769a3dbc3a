"""Delivery: the shipping methods and collection points a checkout may use, the chosen method's
price per vendor's parcel, and dropping a choice that no longer applies (as Saleor does when
the address or the lines change).

A multi-vendor cart ships one parcel per vendor (`backend.shipping.parcels`); methods and their
prices come from `backend.shipping.quotes`, through the plugins' shipping hooks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from backend.inventory.models import Warehouse
from backend.places.address_places import AddressPlaces, places_for_address
from backend.shipping.collection_points import PickupRequest, collection_points_for_many
from backend.shipping.parcels import ParcelLine, origin_districts, parcels_for_lines
from backend.shipping.quotes import delivery_options_many
from plugins.framework.interface import DeliveryRequest, ShippingMethodData
from plugins.framework.manager import PluginsManager

from .fetch import CheckoutInfo
from .models import Checkout

ZERO = Decimal(0)


@dataclass(frozen=True)
class DeliveryQuote:
    """What delivery offers a checkout now, and what its choice costs per vendor."""

    shipping_methods: tuple[ShippingMethodData, ...] = ()
    chosen_method: ShippingMethodData | None = None
    parcel_prices: dict[int, Decimal] = field(default_factory=dict)


def destination_places(info: CheckoutInfo) -> AddressPlaces | None:
    address = info.checkout.shipping_address
    if address is None:
        return None
    return places_for_address(
        country_area=address.country_area,
        city=address.city,
        city_area=address.city_area,
        postal_code=address.postal_code,
    )


def _parcel_lines(info: CheckoutInfo) -> list[ParcelLine]:
    return [
        ParcelLine(
            vendor_id=line.vendor_id,
            weight=line.unit_weight,
            quantity=line.quantity,
            total=(line.selling_amount or ZERO) * line.quantity,
        )
        for line in info.lines
        if line.is_shipping_required
    ]


def _ships(info: CheckoutInfo) -> bool:
    return info.is_shipping_required and info.checkout.shipping_address is not None


def delivery_request(info: CheckoutInfo) -> DeliveryRequest | None:
    """The parcels of the lines that ship, to the shipping address; None when nothing ships or
    there is no address yet."""
    return delivery_requests([info])[0]


def delivery_requests(infos: Sequence[CheckoutInfo]) -> list[DeliveryRequest | None]:
    """`delivery_request` of each checkout, the vendors' origins read once for all."""
    shipping = [info for info in infos if _ships(info)]
    lines_of = {id(info): _parcel_lines(info) for info in shipping}
    origins = origin_districts(line.vendor_id for lines in lines_of.values() for line in lines)
    requests: list[DeliveryRequest | None] = []
    for info in infos:
        if id(info) not in lines_of:
            requests.append(None)
            continue
        places = destination_places(info)
        requests.append(
            DeliveryRequest(
                channel_slug=info.channel.slug,
                currency=info.checkout.currency,
                destination_district_id=places.district_id if places else None,
                parcels=parcels_for_lines(lines_of[id(info)], origins=origins),
            )
        )
    return requests


def quote_delivery(info: CheckoutInfo, *, manager: PluginsManager) -> DeliveryQuote:
    return quote_deliveries([info], manager=manager)[0]


def quote_deliveries(
    infos: Sequence[CheckoutInfo], *, manager: PluginsManager
) -> list[DeliveryQuote]:
    """`quote_delivery` of each checkout, read together (a page of a customer's checkouts)."""
    requests = delivery_requests(infos)
    asked = [request for request in requests if request is not None]
    options = iter(delivery_options_many(asked, manager))
    quotes = []
    for info, request in zip(infos, requests, strict=True):
        if request is None:
            quotes.append(DeliveryQuote())
            continue
        methods = tuple(next(options))
        chosen_id = info.checkout.shipping_method_id
        chosen = next((method for method in methods if method.id == chosen_id), None)
        quotes.append(
            DeliveryQuote(
                shipping_methods=methods,
                chosen_method=chosen,
                parcel_prices=dict(chosen.parcel_prices) if chosen else {},
            )
        )
    return quotes


def available_collection_points(info: CheckoutInfo) -> list[Warehouse]:
    """Click-and-collect warehouses that can hand over every line, nearest first."""
    return available_collection_points_many([info])[0]


def available_collection_points_many(infos: Sequence[CheckoutInfo]) -> list[list[Warehouse]]:
    """`available_collection_points` of each checkout, read together (a page of checkouts)."""
    with_lines = [info for info in infos if info.lines]
    found = collection_points_for_many(
        [
            PickupRequest(
                channel=info.channel,
                destination=destination_places(info),
                lines=[(line.variant.pk, line.quantity) for line in info.lines],
            )
            for info in with_lines
        ]
    )
    points = {id(info): warehouses for info, warehouses in zip(with_lines, found, strict=True)}
    return [points.get(id(info), []) for info in infos]


def clear_delivery(checkout: Checkout) -> None:
    checkout.shipping_method_id = ""
    checkout.shipping_method_name = ""
    checkout.collection_point = None
    checkout.save(update_fields=["shipping_method_id", "shipping_method_name", "collection_point"])


def drop_inapplicable_delivery(info: CheckoutInfo, *, manager: PluginsManager) -> CheckoutInfo:
    """Forget a chosen method that no longer serves the checkout (nothing ships any more, the
    address changed, a parcel outgrew it) or a collection point that can no longer hand over
    every line."""
    checkout = info.checkout
    if checkout.shipping_method_id:
        still = info.is_shipping_required and quote_delivery(info, manager=manager).chosen_method
        if not still:
            clear_delivery(checkout)
    elif checkout.collection_point_id is not None:
        points = available_collection_points(info) if info.is_shipping_required else []
        if checkout.collection_point_id not in {point.pk for point in points}:
            clear_delivery(checkout)
    return info
