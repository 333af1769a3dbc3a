"""The city thanas table (`backend.places.city_thanas`) against the package's places and post
office records: one place per name in a district, and the thanas the post offices name."""

from __future__ import annotations

from collections import Counter

import pytest

from backend.places.city_thanas import CITY_THANA_SOURCE_IDS, CITY_THANAS
from backend.places.models import District, PostOffice, Upazila
from backend.places.selectors import find_upazila, place_key

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bangladesh")]


def test_source_ids_are_unique_in_their_range_and_blocked_by_district():
    ids = [thana.source_id for thana in CITY_THANAS]
    assert len(set(ids)) == len(ids)
    assert all(source_id in CITY_THANA_SOURCE_IDS for source_id in ids)
    # one block of 100 per district, so a new thana never takes another city's number
    blocks: dict[int, set[str]] = {}
    for thana in CITY_THANAS:
        blocks.setdefault(thana.source_id // 100, set()).add(thana.district)
    assert all(len(districts) == 1 for districts in blocks.values()), blocks


def test_no_two_places_of_a_district_share_a_name():
    # given every upazila and city thana, by district
    names = Counter()
    for district_id, name, name_bn in Upazila.objects.values_list("district", "name", "name_bn"):
        names[(district_id, "en", place_key(name))] += 1
        names[(district_id, "bn", place_key(name_bn))] += 1
    # then a name typed in a district finds one place (Karnaphuli, Paba, Dakshin Surma and
    # Gazipur Sadar are left to the package's upazilas for this reason)
    assert [key for key, count in names.items() if count > 1] == []


def test_every_thana_of_the_table_is_in_a_district_of_the_package():
    districts = set(District.objects.values_list("name", flat=True))
    assert {thana.district for thana in CITY_THANAS} <= districts


# The post office records' thana names in Dhaka city (postcodes 1000-1299 and Demra's) that do
# not name a DMP thana, and why.
DHAKA_POSTAL_THANAS_NOT_DMP_THANAS = {
    "1205": "Kalabagan (Old New market)",  # the records mix two thanas: Kalabagan, New Market
    "1206": "Dhaka",  # Dhaka Cantonment's record, "ঢাকা সেনানিবাস" in Bangla: Cantonment thana
    "1230": "Uttara",  # Uttara thana was split into Uttara East and Uttara West
    "1232": "যাত্রাবাড়ি",  # Jatrabari, spelt যাত্রাবাড়ী by DMP
}


def test_the_post_offices_of_dhaka_city_name_its_thanas():
    # given Dhaka city's post offices
    dhaka = District.objects.get(name="Dhaka")
    offices = PostOffice.objects.filter(district=dhaka).exclude(postcode__range=("1300", "1359"))
    assert offices.count() == 27
    # when each one's thana is looked up among Dhaka's places by its English or Bangla name
    unmatched = {}
    for office in offices:
        thana = find_upazila(office.thana, district_id=dhaka.pk) or find_upazila(
            office.thana_bn, district_id=dhaka.pk
        )
        if thana is None:
            unmatched[office.postcode] = office.thana
    # then all are found but the four whose names are not today's thanas
    assert unmatched == DHAKA_POSTAL_THANAS_NOT_DMP_THANAS


@pytest.mark.parametrize(
    ("postcode", "thana"),
    [
        ("1000", "Paltan"),  # "Palton", পল্টন
        ("1209", "Dhanmondi"),
        ("1211", "Lalbagh"),  # "Lalbag", লালবাগ
        ("1214", "Sabujbagh"),  # "Sabujbag", সবুজবাগ
        ("1208", "Tejgaon Industrial Area"),
        ("1360", "Demra"),  # a Bangla-only record
        ("1420", "Fatullah"),
        ("1430", "Siddhirganj"),  # "Siddirganj", সিদ্ধিরগঞ্জ
        ("9000", "Khulna Sadar"),
    ],
)
def test_a_post_offices_thana_finds_the_city_thana(postcode, thana):
    office = PostOffice.objects.get(postcode=postcode)
    found = find_upazila(office.thana, district_id=office.district_id) or find_upazila(
        office.thana_bn, district_id=office.district_id
    )
    assert found is not None and found.name == thana
