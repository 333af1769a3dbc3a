"""A small country and a delivery set-up: two divisions, three districts, a zone of each kind
in the `bd` channel, and a weight-based "Postal parcel" with slabs in every zone."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from backend.places.models import District
from backend.shipping.models import ShippingMethod, ShippingZone, ShippingZoneKind
from backend.shipping.services import (
    create_shipping_method,
    create_shipping_zone,
    set_shipping_method_channel_listing,
)
from tests.factories import DistrictFactory, DivisionFactory

from .helpers import POSTAL_SLABS, add_slabs


@dataclass
class Country:
    dhaka: District
    gazipur: District  # Dhaka's division too
    rangpur: District  # another division


@dataclass
class Delivery:
    zones: dict[ShippingZoneKind, ShippingZone]
    postal: ShippingMethod


@pytest.fixture
def country(db) -> Country:
    dhaka_division, rangpur_division = DivisionFactory(), DivisionFactory()
    return Country(
        dhaka=DistrictFactory(division=dhaka_division, name="Dhaka"),
        gazipur=DistrictFactory(division=dhaka_division, name="Gazipur"),
        rangpur=DistrictFactory(division=rangpur_division, name="Rangpur"),
    )


@pytest.fixture
def delivery(country, channel) -> Delivery:
    zones = {
        kind: create_shipping_zone(
            name=kind.label,
            kind=kind,
            channels=[channel],
            default=kind == ShippingZoneKind.REST_OF_COUNTRY,
        )
        for kind in ShippingZoneKind
    }
    postal = create_shipping_method(
        name="Postal parcel", minimum_delivery_days=3, maximum_delivery_days=7
    )
    set_shipping_method_channel_listing(method=postal, channel=channel)
    add_slabs(postal, zones, channel, POSTAL_SLABS)
    return Delivery(zones=zones, postal=postal)
