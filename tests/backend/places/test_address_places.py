"""places_for_address: the division, district, upazila, union and post office an address names."""

from __future__ import annotations

import pytest

from backend.places.address_places import AddressPlaces, places_for_address
from backend.places.models import District, PostOffice, Union, Upazila

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bangladesh")]


@pytest.fixture
def kaliakair():
    """Gazipur district, its Kaliakair upazila, that upazila's Mouchak union, post office 1750."""
    district = District.objects.get(name="Gazipur")
    upazila = Upazila.objects.get(district=district, name="Kaliakair")
    return AddressPlaces(
        division_id=district.division_id,
        district_id=district.pk,
        upazila_id=upazila.pk,
        union_id=Union.objects.get(upazila=upazila, name="Mouchak").pk,
        post_office_id=PostOffice.objects.get(postcode="1750").pk,
    )


def test_a_full_address_gives_every_place_in_three_queries(kaliakair, django_assert_num_queries):
    # when
    with django_assert_num_queries(3):
        places = places_for_address(
            country_area="Gazipur", city="Kaliakair", city_area="Mouchak", postal_code="1750"
        )
    # then
    assert places == kaliakair


def test_the_same_names_again_cost_no_query(kaliakair, django_assert_num_queries):
    # given an address matched once
    places_for_address(
        country_area="Gazipur", city="Kaliakair", city_area="Mouchak", postal_code="1750"
    )
    # when the same names come again, typed another way (a checkout priced after each change)
    with django_assert_num_queries(0):
        places = places_for_address(
            country_area=" gazipur ", city="KALIAKAIR", city_area="mouchak", postal_code="১৭৫০"
        )
    # then the places are remembered
    assert places == kaliakair


def test_an_unknown_district_is_not_remembered(django_assert_num_queries):
    places_for_address(country_area="Atlantis", city="", postal_code="")
    with django_assert_num_queries(1):
        assert places_for_address(country_area="Atlantis", city="", postal_code="") is None


def test_bangla_names_any_case_and_bangla_digits_give_the_same_places(kaliakair):
    assert (
        places_for_address(
            country_area="গাজীপুর", city="কালিয়াকৈর", city_area="মৌচাক", postal_code="১৭৫০"
        )
        == kaliakair
    )
    assert (
        places_for_address(
            country_area=" gazipur", city="KALIAKAIR ", city_area="mouchak", postal_code="1750"
        )
        == kaliakair
    )


def test_an_unknown_district_is_none_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert places_for_address(country_area="Atlantis", city="Kaliakair") is None
    assert places_for_address(country_area="", city="Kaliakair") is None


def test_places_the_address_does_not_name_are_none(kaliakair, django_assert_num_queries):
    # when only the district and upazila are given
    with django_assert_num_queries(2):
        places = places_for_address(country_area="Gazipur", city="Kaliakair")
    # then the union and post office are None
    assert places == AddressPlaces(
        division_id=kaliakair.division_id,
        district_id=kaliakair.district_id,
        upazila_id=kaliakair.upazila_id,
        union_id=None,
        post_office_id=None,
    )


def test_places_not_inside_the_one_above_are_none(kaliakair):
    # when the upazila is another district's, then neither it nor the union is found
    other_upazila = places_for_address(
        country_area="Gazipur", city="Savar", city_area="Mouchak", postal_code="1750"
    )
    assert other_upazila is not None
    assert (other_upazila.upazila_id, other_upazila.union_id) == (None, None)
    assert other_upazila.post_office_id == kaliakair.post_office_id
    # when the union is another upazila's, then only the union is None
    other_union = places_for_address(country_area="Gazipur", city="Kaliakair", city_area="Basan")
    assert other_union is not None
    assert (other_union.upazila_id, other_union.union_id) == (kaliakair.upazila_id, None)
    # when the postcode is another district's (Dhaka GPO), then the post office is None
    other_postcode = places_for_address(
        country_area="Gazipur", city="Kaliakair", postal_code="1000"
    )
    assert other_postcode is not None
    assert other_postcode.post_office_id is None


def test_address_places_are_frozen(kaliakair):
    with pytest.raises(AttributeError):
        kaliakair.district_id = 1  # type: ignore[misc]


def test_a_city_thana_is_the_address_upazila_without_a_union(django_assert_num_queries):
    # given Dhanmondi thana of Dhaka and its post office
    thana = Upazila.objects.get(district__name="Dhaka", name="Dhanmondi")
    # when a Dhanmondi address is placed
    with django_assert_num_queries(2):
        places = places_for_address(country_area="Dhaka", city="ধানমন্ডি", postal_code="1209")
    # then the thana stands where an upazila would, and there is no union
    assert places == AddressPlaces(
        division_id=thana.district.division_id,
        district_id=thana.district_id,
        upazila_id=thana.pk,
        union_id=None,
        post_office_id=PostOffice.objects.get(postcode="1209").pk,
    )


def test_a_name_that_matched_nothing_is_not_remembered(django_assert_num_queries):
    # given Dhanmondi missing, as before city thanas were loaded, and an address naming it
    thana = Upazila.objects.get(district__name="Dhaka", name="Dhanmondi")
    Upazila.objects.filter(pk=thana.pk).update(name="Not yet", name_bn="এখনো না")
    missing = places_for_address(country_area="Dhaka", city="Dhanmondi", postal_code="1209")
    assert missing is not None and missing.upazila_id is None
    # when the thana is loaded, and the same address comes again
    Upazila.objects.filter(pk=thana.pk).update(name="Dhanmondi", name_bn="ধানমন্ডি")
    with django_assert_num_queries(2):
        found = places_for_address(country_area="Dhaka", city="Dhanmondi", postal_code="1209")
    # then it is found at once, and remembered from then on
    assert found is not None and found.upazila_id == thana.pk
    with django_assert_num_queries(0):
        assert places_for_address(country_area="Dhaka", city="dhanmondi", postal_code="1209") == (
            found
        )
