"""Reads about centres and their entrepreneurs."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from backend.core.permissions import MANAGE_CENTRES, has_permissions

from .loading import DISTRICT_ALIASES_EN
from .models import Centre, District, Division, Upazila


@dataclass(frozen=True)
class AddressPlaces:
    """Where an address sits in the place trees, as ids: what delivery and collection points
    measure distance with (same union, upazila, district, division)."""

    division_id: int
    district_id: int
    upazila_id: int | None
    union_id: int | None
    post_office_id: int | None


# The accounts app's Role.ENTREPRENEUR; places sits beside accounts and may not import it
# (import-linter), so the group name is repeated here and a test keeps the two equal.
ENTREPRENEUR_GROUP = "entrepreneur"


def is_entrepreneur_at(*, user, centre: Centre) -> bool:
    """An active user in the entrepreneur group, linked to this centre."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return centre.entrepreneurs.filter(pk=user.pk, groups__name=ENTREPRENEUR_GROUP).exists()


def search_centres(queryset: QuerySet[Centre], search: str) -> QuerySet[Centre]:
    """Centres whose code, English or Bangla name, or district matches `search`."""
    text = unicodedata.normalize("NFC", search or "").strip()
    if not text:
        return queryset
    return queryset.filter(
        Q(code__icontains=text)
        | Q(name__icontains=text)
        | Q(name_bn__icontains=text)
        | Q(district__name__icontains=text)
        | Q(district__name_bn__icontains=text)
    )


def visible_centres(*, user) -> QuerySet[Centre]:
    """Active centres for everyone; closed ones too for staff who manage centres."""
    centres = Centre.objects.all()
    if has_permissions(user, [MANAGE_CENTRES]):
        return centres
    return centres.filter(is_active=True)


# Spellings people type for divisions, beside the ones the source data uses.
_DIVISION_ALIASES = {"barishal": "barisal", "chattogram": "chattagram", "chittagong": "chattagram"}


def _place_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name or "").split()).lower()


def find_division(name: str | None) -> Division | None:
    """A division by English or Bangla name or slug, with common alternative spellings."""
    key = _place_key(name or "")
    if not key:
        return None
    key = _DIVISION_ALIASES.get(key, key)
    for division in Division.objects.all():
        if key in (division.name.lower(), division.slug, _place_key(division.name_bn)):
            return division
    return None


def find_district(name: str | None, *, division: Division | None = None) -> District | None:
    """A district by English or Bangla name or slug, within `division` when given."""
    key = _place_key(name or "")
    if not key:
        return None
    districts = District.objects.all()
    if division is not None:
        districts = districts.filter(division=division)
    key = DISTRICT_ALIASES_EN.get(key, key)
    for district in districts:
        if key in (district.name.lower(), district.slug, _place_key(district.name_bn)):
            return district
    return None


def find_upazila(name: str | None, *, district: District) -> Upazila | None:
    """A thana (upazila) of `district` by English or Bangla name."""
    key = _place_key(name or "")
    if not key:
        return None
    for upazila in Upazila.objects.filter(district=district):
        if key in (upazila.name.lower(), _place_key(upazila.name_bn)):
            return upazila
    return None
