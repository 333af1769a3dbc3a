"""Which of Haat's places a Bangladeshi address names, in at most three queries.

The address scheme (issue 9, Saleor's AddressInput): `country_area` is the district, `city` the
upazila or city thana of that district, `city_area` a union of that upazila (a city thana has
none), `postal_code` a post office's postcode of that district. Validation
(`address_validation`) and everything that needs the places of an address (checkout, shipping
zones, collection points) read them here, so they cannot disagree about what an address means.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import OuterRef, Subquery

from backend.core.text import to_ascii_digits

from .models import PostOffice
from .selectors import AddressPlaces, districts_named, find_union, find_upazila, place_key

# Places are reference data (`load_places` keeps their ids), so what an address names is
# remembered: validating and pricing a checkout ask it on every change. An answer in which a
# given name or postcode matched nothing is not remembered: the next `load_places` may add that
# place (city thanas came so), and such an address is refused anyway. The version in the key
# retires answers of an earlier shape.
MATCH_CACHE_SECONDS = 3600
MATCH_CACHE_PREFIX = "places:match:v2:"

__all__ = [
    "AddressPlaces",
    "MatchedPlaces",
    "PlaceName",
    "clean_postcode",
    "match_address_places",
    "places_for_address",
]


@dataclass(frozen=True)
class PlaceName:
    """A place an address names: its id and canonical (English) name."""

    id: int
    name: str


@dataclass(frozen=True)
class MatchedPlaces:
    """The places an address names, for validation (it needs their canonical names)."""

    division_id: int
    district: PlaceName
    upazila: PlaceName | None
    union: PlaceName | None
    post_office_id: int | None
    # The upazila's UpazilaKind ("" without one): a city thana has no unions.
    upazila_kind: str = ""


def clean_postcode(postal_code: str | None) -> str:
    """Bangla digits to ASCII, spaces removed: `"১৭ ৫০"` -> `"1750"`."""
    return to_ascii_digits((postal_code or "").strip()).replace(" ", "")


def match_address_places(
    *, country_area: str, city: str = "", city_area: str = "", postal_code: str = ""
) -> MatchedPlaces | None:
    """The district named by `country_area` with the upazila of it named by `city`, the union
    of that upazila named by `city_area` and the district's post office with `postal_code`;
    None when the district is unknown. Names are English or Bangla, in any case and spacing.

    Queries: the district with its post office (one), the upazila, the union; none when the
    same names were matched within the hour, each of them to a place (the cache).
    """
    postcode = clean_postcode(postal_code)
    typed = "\x1f".join((place_key(country_area), place_key(city), place_key(city_area), postcode))
    key = MATCH_CACHE_PREFIX + hashlib.sha256(typed.encode()).hexdigest()
    matched = cache.get(key)
    if matched is None:
        matched = _match(country_area, city, city_area, postcode)
        if matched is not None and _found_all(matched, city, city_area, postcode):
            cache.set(key, matched, MATCH_CACHE_SECONDS)
    return matched


def _found_all(matched: MatchedPlaces, city: str, city_area: str, postcode: str) -> bool:
    """Whether each of the given names and the postcode named a place."""
    return (
        (not place_key(city) or matched.upazila is not None)
        and (not place_key(city_area) or matched.union is not None)
        and (not postcode or matched.post_office_id is not None)
    )


def _match(country_area: str, city: str, city_area: str, postcode: str) -> MatchedPlaces | None:
    districts = districts_named(country_area).annotate(
        matched_post_office_id=Subquery(
            PostOffice.objects.filter(district=OuterRef("pk"), postcode=postcode).values("pk")[:1]
        )
    )
    district = districts.first()
    if district is None:
        return None
    upazila = find_upazila(city, district_id=district.pk) if city else None
    union = find_union(city_area, upazila_id=upazila.pk) if upazila and city_area else None
    return MatchedPlaces(
        division_id=district.division_id,
        district=PlaceName(district.pk, district.name),
        upazila=PlaceName(upazila.pk, upazila.name) if upazila else None,
        union=PlaceName(union.pk, union.name) if union else None,
        post_office_id=getattr(district, "matched_post_office_id", None) if postcode else None,
        upazila_kind=upazila.kind if upazila else "",
    )


def places_for_address(
    *, country_area: str, city: str, city_area: str = "", postal_code: str = ""
) -> AddressPlaces | None:
    """The places of a (cleaned) Bangladeshi address: its division and district, and its
    upazila, union and post office where the address names them; None when the district is
    unknown. At most three queries."""
    matched = match_address_places(
        country_area=country_area, city=city, city_area=city_area, postal_code=postal_code
    )
    if matched is None:
        return None
    return AddressPlaces(
        division_id=matched.division_id,
        district_id=matched.district.id,
        upazila_id=matched.upazila.id if matched.upazila else None,
        union_id=matched.union.id if matched.union else None,
        post_office_id=matched.post_office_id,
    )
