"""Reads about centres and their entrepreneurs, and places found by the names people type."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.text import slugify

from backend.core.permissions import MANAGE_CENTRES, has_permissions

from .loading import DISTRICT_ALIASES_EN
from .models import Centre, District, Union, Upazila


@dataclass(frozen=True)
class AddressPlaces:
    """Where an address sits in the place trees, as ids: what delivery and collection points
    measure distance with (same union, upazila, district, division). None where the address
    names no such place, or one that is not inside the place above it; built by
    `backend.places.address_places.places_for_address`."""

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


def place_key(name: str | None) -> str:
    """How a typed place name is compared: NFC (Bangla letters typed either way compare equal),
    single-spaced, lower case. Stored names are NFC and single-spaced (`loading.clean_text`)."""
    return " ".join(unicodedata.normalize("NFC", name or "").split()).lower()


def _named(key: str) -> Q:
    """Rows whose English name (any case) or Bangla name is `key`."""
    return Q(name__iexact=key) | Q(name_bn=key)


def districts_named(name: str | None) -> QuerySet[District]:
    """Districts (one, in Bangladesh's data) by English or Bangla name, slug, or a common other
    spelling (Cumilla, Chattagram, Barishal, Cox's Bazar, ...); a queryset, to annotate."""
    key = place_key(name)
    if not key:
        return District.objects.none()
    key = DISTRICT_ALIASES_EN.get(key, key)
    slug = slugify(key)
    matches = _named(key) | Q(slug=slug) if slug else _named(key)
    return District.objects.filter(matches).order_by("pk")


def find_district(name: str | None) -> District | None:
    """A district by English or Bangla name, slug or common other spelling; one query."""
    return districts_named(name).first()


def find_upazila(name: str | None, *, district_id: int) -> Upazila | None:
    """An upazila or city thana of the district by English or Bangla name; one query."""
    key = place_key(name)
    if not key:
        return None
    return Upazila.objects.filter(_named(key), district_id=district_id).order_by("pk").first()


def find_union(name: str | None, *, upazila_id: int) -> Union | None:
    """A union of the upazila by English or Bangla name; one query. (A few upazilas have two
    unions of one name: the first stands for both.)"""
    key = place_key(name)
    if not key:
        return None
    return Union.objects.filter(_named(key), upazila_id=upazila_id).order_by("pk").first()
