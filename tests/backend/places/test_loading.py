from io import StringIO

import pytest
from django.core.management import call_command

from backend.core.cache_version import current_catalog_version
from backend.places.loading import load_places, normalize_postcode
from backend.places.models import District, Division, PostOffice, Union, Upazila

pytestmark = pytest.mark.django_db


def test_load_places_loads_the_whole_package():
    # given an empty database

    # when
    result = load_places()

    # then
    assert Division.objects.count() == 8
    assert District.objects.count() == 64
    assert Upazila.objects.count() == 494
    assert Union.objects.count() == 4540
    assert result.postcode_records == 1368
    # 15 post offices come as an English-only and a Bangla-only record: merged into one each.
    assert PostOffice.objects.count() == 1353
    assert result.unlinked_postcodes == []
    assert not PostOffice.objects.filter(district__isnull=True).exists()
    assert result.created == 8 + 64 + 494 + 4540 + 1353
    assert result.updated == 0


def test_load_places_twice_changes_nothing():
    # given
    load_places()
    before = list(PostOffice.objects.values_list("postcode", "name", "name_bn", "district_id"))

    # when
    result = load_places()

    # then
    assert result.created == 0
    assert result.updated == 0
    assert list(PostOffice.objects.values_list("postcode", "name", "name_bn", "district_id")) == (
        before
    )
    assert Union.objects.count() == 4540


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
