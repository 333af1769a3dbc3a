"""Saleor enums Haat uses, with the values Haat supports."""

from __future__ import annotations

import re

import graphene
from babel import Locale, localedata

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")


def _language_codes() -> list[tuple[str, str]]:
    codes = sorted({code for code in localedata.locale_identifiers() if _LANGUAGE_CODE.match(code)})
    return [(code.upper(), code.replace("_", "-")) for code in codes]


LanguageCodeEnum = graphene.Enum(
    "LanguageCodeEnum", _language_codes(), description="A language, by its locale code."
)


def _country_codes() -> list[tuple[str, str]]:
    territories = Locale("en").territories
    return sorted((code, code) for code in territories if re.fullmatch(r"[A-Z]{2}", code))


CountryCode = graphene.Enum("CountryCode", _country_codes(), description="An ISO 3166-1 country.")


class ThumbnailFormatEnum(graphene.Enum):
    ORIGINAL = "original"
    AVIF = "avif"
    WEBP = "webp"

    class Meta:
        description = "Image formats a thumbnail can be served in."


class WeightUnitsEnum(graphene.Enum):
    G = "g"
    LB = "lb"
    OZ = "oz"
    KG = "kg"
    TONNE = "tonne"


class OrderDirection(graphene.Enum):
    ASC = "asc"
    DESC = "desc"

    class Meta:
        description = "Ascending or descending."


def language_code_to_django(code: str) -> str:
    """`EN_US` (the enum's name) or `en-us` (its value) to the two-letter code Haat stores."""
    return str(code).replace("_", "-").split("-")[0].lower()
