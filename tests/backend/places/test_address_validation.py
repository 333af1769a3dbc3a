"""Address rules and validation for Bangladesh: the description and the check agree."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from backend.places.address_validation import (
    Choice,
    address_rules,
    validate_address,
)
from backend.places.loading import load_places

pytestmark = pytest.mark.django_db

GOOD = {
    "first_name": "Karim",
    "street_address_1": "House 5, Road 2",
    "city": "Gazipur",
    "postal_code": "1750",
}


@pytest.fixture
def places(db):
    load_places()


def errors_of(error: ValidationError) -> list[tuple[str, str]]:
    return [(field, item.code) for field, items in error.error_dict.items() for item in items]


def refused(**fields) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        validate_address(**fields)
    return errors_of(caught.value)


# --- the rules (moved from the API's addressValidationRules tests, every assertion kept) -------


def test_bangladesh_without_country_area(places):
    # when
    rules = address_rules(country_code="BD")

    # then
    assert rules.country_code == "BD"
    assert rules.country_name == "Bangladesh"
    assert rules.country_area_type == "division"
    assert len(rules.country_area_choices) == 8
    assert Choice(raw="Dhaka", verbose="Dhaka / ঢাকা") in rules.country_area_choices
    assert rules.city_type == "district"
    assert len(rules.city_choices) == 64
    assert rules.city_area_type == "thana"
    assert rules.city_area_choices == ()
    assert rules.postal_code_matchers == ("^\\d{4}$",)
    assert rules.postal_code_examples == ("1000", "1206", "4000")
    assert rules.required_fields == ("city", "name", "postal_code", "street_address")
    assert "country_area" in rules.allowed_fields
    assert rules.postal_code_prefix == ""


def test_bangladesh_with_country_area(places):
    # when
    rules = address_rules(country_code="BD", country_area="Dhaka")

    # then
    cities = [choice.raw for choice in rules.city_choices]
    assert len(cities) == 13
    assert "Gazipur" in cities
    assert "Comilla" not in cities


def test_bangladesh_country_area_in_bangla_or_new_spelling(places):
    # when
    bangla = address_rules(country_code="BD", country_area="চট্টগ্রাম")
    english = address_rules(country_code="BD", country_area="Chattogram")

    # then
    assert len(bangla.city_choices) == 11
    assert english == bangla


def test_bangladesh_with_city_lists_thanas_and_postcodes(places):
    # when
    rules = address_rules(country_code="BD", country_area="Dhaka", city="Gazipur")

    # then
    thanas = [choice.raw for choice in rules.city_area_choices]
    assert "Kaliakair" in thanas
    assert all(code.startswith("17") for code in rules.postal_code_examples)


def test_other_country_gets_a_generic_answer(places):
    # when
    rules = address_rules(country_code="IN")

    # then
    assert rules.country_code == "IN"
    assert rules.country_name == "India"
    assert rules.country_area_choices == ()
    assert rules.postal_code_matchers == ()


# --- validation ---------------------------------------------------------------------------------


def test_a_good_address_is_cleaned(places):
    # when an address is given in Bangla names, Bangla digits and a local number
    cleaned = validate_address(
        first_name=" Karim ",
        street_address_1="House 5, Road 2",
        country_area="ঢাকা",
        city="গাজীপুর",
        city_area="Kaliakair",
        postal_code="১৭৫০",
        phone="01712-345678",
    )
    # then places carry their canonical names, the postcode ASCII digits, the phone E.164
    assert (cleaned.country, cleaned.country_area, cleaned.city, cleaned.city_area) == (
        "BD",
        "Dhaka",
        "Gazipur",
        "Kaliakair",
    )
    assert (cleaned.first_name, cleaned.postal_code, cleaned.phone) == (
        "Karim",
        "1750",
        "+8801712345678",
    )


def test_missing_required_fields_are_each_reported(places):
    # when nothing is given
    errors = refused()
    # then REQUIRED on each required Address field
    assert errors == [
        ("city", "required"),
        ("first_name", "required"),
        ("postal_code", "required"),
        ("street_address_1", "required"),
    ]


def test_a_last_name_alone_is_a_name(places):
    # when only the family name is given, then the address is accepted
    assert validate_address(**{**GOOD, "first_name": "", "last_name": "Mia"}).last_name == "Mia"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"country_area": "Atlantis"}, [("country_area", "invalid")]),
        ({"city": "Springfield"}, [("city", "invalid")]),
        ({"country_area": "Chattogram", "city": "Gazipur"}, [("city", "invalid")]),
        ({"city_area": "Kotwali Sylhet"}, [("city_area", "invalid")]),
        ({"postal_code": "17500"}, [("postal_code", "invalid")]),
        ({"postal_code": "17a0"}, [("postal_code", "invalid")]),
        ({"phone": "12345"}, [("phone", "invalid")]),
        (
            {"country_area": "Atlantis", "postal_code": "1", "phone": "1"},
            [("country_area", "invalid"), ("postal_code", "invalid"), ("phone", "invalid")],
        ),
    ],
)
def test_each_invalid_value_is_reported_on_its_field(places, fields, expected):
    # when one part of a good address is wrong, then INVALID on that domain field
    assert refused(**{**GOOD, **fields}) == expected


def test_other_countries_check_only_their_required_fields(places):
    # when an Indian address has its city and street, then it is accepted as given
    cleaned = validate_address(
        country="in", street_address_1="MG Road", city="Bengaluru", postal_code="560001"
    )
    assert (cleaned.country, cleaned.city, cleaned.postal_code) == ("IN", "Bengaluru", "560001")
    # and without them it is refused
    assert refused(country="IN") == [("city", "required"), ("street_address_1", "required")]


# --- the description and the check agree --------------------------------------------------------


def test_every_choice_the_rules_offer_is_accepted(places):
    # given the rules for Dhaka division's Gazipur district
    rules = address_rules(country_code="BD", country_area="Dhaka", city="Gazipur")
    # when each offered division, district of Dhaka, thana of Gazipur and example is validated
    for division in address_rules(country_code="BD").country_area_choices:
        district = address_rules(country_code="BD", country_area=division.raw).city_choices[0]
        postcode = address_rules(
            country_code="BD", country_area=division.raw, city=district.raw
        ).postal_code_examples[0]
        cleaned = validate_address(
            **{**GOOD, "city": district.raw, "postal_code": postcode}, country_area=division.raw
        )
        assert (cleaned.country_area, cleaned.city) == (division.raw, district.raw)
    for choice in rules.city_choices:
        postcode = address_rules(
            country_code="BD", country_area="Dhaka", city=choice.raw
        ).postal_code_examples[0]
        assert validate_address(
            **{**GOOD, "city": choice.raw, "postal_code": postcode}, country_area="Dhaka"
        ).city
    for choice in rules.city_area_choices:
        assert validate_address(**GOOD, city_area=choice.raw).city_area == choice.raw
    for example in rules.postal_code_examples:
        assert all(re.fullmatch(matcher, example) for matcher in rules.postal_code_matchers)
        assert validate_address(**{**GOOD, "postal_code": example}).postal_code == example


def test_the_validation_enforces_exactly_the_required_fields_the_rules_name(places):
    # given the rules' required fields, in Saleor's vocabulary
    required = address_rules(country_code="BD").required_fields
    # when an empty address is validated
    fields = {field for field, _ in refused()}
    # then each required rule field, and only those, is refused, by its Address field
    names = {"city": "city", "name": "first_name", "postal_code": "postal_code"}
    names["street_address"] = "street_address_1"
    assert fields == {names[field] for field in required}


def test_a_choice_outside_the_rules_is_refused(places):
    # given a district the rules do not offer for Dhaka division
    offered = {c.raw for c in address_rules(country_code="BD", country_area="Dhaka").city_choices}
    assert "Comilla" not in offered
    # when it is validated with that division, then INVALID on city
    assert refused(**{**GOOD, "city": "Comilla"}, country_area="Dhaka") == [("city", "invalid")]


def test_every_district_accepts_its_own_postcodes_and_refuses_others(places):
    # given every district with the postcodes of its post offices
    from backend.places.models import District

    districts = list(District.objects.prefetch_related("post_offices").order_by("pk"))
    assert len(districts) == 64
    for index, district in enumerate(districts):
        own = sorted(office.postcode for office in district.post_offices.all())
        neighbour = districts[(index + 1) % len(districts)]
        foreign = min(office.postcode for office in neighbour.post_offices.all())
        # when an address uses one of its own postcodes, then it is accepted
        accepted = validate_address(**{**GOOD, "city": district.name, "postal_code": own[0]})
        assert (accepted.city, accepted.postal_code) == (district.name, own[0])
        # and a postcode of another district is refused on the postcode
        assert refused(**{**GOOD, "city": district.name, "postal_code": foreign}) == [
            ("postal_code", "invalid")
        ]


def test_an_unknown_postcode_is_refused(places):
    # when the four digits name no post office, then INVALID on the postcode
    assert refused(**{**GOOD, "postal_code": "0000"}) == [("postal_code", "invalid")]
