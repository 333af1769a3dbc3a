"""Address rules and validation for Bangladesh (issue 9's scheme: countryArea the district, city
its upazila, cityArea the upazila's union, postalCode a post office's of the district): the
description and the check agree."""

from __future__ import annotations

import re
from dataclasses import asdict, fields

import pytest
from django.core.exceptions import ValidationError

from backend.places.address_validation import (
    Choice,
    CleanedAddress,
    address_rules,
    validate_address,
)
from backend.places.models import District, PostOffice, Union, Upazila
from tests.factories import AddressFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bangladesh")]

GOOD = {
    "first_name": "Karim",
    "street_address_1": "House 5, Road 2",
    "country_area": "Gazipur",
    "city": "Kaliakair",
    "city_area": "Mouchak",
    "postal_code": "1750",
}
# Saleor's rule-field names -> the Address field a validation error names.
ERROR_FIELDS = {
    "city": "city",
    "country_area": "country_area",
    "name": "first_name",
    "postal_code": "postal_code",
    "street_address": "street_address_1",
}


def errors_of(error: ValidationError) -> list[tuple[str, str]]:
    return [(field, item.code) for field, items in error.error_dict.items() for item in items]


def refused(**fields) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        validate_address(**fields)
    return errors_of(caught.value)


def refusal_messages(**fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        validate_address(**fields)
    return caught.value.message_dict


# --- the rules ----------------------------------------------------------------------------------


def test_bangladesh_without_country_area_offers_the_districts():
    # when
    rules = address_rules(country_code="BD")

    # then
    assert rules.country_code == "BD"
    assert rules.country_name == "Bangladesh"
    assert rules.country_area_type == "district"
    assert len(rules.country_area_choices) == 64
    assert Choice(raw="Dhaka", verbose="Dhaka / ঢাকা") in rules.country_area_choices
    assert Choice(raw="Comilla", verbose="Comilla / কুমিল্লা") in rules.country_area_choices
    assert rules.city_type == "upazila"
    assert rules.city_choices == ()
    assert rules.city_area_type == "union"
    assert rules.city_area_choices == ()
    assert rules.postal_code_matchers == ("^\\d{4}$",)
    assert rules.postal_code_examples == ("1000", "1206", "4000")
    assert rules.required_fields == (
        "city",
        "country_area",
        "name",
        "postal_code",
        "street_address",
    )
    assert "city_area" in rules.allowed_fields
    assert rules.address_format == "%N%n%O%n%A%n%D%n%C%n%S - %Z"
    assert rules.postal_code_prefix == ""


def test_bangladesh_with_a_district_offers_its_upazilas_and_postcodes():
    # when
    rules = address_rules(country_code="BD", country_area="Gazipur")

    # then its five upazilas and the seven thanas of Gazipur city, by name
    assert [choice.raw for choice in rules.city_choices] == [
        "Basan",
        "Gachha",
        "Gazipur Sadar",
        "Kaliakair",
        "Kaliganj",
        "Kapasia",
        "Kashimpur",
        "Konabari",
        "Pubail",
        "Sreepur",
        "Tongi East",
        "Tongi West",
    ]
    assert Choice(raw="Kaliakair", verbose="Kaliakair / কালিয়াকৈর") in rules.city_choices
    assert rules.city_area_choices == ()
    assert rules.postal_code_matchers[0] == "^\\d{4}$"
    assert re.fullmatch(rules.postal_code_matchers[1], "1750")
    assert not re.fullmatch(rules.postal_code_matchers[1], "1000")
    assert rules.postal_code_examples and all(
        code.startswith("17") for code in rules.postal_code_examples
    )


def test_bangladesh_district_in_bangla_or_another_spelling_gives_the_same_rules():
    # when
    bangla = address_rules(country_code="BD", country_area="কুমিল্লা")
    english = address_rules(country_code="BD", country_area="Cumilla")
    lower_case = address_rules(country_code="BD", country_area="  comilla ")

    # then
    assert len(bangla.city_choices) == 17
    assert english == bangla == lower_case


def test_bangladesh_with_an_upazila_offers_its_unions():
    # when
    rules = address_rules(country_code="BD", country_area="Gazipur", city="কালিয়াকৈর")
    elsewhere = address_rules(country_code="BD", country_area="Dhaka", city="Kaliakair")

    # then
    unions = [choice.raw for choice in rules.city_area_choices]
    assert len(unions) == 9
    assert "Mouchak" in unions
    assert elsewhere.city_area_choices == ()


def test_other_country_gets_a_generic_answer():
    # when
    rules = address_rules(country_code="IN")

    # then
    assert rules.country_code == "IN"
    assert rules.country_name == "India"
    assert rules.country_area_choices == ()
    assert rules.postal_code_matchers == ()


# --- validation ---------------------------------------------------------------------------------


def test_a_good_address_in_bangla_is_cleaned_to_canonical_names():
    # when an address is given in Bangla names, Bangla digits and a local number
    cleaned = validate_address(
        first_name=" Karim ",
        street_address_1="House 5, Road 2",
        country_area="গাজীপুর",
        city="কালিয়াকৈর",
        city_area="মৌচাক",
        postal_code="১৭৫০",
        phone="01712-345678",
    )
    # then places carry their canonical English names, the postcode ASCII digits, the phone E.164
    assert (cleaned.country, cleaned.country_area, cleaned.city, cleaned.city_area) == (
        "BD",
        "Gazipur",
        "Kaliakair",
        "Mouchak",
    )
    assert (cleaned.first_name, cleaned.postal_code, cleaned.phone) == (
        "Karim",
        "1750",
        "+8801712345678",
    )


def test_names_are_case_and_space_insensitive():
    # when the places are typed in odd case and spacing
    cleaned = validate_address(
        **{**GOOD, "country_area": " GAZIPUR ", "city": "gazipur   sadar", "city_area": "BASAN"}
    )
    # then they are found
    assert (cleaned.country_area, cleaned.city, cleaned.city_area) == (
        "Gazipur",
        "Gazipur Sadar",
        "Basan",
    )


def test_the_union_is_optional():
    cleaned = validate_address(**{**GOOD, "city_area": ""})
    assert (cleaned.country_area, cleaned.city, cleaned.city_area) == ("Gazipur", "Kaliakair", "")


def test_missing_required_fields_are_each_reported():
    # when nothing is given
    errors = refused()
    # then REQUIRED on each required Address field
    assert errors == [
        ("city", "required"),
        ("country_area", "required"),
        ("first_name", "required"),
        ("postal_code", "required"),
        ("street_address_1", "required"),
    ]


def test_a_last_name_alone_is_a_name():
    # when only the family name is given, then the address is accepted
    assert validate_address(**{**GOOD, "first_name": "", "last_name": "Mia"}).last_name == "Mia"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"country_area": ""}, [("country_area", "required")]),
        ({"city": ""}, [("city", "required")]),
        ({"postal_code": ""}, [("postal_code", "required")]),
        ({"country_area": "Atlantis"}, [("country_area", "invalid")]),
        # a division is not a district
        ({"country_area": "Barisal Division"}, [("country_area", "invalid")]),
        ({"city": "Springfield"}, [("city", "invalid")]),
        ({"city": "Savar"}, [("city", "invalid")]),
        ({"city_area": "Basan"}, [("city_area", "invalid")]),
        ({"postal_code": "17500"}, [("postal_code", "invalid")]),
        ({"postal_code": "17a0"}, [("postal_code", "invalid")]),
        ({"postal_code": "1000"}, [("postal_code", "invalid")]),
        ({"postal_code": "0000"}, [("postal_code", "invalid")]),
        ({"phone": "12345"}, [("phone", "invalid")]),
        (
            {"city": "Savar", "postal_code": "1", "phone": "1"},
            [("postal_code", "invalid"), ("city", "invalid"), ("phone", "invalid")],
        ),
    ],
)
def test_each_bad_value_is_reported_on_its_field(fields, expected):
    # when one part of a good address is wrong or missing, then that domain field is named
    assert refused(**{**GOOD, **fields}) == expected


