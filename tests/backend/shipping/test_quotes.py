"""shipping_methods_for: zones by district, weight slabs, every parcel carried, sums per vendor."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.shipping.models import ShippingMethodType, ShippingZoneKind
from backend.shipping.quotes import shipping_methods_for
from backend.shipping.services import (
    RateSlab,
    create_shipping_method,
    set_shipping_method_channel_listing,
    set_shipping_rates,
)
from tests.factories import ChannelFactory, DistrictFactory

from .helpers import POSTAL_SLABS, add_slabs, parcel, request_to

pytestmark = pytest.mark.django_db


def _prices(request) -> dict[str, Decimal]:
    return {method.name: method.price for method in shipping_methods_for(request)}


@pytest.mark.parametrize(
    ("destination", "expected"),
    [("dhaka", Decimal(50)), ("gazipur", Decimal(70)), ("rangpur", Decimal(100))],
    ids=["same district", "same division", "rest of the country"],
)
def test_the_parcels_zone_is_its_distance_from_origin_to_destination(
    country, delivery, destination, expected
):
    # given a 0.4 kg parcel sent from Dhaka
    request = request_to(getattr(country, destination), parcel(origin=country.dhaka))

    # when
    methods = shipping_methods_for(request)

    # then it is priced in the zone of that distance, with the method's delivery days
    assert [(m.id, m.name, m.price, m.currency) for m in methods] == [
        (str(delivery.postal.pk), "Postal parcel", expected, "BDT")
    ]
    assert (methods[0].minimum_delivery_days, methods[0].maximum_delivery_days) == (3, 7)
    assert methods[0].type == "weight"


@pytest.mark.parametrize(
    ("weight", "expected"),
    [("0.001", 50), ("0.5", 50), ("0.501", 60), ("1", 60)],
)
def test_a_weight_exactly_at_a_bound_is_in_that_slab(country, delivery, weight, expected):
    # given a parcel within the district
    request = request_to(country.dhaka, parcel(origin=country.dhaka, weight=weight))

    # when / then
    assert _prices(request) == {"Postal parcel": Decimal(expected)}


def test_a_parcel_too_heavy_for_every_slab_leaves_the_method_out(country, delivery, channel):
    # given a second method whose top slab has no bound
    freight = create_shipping_method(name="Freight")
    set_shipping_method_channel_listing(method=freight, channel=channel)
    for zone in delivery.zones.values():
        set_shipping_rates(
            method=freight,
            zone=zone,
            channel=channel,
            slabs=[RateSlab(Decimal(2), Decimal(150)), RateSlab(None, Decimal(400))],
        )
    # and a light parcel beside a 1.2 kg one (over the postal 1 kg slab)
    request = request_to(
        country.dhaka,
        parcel(1, origin=country.dhaka),
        parcel(2, origin=country.dhaka, weight="1.2"),
    )

    # when
    prices = _prices(request)

    # then only the method that can carry every parcel is offered
    assert prices == {"Freight": Decimal(300)}


def test_a_multi_vendor_checkout_pays_the_sum_and_each_vendors_parcel_is_shown(country, delivery):
    # given three vendors' parcels to Gazipur: from Gazipur, from Dhaka, from Rangpur
    request = request_to(
        country.gazipur,
        parcel(11, origin=country.gazipur, weight="0.7"),
        parcel(12, origin=country.dhaka, weight="0.2"),
        parcel(13, origin=country.rangpur, weight="1"),
    )

    # when
    [method] = shipping_methods_for(request)

    # then each parcel is priced in its own zone and slab, and the price is their sum
    assert method.parcel_prices == ((11, Decimal(60)), (12, Decimal(70)), (13, Decimal(130)))
    assert method.price == Decimal(260)


def test_methods_are_ordered_by_price(country, delivery, channel):
    # given an express method dearer than the post, and a cheaper flat one
    express = create_shipping_method(name="Express (EMS)", minimum_delivery_days=1)
    flat = create_shipping_method(name="Flat", type=ShippingMethodType.PRICE)
    for method, price in ((express, Decimal(150)), (flat, Decimal(40))):
        set_shipping_method_channel_listing(method=method, channel=channel)
        set_shipping_rates(
            method=method,
            zone=delivery.zones[ShippingZoneKind.SAME_DISTRICT],
            channel=channel,
            slabs=[RateSlab(None, price)],
        )

    # when
    methods = shipping_methods_for(request_to(country.dhaka, parcel(origin=country.dhaka)))

    # then
    assert [(m.name, m.price) for m in methods] == [
        ("Flat", Decimal(40)),
        ("Postal parcel", Decimal(50)),
        ("Express (EMS)", Decimal(150)),
    ]


def test_a_zones_own_delivery_days_win_and_the_slowest_parcel_sets_the_promise(
    country, delivery, channel
):
    # given next-day delivery (0-1 days) inside a district
    set_shipping_rates(
        method=delivery.postal,
        zone=delivery.zones[ShippingZoneKind.SAME_DISTRICT],
        channel=channel,
        slabs=[RateSlab(Decimal(1), Decimal(50), minimum_delivery_days=0, maximum_delivery_days=1)],
    )

    # when one parcel stays in the district, and when another comes from Rangpur
    [local] = shipping_methods_for(request_to(country.dhaka, parcel(origin=country.dhaka)))
    [mixed] = shipping_methods_for(
        request_to(
            country.dhaka, parcel(1, origin=country.dhaka), parcel(2, origin=country.rangpur)
        )
    )

    # then
    assert (local.minimum_delivery_days, local.maximum_delivery_days) == (0, 1)
    assert (mixed.minimum_delivery_days, mixed.maximum_delivery_days) == (3, 7)


def test_unknown_districts_are_priced_in_the_default_zone(country, delivery):
    # given a destination without a district, and a vendor without one
    unknown_destination = request_to(None, parcel(origin=country.dhaka))
    unknown_origin = request_to(country.dhaka, parcel(origin=None))

    # when / then both are priced as the rest of the country (the default zone)
    assert _prices(unknown_destination) == {"Postal parcel": Decimal(100)}
    assert _prices(unknown_origin) == {"Postal parcel": Decimal(100)}


def test_without_a_default_zone_an_unknown_district_gets_no_method(country, delivery):
    # given no zone is the default
    rest = delivery.zones[ShippingZoneKind.REST_OF_COUNTRY]
    rest.default = False
    rest.save(update_fields=["default"])

    # when / then
    assert shipping_methods_for(request_to(None, parcel(origin=country.dhaka))) == []


def test_a_zone_that_does_not_serve_the_channel_prices_nothing_there(country, delivery, channel):
    # given the same-division zone taken out of the channel
    delivery.zones[ShippingZoneKind.SAME_DIVISION].channels.remove(channel)

    # when / then Gazipur (same division) has no method, Rangpur still has
    assert _prices(request_to(country.gazipur, parcel(origin=country.dhaka))) == {}
    assert _prices(request_to(country.rangpur, parcel(origin=country.dhaka))) == {
        "Postal parcel": Decimal(100)
    }


def test_channels_are_isolated(country, delivery):
    # given another channel served by every zone, with the post listed there at other prices
    export = ChannelFactory(slug="export", currency_code="USD")
    for zone in delivery.zones.values():
        zone.channels.add(export)
    set_shipping_method_channel_listing(method=delivery.postal, channel=export)
    add_slabs(
        delivery.postal,
        delivery.zones,
        export,
        {kind: ((Decimal(1), Decimal(9)),) for kind in POSTAL_SLABS},
    )
    sent = parcel(origin=country.dhaka)

    # when
    bd_methods = shipping_methods_for(request_to(country.dhaka, sent))
    wrong_currency = shipping_methods_for(request_to(country.dhaka, sent, channel_slug="export"))
    export_methods = shipping_methods_for(
        request_to(country.dhaka, sent, channel_slug="export", currency="USD")
    )

    # then each channel sees its own prices, in its own currency only
    assert [(m.price, m.currency) for m in bd_methods] == [(Decimal(50), "BDT")]
    assert wrong_currency == []
    assert [(m.price, m.currency) for m in export_methods] == [(Decimal(9), "USD")]


def test_a_method_not_listed_in_the_channel_is_not_offered(country, delivery, channel):
    # given the post's rates stay but its listing in the channel goes
    delivery.postal.channel_listings.filter(channel=channel).delete()

    # when / then
    assert shipping_methods_for(request_to(country.dhaka, parcel(origin=country.dhaka))) == []


@pytest.mark.parametrize(
    ("subtotals", "offered"),
    [
        (("299.99",), False),
        (("300",), True),
        (("200", "100"), True),  # the goods of all parcels count
        (("2000",), True),
        (("2000.01",), False),
    ],
)
def test_minimum_and_maximum_order_price_bound_the_goods_inclusively(
    country, delivery, channel, subtotals, offered
):
    # given the post only for orders of 300 to 2000 taka
    set_shipping_method_channel_listing(
        method=delivery.postal,
        channel=channel,
        minimum_order_price=Decimal(300),
        maximum_order_price=Decimal(2000),
    )
    parcels = [
        parcel(index, origin=country.dhaka, subtotal=subtotal)
        for index, subtotal in enumerate(subtotals)
    ]

    # when
    methods = shipping_methods_for(request_to(country.dhaka, *parcels))

    # then
    assert bool(methods) is offered
    if offered:
        assert (methods[0].minimum_order_price, methods[0].maximum_order_price) == (
            Decimal(300),
            Decimal(2000),
        )


def test_a_request_without_parcels_needs_no_delivery(django_assert_num_queries, delivery):
    with django_assert_num_queries(0):
        assert shipping_methods_for(request_to(None)) == []


def test_queries_do_not_grow_with_parcels(country, delivery):
    # given one parcel, and ten from ten districts
    one = request_to(country.dhaka, parcel(origin=country.gazipur))
    ten = request_to(
        country.dhaka,
        *(
            parcel(index, origin=DistrictFactory(division=country.rangpur.division))
            for index in range(10)
        ),
    )

    # when
    with CaptureQueriesContext(connection) as for_one:
        assert len(shipping_methods_for(one)) == 1
    with CaptureQueriesContext(connection) as for_ten:
        [method] = shipping_methods_for(ten)

    # then the same queries, whatever the number of parcels
    assert len(for_one) == len(for_ten) == 3
    assert method.price == Decimal(1000)
