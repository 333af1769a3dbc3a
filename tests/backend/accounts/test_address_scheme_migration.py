"""accounts 0003: stored addresses move from (division, district, thana) to issue 9's (district,
upazila, union)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps

from backend.accounts.models import Address
from tests.factories import AddressFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("backend.accounts.migrations.0003_addresses_in_district_scheme")


def _places(address: Address) -> tuple[str, str, str]:
    address.refresh_from_db()
    return address.country_area, address.city, address.city_area


def test_old_addresses_move_up_one_field_and_back():
    # given addresses stored in the old scheme, and one outside Bangladesh
    full = AddressFactory(country_area="Dhaka", city="Gazipur", city_area="Kaliakair")
    without_thana = AddressFactory(country_area="", city="Rajshahi", city_area="")
    abroad = AddressFactory(country="IN", country_area="Karnataka", city="Bengaluru", city_area="")
    # when the migration runs
    migration.move_to_district_scheme(django_apps, None)
    # then the district is the country area, the thana the city, the union unknown
    assert _places(full) == ("Gazipur", "Kaliakair", "")
    assert _places(without_thana) == ("Rajshahi", "", "")
    assert _places(abroad) == ("Karnataka", "Bengaluru", "")
    # when it is reversed, then the district and thana move back (the division is not known)
    migration.move_back_to_division_scheme(django_apps, None)
    assert _places(full) == ("", "Gazipur", "Kaliakair")
    assert _places(abroad) == ("Karnataka", "Bengaluru", "")


def test_an_over_long_old_city_is_cut_to_the_country_areas_length():
    # given an old city longer than country_area holds
    address = AddressFactory(city="x" * 200)
    # when the migration runs, then it fits
    migration.move_to_district_scheme(django_apps, None)
    assert _places(address)[0] == "x" * 128