def test_places_below_an_unknown_one_are_not_judged():
    # when the district is unknown, then only the district is refused
    assert refused(**{**GOOD, "country_area": "Atlantis", "city": "Nowhere"}) == [
        ("country_area", "invalid")
    ]
    # when the upazila is unknown, then only the upazila is refused
    assert refused(**{**GOOD, "city": "Nowhere", "city_area": "Nowhere"}) == [("city", "invalid")]


def test_messages_name_the_place_the_value_is_not_in():
    assert refusal_messages(**{**GOOD, "country_area": "Atlantis"}) == {
        "country_area": ["Unknown district."]
    }
    assert refusal_messages(**{**GOOD, "city": "Savar"}) == {
        "city": ["Not an upazila or thana of Gazipur district."]
    }
    assert refusal_messages(**{**GOOD, "city_area": "Basan"}) == {
        "city_area": ["Not a union of Kaliakair upazila."]
    }
    assert refusal_messages(**{**GOOD, "postal_code": "1000"}) == {
        "postal_code": ["Not a postcode of Gazipur district."]
    }
    assert refusal_messages(**{**GOOD, "postal_code": "0000"}) == {
        "postal_code": ["Unknown postcode."]
    }


def test_other_countries_check_only_their_required_fields():
    # when an Indian address has its city and street, then it is accepted as given
    cleaned = validate_address(
        country="in", street_address_1="MG Road", city="Bengaluru", postal_code="560001"
    )
    assert (cleaned.country, cleaned.city, cleaned.postal_code) == ("IN", "Bengaluru", "560001")
    # and without them it is refused
    assert refused(country="IN") == [("city", "required"), ("street_address_1", "required")]


