from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from backend.core.cache_version import current_catalog_version
from backend.places.city_thanas import CITY_THANA_SOURCE_IDS
from backend.places.loading import load_places, normalize_postcode
from backend.places.models import District, Division, PostOffice, Union, Upazila, UpazilaKind

pytestmark = pytest.mark.django_db


def test_load_places_loads_the_whole_package():
    # given an empty database

    # when
    result = load_places()

    # then
    assert Division.objects.count() == 8
    assert District.objects.count() == 64
    assert Upazila.objects.filter(kind=UpazilaKind.UPAZILA).count() == 494
    assert Upazila.objects.filter(kind=UpazilaKind.CITY_THANA).count() == 108
    assert Union.objects.count() == 4540
    assert result.postcode_records == 1368
    # 15 post offices come as an English-only and a Bangla-only record: merged into one each.
    assert PostOffice.objects.count() == 1353
    assert result.unlinked_postcodes == []
    assert not PostOffice.objects.filter(district__isnull=True).exists()
    assert result.created == 8 + 64 + 494 + 108 + 4540 + 1353
    assert result.updated == 0


def test_city_thanas_per_district():
    # when
    result = load_places()

    # then the metropolitan police thanas of each city district that are not already upazilas
    thanas = Upazila.objects.filter(kind=UpazilaKind.CITY_THANA)
    per_district = dict(
        thanas.values("district__name")
        .annotate(count=Count("pk"))
        .values_list("district__name", "count")
    )
    assert per_district == {
        "Dhaka": 50,
        "Chattogram": 15,  # Karnaphuli is the package's Karnafuli upazila
        "Khulna": 8,
        "Rajshahi": 11,  # Paba is an upazila
        "Sylhet": 5,  # Dakshin Surma is an upazila
        "Barisal": 4,
        "Rangpur": 6,
        "Gazipur": 7,  # Gazipur Sadar is an upazila
        "Narayanganj": 2,
    }
    assert (result.city_thanas.created, result.city_thanas.total) == (108, 108)
    # with ids of their own range, above the package's, and no unions
    assert all(
        source_id in CITY_THANA_SOURCE_IDS
        for source_id in thanas.values_list("source_id", flat=True)
    )
    assert (
        max(Upazila.objects.filter(kind=UpazilaKind.UPAZILA).values_list("source_id", flat=True))
        < CITY_THANA_SOURCE_IDS.start
    )
    assert not Union.objects.filter(upazila__kind=UpazilaKind.CITY_THANA).exists()
    dhanmondi = thanas.get(name="Dhanmondi")
    assert (dhanmondi.name_bn, dhanmondi.district.name) == ("ধানমন্ডি", "Dhaka")


def test_load_places_twice_changes_nothing():
    # given
    load_places()
    before = list(PostOffice.objects.values_list("postcode", "name", "name_bn", "district_id"))

    upazilas = list(Upazila.objects.order_by("pk").values())

    # when
    result = load_places()

    # then
    assert result.created == 0
    assert result.updated == 0
    assert list(PostOffice.objects.values_list("postcode", "name", "name_bn", "district_id")) == (
        before
    )
    assert Union.objects.count() == 4540
    assert list(Upazila.objects.order_by("pk").values()) == upazilas


def test_load_places_adds_the_city_thanas_to_a_database_loaded_without_them():
    # given a database loaded before there were city thanas, and an upazila changed since
    load_places()
    Upazila.objects.filter(kind=UpazilaKind.CITY_THANA).delete()
    Upazila.objects.filter(name="Savar").update(name_bn="ভুল")

    # when it is loaded again
    result = load_places()

    # then the thanas are added, the changed upazila repaired, and nothing else touched
    assert (result.city_thanas.created, result.city_thanas.updated) == (108, 0)
    assert (result.upazilas.created, result.upazilas.updated) == (0, 1)
    assert result.created == 108
    assert result.updated == 1
    assert Upazila.objects.get(name="Savar").name_bn == "সাভার"
    assert Upazila.objects.get(district__name="Dhaka", name="Gulshan").kind == (
        UpazilaKind.CITY_THANA
    )


def test_load_places_repairs_a_changed_row():
    # given
    load_places()
    District.objects.filter(slug="dhaka").update(name_bn="ভুল")

    # when
    result = load_places()

    # then
    assert result.districts.updated == 1
    assert result.created == 0
    assert District.objects.get(slug="dhaka").name_bn == "ঢাকা"


def test_load_places_tidies_postcode_records():
    # given

    # when
    load_places()

    # then a post office split over "1230 " (English) and "1230| " (Bangla) is one row
    uttara = PostOffice.objects.get(postcode="1230")
    assert uttara.thana == "Uttara"
    assert uttara.thana_bn == "উত্তরা"
    assert uttara.district.slug == "dhaka"
    # the record with an empty key and its postcode in the sub-office field
    bandarban = PostOffice.objects.get(postcode="4600")
    assert bandarban.name == "Bandarban Sadar"
    assert bandarban.district.name == "Bandarban"
    # "05610 " is 5610; "Cumilla" is the districts list's "Comilla"
    assert PostOffice.objects.get(postcode="5610").district.name == "Kurigram"
    assert PostOffice.objects.filter(district__name="Comilla").count() > 30
    # a Bangla-only record keeps its Bangla name as the name
    demra = PostOffice.objects.get(postcode="1360")
    assert demra.name == demra.name_bn == "ডেমরা"


def test_slugs_and_bangla_names():
    # given

    # when
    load_places()

    # then
    assert sorted(Division.objects.values_list("slug", flat=True)) == [
        "barisal",
        "chattagram",
        "dhaka",
        "khulna",
        "mymensingh",
        "rajshahi",
        "rangpur",
        "sylhet",
    ]
    assert District.objects.values("slug").distinct().count() == 64
    assert District.objects.get(slug="comilla").name_bn == "কুমিল্লা"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1206 ", "1206"), ("1230| ", "1230"), ("05610 ", "5610"), ("১২০৬ ", "1206"), ("", "")],
)
def test_normalize_postcode(raw, expected):
    assert normalize_postcode(raw) == expected


def test_load_places_command_prints_counts():
    # given
    out = StringIO()

    # when
    call_command("load_places", stdout=out)

    # then
    text = out.getvalue()
    assert "divisions: 8 (8 created, 0 updated)" in text
    assert "upazilas: 494 (494 created, 0 updated)" in text
    assert "city thanas: 108 (108 created, 0 updated)" in text
    assert "unions: 4540 (4540 created, 0 updated)" in text
    assert "post offices: 1353 (1353 created, 0 updated)" in text
    assert "postcode records read: 1368; post offices without a district: 0" in text


def test_load_places_invalidates_cached_answers_only_when_something_changed(
    django_capture_on_commit_callbacks,
):
    # given the geography loaded once, and the catalogue version after it
    with django_capture_on_commit_callbacks(execute=True):
        load_places()
    before = current_catalog_version()

    # when it is loaded again unchanged, then after one name was edited behind its back
    with django_capture_on_commit_callbacks(execute=True):
        load_places()
    unchanged = current_catalog_version()
    District.objects.filter(slug="dhaka").update(name_bn="ভুল")
    with django_capture_on_commit_callbacks(execute=True):
        load_places()

    # then only the load that repaired something bumped the version
    assert unchanged == before
    assert current_catalog_version() != before
