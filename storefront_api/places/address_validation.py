"""Saleor's `addressValidationRules`, answered from Haat's own places for Bangladesh.

For Bangladesh the country area is the division, the city the district and the city area the
thana (upazila); postcodes are four digits. Other countries get a minimal, permissive answer.
"""

from __future__ import annotations

import graphene
from babel import Locale

from backend.places.models import District, Division, PostOffice, Upazila
from backend.places.selectors import find_district, find_division


class ChoiceValue(graphene.ObjectType):
    raw = graphene.String(description="The value to send back.")
    verbose = graphene.String(description="The value to show people.")

    class Meta:
        description = "One allowed value of an address field."


class AddressValidationData(graphene.ObjectType):
    country_code = graphene.String(required=True)
    country_name = graphene.String(required=True)
    address_format = graphene.String(required=True)
    address_latin_format = graphene.String(required=True)
    allowed_fields = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    required_fields = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    upper_fields = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    country_area_type = graphene.String(required=True)
    country_area_choices = graphene.NonNull(graphene.List(graphene.NonNull(ChoiceValue)))
    city_type = graphene.String(required=True)
    city_choices = graphene.NonNull(graphene.List(graphene.NonNull(ChoiceValue)))
    city_area_type = graphene.String(required=True)
    city_area_choices = graphene.NonNull(graphene.List(graphene.NonNull(ChoiceValue)))
    postal_code_type = graphene.String(required=True)
    postal_code_matchers = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    postal_code_examples = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    postal_code_prefix = graphene.String(required=True)

    class Meta:
        description = "How to write and check an address in a country."


# Field names as Saleor reports them (the address-data vocabulary, not Address's field names).
_GENERIC_FIELDS = ["city", "company_name", "country_area", "name", "postal_code", "street_address"]
_BD_FIELDS = sorted([*_GENERIC_FIELDS, "city_area"])
_BD_REQUIRED = ["city", "name", "postal_code", "street_address"]
_BD_FORMAT = "%N%n%O%n%A%n%D%n%C - %Z"
_BD_POSTCODE_EXAMPLES = ["1000", "1206", "4000"]


def _choice(place: Division | District | Upazila) -> ChoiceValue:
    return ChoiceValue(raw=place.name, verbose=f"{place.name} / {place.name_bn}")


def _country_name(code: str) -> str:
    return Locale("en").territories.get(code, code)


def bangladesh_rules(
    *, country_area: str | None, city: str | None, city_area: str | None
) -> AddressValidationData:
    division = find_division(country_area)
    district = find_district(city, division=division) if city else None
    districts = District.objects.all()
    if division is not None:
        districts = districts.filter(division=division)
    city_areas = Upazila.objects.filter(district=district) if district else Upazila.objects.none()
    examples = _BD_POSTCODE_EXAMPLES
    if district is not None:
        postcodes = PostOffice.objects.filter(district=district).values_list("postcode", flat=True)
        examples = list(postcodes.order_by("postcode")[:3]) or examples
    return AddressValidationData(
        country_code="BD",
        country_name=_country_name("BD"),
        address_format=_BD_FORMAT,
        address_latin_format=_BD_FORMAT,
        allowed_fields=_BD_FIELDS,
        required_fields=_BD_REQUIRED,
        upper_fields=[],
        country_area_type="division",
        country_area_choices=[_choice(d) for d in Division.objects.order_by("name")],
        city_type="district",
        city_choices=[_choice(d) for d in districts.order_by("name")],
        city_area_type="thana",
        city_area_choices=[_choice(u) for u in city_areas.order_by("name")],
        postal_code_type="postal",
        postal_code_matchers=[r"^\d{4}$"],
        postal_code_examples=examples,
        postal_code_prefix="",
    )


def generic_rules(country_code: str) -> AddressValidationData:
    return AddressValidationData(
        country_code=country_code,
        country_name=_country_name(country_code),
        address_format="%N%n%O%n%A%n%C%n%S%n%Z",
        address_latin_format="%N%n%O%n%A%n%C%n%S%n%Z",
        allowed_fields=_GENERIC_FIELDS,
        required_fields=["city", "street_address"],
        upper_fields=[],
        country_area_type="province",
        country_area_choices=[],
        city_type="city",
        city_choices=[],
        city_area_type="suburb",
        city_area_choices=[],
        postal_code_type="postal",
        postal_code_matchers=[],
        postal_code_examples=[],
        postal_code_prefix="",
    )


def resolve_address_validation_rules(
    country_code: str,
    country_area: str | None = None,
    city: str | None = None,
    city_area: str | None = None,
) -> AddressValidationData:
    code = getattr(country_code, "value", country_code)
    if code == "BD":
        return bangladesh_rules(country_area=country_area, city=city, city_area=city_area)
    return generic_rules(code)