def test_every_district_accepts_its_own_places_and_refuses_others():
    # given every district with its upazilas, their unions and its post offices
    districts = list(
        District.objects.prefetch_related("upazilas__unions", "post_offices").order_by("pk")
    )
    assert len(districts) == 64
    for index, district in enumerate(districts):
        upazilas = sorted(district.upazilas.all(), key=lambda upazila: upazila.pk)
        upazila = next(upazila for upazila in upazilas if upazila.unions.all())
        union = min(upazila.unions.all(), key=lambda union: union.pk)
        postcode = min(office.postcode for office in district.post_offices.all())
        neighbour = districts[(index + 1) % len(districts)]
        foreign_upazila = min(neighbour.upazilas.all(), key=lambda upazila: upazila.pk)
        foreign_union = min(foreign_upazila.unions.all(), key=lambda union: union.pk)
        foreign_postcode = min(office.postcode for office in neighbour.post_offices.all())
        address = {
            **GOOD,
            "country_area": district.name,
            "city": upazila.name,
            "city_area": union.name,
            "postal_code": postcode,
        }
        # when its own places are named, in English or in Bangla, then they are accepted
        accepted = validate_address(**address)
        assert (
            accepted.country_area,
            accepted.city,
            accepted.city_area,
            accepted.postal_code,
        ) == (district.name, upazila.name, union.name, postcode), district
        in_bangla = validate_address(
            **{
                **address,
                "country_area": district.name_bn,
                "city": upazila.name_bn,
                "city_area": union.name_bn,
            }
        )
        assert in_bangla == accepted, district
        # and another district's upazila, another upazila's union or another district's
        # postcode is INVALID on that field
        assert refused(**{**address, "city": foreign_upazila.name}) == [("city", "invalid")]
        assert refused(**{**address, "city_area": foreign_union.name}) == [
            ("city_area", "invalid")
        ], district
        assert refused(**{**address, "postal_code": foreign_postcode}) == [
            ("postal_code", "invalid")
        ]


# --- city thanas -------------------------------------------------------------------------------

DHANMONDI = {
    **GOOD,
    "country_area": "Dhaka",
    "city": "Dhanmondi",
    "city_area": "",
    "postal_code": "1209",
}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({"city": "Dhanmondi", "postal_code": "1209"}, ("Dhanmondi", "1209")),
        ({"city": "  GULSHAN ", "postal_code": "1212"}, ("Gulshan", "1212")),
        ({"city": "mirpur", "postal_code": "1216"}, ("Mirpur", "1216")),
        ({"country_area": "ঢাকা", "city": "ধানমন্ডি", "postal_code": "১২০৯"}, ("Dhanmondi", "1209")),
        ({"country_area": "ঢাকা", "city": "গুলশান", "postal_code": "১২১৩"}, ("Gulshan", "1213")),
        ({"country_area": "ঢাকা", "city": "মিরপুর", "postal_code": "১২১৬"}, ("Mirpur", "1216")),
    ],
)
def test_a_dhaka_city_address_names_its_thana_in_english_or_bangla(typed, expected):
    # when an address in Dhaka city names its thana, in English or in Bangla
    cleaned = validate_address(**{**DHANMONDI, **typed})
    # then it is accepted and kept by the thana's English name
    assert (cleaned.country_area, (cleaned.city, cleaned.postal_code), cleaned.city_area) == (
        "Dhaka",
        expected,
        "",
    )


