"""delivery_options and delivery_price: Haat's methods through the plugin hooks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.shipping.quotes import delivery_options, delivery_price, with_price
from plugins.framework.base import BasePlugin
from plugins.framework.interface import ShippingMethodData
from plugins.framework.manager import PluginsManager

from .helpers import parcel, request_to

pytestmark = pytest.mark.django_db


class CourierPlugin(BasePlugin):
    """A courier: adds its own method for requests to a known district, charging 20 per kg."""

    PLUGIN_ID = "test.courier"
    PLUGIN_NAME = "Courier"
    DEFAULT_ACTIVE = True

    def get_shipping_methods_for_checkout(self, request, previous_value):
        if request.destination_district_id is None:
            return previous_value
        shares = tuple((p.vendor_id, Decimal(20) * p.weight) for p in request.parcels)
        courier = ShippingMethodData(
            id="courier:next-day",
            name="Courier next day",
            price=sum((share for _vendor, share in shares), Decimal(0)),
            parcel_prices=shares,
        )
        return [*previous_value, courier]


class PostalSurchargePlugin(BasePlugin):
    """Adds a 10 % fuel surcharge to Haat's own methods (ids that are numbers)."""

    PLUGIN_ID = "test.surcharge"
    PLUGIN_NAME = "Surcharge"
    DEFAULT_ACTIVE = True

    def calculate_checkout_shipping(self, request, method, previous_value):
        return previous_value * Decimal("1.1") if method.id.isdigit() else previous_value


class BrokenPlugin(BasePlugin):
    PLUGIN_ID = "test.broken"
    PLUGIN_NAME = "Broken"
    DEFAULT_ACTIVE = True

    def calculate_checkout_shipping(self, request, method, previous_value):
        return Decimal(-1)


def test_without_plugins_the_options_are_haats_methods(country, delivery):
    # given
    request = request_to(country.dhaka, parcel(origin=country.dhaka))

    # when
    options = delivery_options(request, PluginsManager(plugin_classes=[]))

    # then
    assert [(m.id, m.price) for m in options] == [(str(delivery.postal.pk), Decimal(50))]


def test_a_plugin_adds_a_method_and_another_reprices_haats(country, delivery):
    # given two vendors' parcels, to Gazipur (same division as Dhaka)
    request = request_to(
        country.gazipur,
        parcel(1, origin=country.dhaka, weight="0.5"),
        parcel(2, origin=country.gazipur, weight="1"),
    )
    manager = PluginsManager(plugin_classes=[CourierPlugin, PostalSurchargePlugin])

    # when
    options = delivery_options(request, manager)

    # then the courier is offered; the post costs 10 % more, its parcels' shares too
    assert [(m.id, m.price, m.parcel_prices) for m in options] == [
        ("courier:next-day", Decimal(30), ((1, Decimal(10)), (2, Decimal(20)))),
        (
            str(delivery.postal.pk),
            Decimal("143.00"),
            ((1, Decimal("77.00")), (2, Decimal("66.00"))),
        ),
    ]


def test_delivery_price_is_the_chosen_method_as_offered(country, delivery):
    # given
    request = request_to(country.dhaka, parcel(origin=country.dhaka))
    manager = PluginsManager(plugin_classes=[CourierPlugin, PostalSurchargePlugin])

    # when
    postal = delivery_price(request, str(delivery.postal.pk), manager)
    courier = delivery_price(request, "courier:next-day", manager)
    unknown = delivery_price(request, "999999", manager)

    # then
    assert postal is not None and postal.price == Decimal("55.00")
    assert courier is not None and courier.price == Decimal(8)
    assert unknown is None


def test_a_method_no_longer_available_has_no_price(country, delivery):
    # given a parcel too heavy for the post
    request = request_to(country.dhaka, parcel(origin=country.dhaka, weight="3"))

    # when / then
    assert (
        delivery_price(request, str(delivery.postal.pk), PluginsManager(plugin_classes=[])) is None
    )


def test_a_method_priced_below_zero_is_left_out(country, delivery):
    # given
    request = request_to(country.dhaka, parcel(origin=country.dhaka))

    # when / then
    assert delivery_options(request, PluginsManager(plugin_classes=[BrokenPlugin])) == []


def test_a_new_price_is_shared_by_the_parcels_and_they_still_add_up():
    # given a method of three parcels
    method = ShippingMethodData(
        id="1",
        name="Post",
        price=Decimal(100),
        parcel_prices=((1, Decimal(50)), (2, Decimal(30)), (3, Decimal(20))),
    )

    # when the total becomes 33.33, and when shares were all zero
    repriced = with_price(method, Decimal("33.33"))
    free = ShippingMethodData(
        id="2", name="Free", price=Decimal(0), parcel_prices=((1, Decimal(0)), (2, Decimal(0)))
    )

    # then
    assert repriced.parcel_prices == (
        (1, Decimal("16.67")),
        (2, Decimal("10.00")),
        (3, Decimal("6.66")),
    )
    assert sum(share for _vendor, share in repriced.parcel_prices) == repriced.price
    assert with_price(free, Decimal(10)).parcel_prices == (
        (1, Decimal("5.00")),
        (2, Decimal("5.00")),
    )
