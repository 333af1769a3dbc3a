"""Writing the delivery set-up: refusals carry Saleor's ShippingErrorCode and write nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from backend.shipping.models import ShippingMethodType, ShippingRate, ShippingZone, ShippingZoneKind
from backend.shipping.services import (
    RateSlab,
    create_shipping_method,
    create_shipping_zone,
    set_shipping_method_channel_listing,
    set_shipping_rates,
)

pytestmark = pytest.mark.django_db


def _codes(error: ValidationError) -> list[tuple[str, str]]:
    return [(field, item.code) for field, items in error.error_dict.items() for item in items]


def test_one_zone_per_kind_and_one_default(delivery):
    with pytest.raises(ValidationError) as same_kind:
        create_shipping_zone(name="Dhaka again", kind=ShippingZoneKind.SAME_DISTRICT)
    assert _codes(same_kind.value) == [("kind", "already_exists")]
    assert ShippingZone.objects.count() == 3


def test_a_second_default_zone_is_refused(db):
    create_shipping_zone(name="Rest", kind=ShippingZoneKind.REST_OF_COUNTRY, default=True)
    with pytest.raises(ValidationError) as second:
        create_shipping_zone(name="District", kind=ShippingZoneKind.SAME_DISTRICT, default=True)
    assert _codes(second.value) == [("default", "unique")]


def test_delivery_days_must_be_in_order(db):
    with pytest.raises(ValidationError) as error:
        create_shipping_method(name="Odd", minimum_delivery_days=5, maximum_delivery_days=2)
    assert _codes(error.value) == [("maximum_delivery_days", "max_less_than_min")]


def test_listing_bounds_must_be_in_order_and_not_negative(delivery, channel):
    with pytest.raises(ValidationError) as reversed_bounds:
        set_shipping_method_channel_listing(
            method=delivery.postal,
            channel=channel,
            minimum_order_price=Decimal(500),
            maximum_order_price=Decimal(100),
        )
    with pytest.raises(ValidationError) as negative:
        set_shipping_method_channel_listing(
            method=delivery.postal, channel=channel, minimum_order_price=Decimal(-1)
        )
    assert _codes(reversed_bounds.value) == [("maximum_order_price_amount", "max_less_than_min")]
    assert _codes(negative.value) == [("minimum_order_price_amount", "invalid")]


@pytest.mark.parametrize(
    ("slabs", "expected"),
    [
        ([RateSlab(Decimal(1), Decimal(-5))], ("price_amount", "invalid")),
        ([RateSlab(Decimal(0), Decimal(5))], ("max_weight", "invalid")),
        (
            [RateSlab(Decimal(1), Decimal(5)), RateSlab(Decimal("1.000"), Decimal(9))],
            ("max_weight", "duplicated_input_item"),
        ),
        (
            [RateSlab(None, Decimal(5)), RateSlab(None, Decimal(9))],
            ("max_weight", "duplicated_input_item"),
        ),
    ],
)
def test_bad_slabs_are_refused_and_the_old_table_stays(delivery, channel, slabs, expected):
    # given the post's table for the same district
    zone = delivery.zones[ShippingZoneKind.SAME_DISTRICT]
    before = list(ShippingRate.objects.filter(shipping_zone=zone).values_list("pk", flat=True))

    # when
    with pytest.raises(ValidationError) as error:
        set_shipping_rates(method=delivery.postal, zone=zone, channel=channel, slabs=slabs)

    # then
    assert _codes(error.value) == [expected]
    assert (
        list(ShippingRate.objects.filter(shipping_zone=zone).values_list("pk", flat=True)) == before
    )


def test_a_price_based_method_has_one_unbounded_rate(delivery, channel):
    flat = create_shipping_method(name="Flat", type=ShippingMethodType.PRICE)
    zone = delivery.zones[ShippingZoneKind.SAME_DISTRICT]
    with pytest.raises(ValidationError) as error:
        set_shipping_rates(
            method=flat, zone=zone, channel=channel, slabs=[RateSlab(Decimal(1), Decimal(40))]
        )
    assert _codes(error.value) == [("max_weight", "invalid")]


def test_set_rates_replaces_the_table(delivery, channel):
    zone = delivery.zones[ShippingZoneKind.SAME_DISTRICT]
    set_shipping_rates(
        method=delivery.postal, zone=zone, channel=channel, slabs=[RateSlab(None, Decimal(45))]
    )
    assert list(
        ShippingRate.objects.filter(shipping_zone=zone).values_list("max_weight", "price_amount")
    ) == [(None, Decimal(45))]


def test_the_database_refuses_a_negative_price(delivery, channel):
    # given the table the postal slabs made (the services refuse these before the database)
    rate = ShippingRate.objects.filter(shipping_method=delivery.postal).first()

    # when / then
    with pytest.raises(IntegrityError):
        ShippingRate.objects.filter(pk=rate.pk).update(price_amount=Decimal(-1))


def test_the_database_refuses_two_rates_for_one_slab(delivery, channel):
    rate = ShippingRate.objects.filter(shipping_method=delivery.postal).first()
    with pytest.raises(IntegrityError):
        ShippingRate.objects.create(
            shipping_method=rate.shipping_method,
            shipping_zone=rate.shipping_zone,
            channel=rate.channel,
            max_weight=rate.max_weight,
            price_amount=Decimal(1),
        )