@pytest.mark.parametrize(
    ("district", "city"),
    [
        ("Dhaka", "Panchlaish"),  # a thana of Chattogram city
        ("Chattogram", "Dhanmondi"),  # a thana of Dhaka city
        ("Gazipur", "Gulshan"),
        ("Khulna", "Boalia"),  # Rajshahi's
    ],
)
def test_a_thana_of_another_district_is_invalid_on_city(district, city):
    # when a thana is named under a district it is not in, then INVALID on city alone
    postcode = PostOffice.objects.filter(district__name=district).order_by("postcode")[0].postcode
    fields = {**DHANMONDI, "country_area": district, "city": city, "postal_code": postcode}
    assert refusal_messages(**fields) == {
        "city": [f"Not an upazila or thana of {district} district."]
    }


def test_a_city_thana_takes_no_city_area():
    # when a Dhanmondi address names a union (of Savar upazila), a neighbourhood, or the thana
    for city_area in ("Ashulia", "Dhanmondi 27", "Dhanmondi"):
        # then the city area is refused, and only it
        assert refusal_messages(**{**DHANMONDI, "city_area": city_area}) == {
            "city_area": ["Dhanmondi thana has no unions: leave the city area empty."]
        }, city_area
    # and an empty one (or spaces) is accepted
    assert validate_address(**{**DHANMONDI, "city_area": "  "}).city_area == ""


def test_the_rules_for_a_city_thana_offer_no_city_areas():
    # when the rules are asked for Dhaka and one of its thanas
    rules = address_rules(country_code="BD", country_area="Dhaka", city="ধানমন্ডি")
    # then the thanas are among the cities and no union is offered for it
    assert Choice(raw="Dhanmondi", verbose="Dhanmondi / ধানমন্ডি") in rules.city_choices
    assert rules.city_area_choices == ()


# --- the description and the check agree --------------------------------------------------------


def test_validation_requires_exactly_the_fields_the_rules_name():
    # given the rules' required fields, in Saleor's vocabulary
    required = address_rules(country_code="BD").required_fields
    # when an empty address is validated
    fields = {field for field, _ in refused()}
    # then each required rule field, and only those, is refused, by its Address field
    assert fields == {ERROR_FIELDS[field] for field in required}


def test_every_choice_the_rules_offer_is_accepted_and_matchers_describe_the_postcodes():
    all_postcodes = dict(PostOffice.objects.values_list("postcode", "district__name"))
    for district in address_rules(country_code="BD").country_area_choices:
        # given the rules for the district
        rules = address_rules(country_code="BD", country_area=district.raw)
        assert rules.city_choices, district
        postcode = rules.postal_code_examples[0]
        address = {**GOOD, "country_area": district.raw, "city_area": "", "postal_code": postcode}
        # then every upazila offered is accepted
        for city in rules.city_choices:
            cleaned = validate_address(**{**address, "city": city.raw})
            assert (cleaned.country_area, cleaned.city) == (district.raw, city.raw)
        # and every union offered for its first upazila with unions
        for city in rules.city_choices:
            unions = address_rules(
                country_code="BD", country_area=district.raw, city=city.raw
            ).city_area_choices
            if unions:
                break
        for union in unions:
            cleaned = validate_address(**{**address, "city": city.raw, "city_area": union.raw})
            assert cleaned.city_area == union.raw
        # and a postcode matches every matcher exactly when it is the district's
        for code, district_name in all_postcodes.items():
            matches = all(re.fullmatch(matcher, code) for matcher in rules.postal_code_matchers)
            assert matches == (district_name == district.raw), (district.raw, code)
        for example in rules.postal_code_examples:
            accepted = validate_address(**{**address, "city": city.raw, "postal_code": example})
            assert accepted.postal_code == example


def test_values_outside_the_rules_choices_are_refused():
    # given the rules for Gazipur and its Kaliakair upazila, and places they do not offer
    rules = address_rules(country_code="BD", country_area="Gazipur", city="Kaliakair")
    offered_cities = {choice.raw for choice in rules.city_choices}
    offered_unions = {choice.raw for choice in rules.city_area_choices}
    other_upazila = Upazila.objects.exclude(name__in=offered_cities).order_by("pk").first()
    other_union = Union.objects.exclude(name__in=offered_unions).order_by("pk").first()
    assert other_upazila is not None and other_union is not None
    # when one of them is validated, then INVALID on its field
    assert refused(**{**GOOD, "city": other_upazila.name}) == [("city", "invalid")]
    assert refused(**{**GOOD, "city_area": other_union.name}) == [("city_area", "invalid")]


def test_the_address_factory_builds_a_valid_address():
    # given the factory's address, as stored
    address = AddressFactory.build()
    values = {field.name: getattr(address, field.name) for field in fields(CleanedAddress)}
    # when it is validated, then it comes back unchanged
    assert asdict(validate_address(**values)) == values
