"""collection_points_for: Saleor's stock rules for click and collect, nearest first."""

from __future__ import annotations

import pytest

from backend.inventory.models import ClickAndCollectOption
from backend.places.selectors import AddressPlaces
from backend.shipping.collection_points import collection_points_for
from tests.factories import (
    CentreFactory,
    ChannelFactory,
    DistrictFactory,
    DivisionFactory,
    PostOfficeFactory,
    ProductVariantFactory,
    StockFactory,
    UnionFactory,
    UpazilaFactory,
    WarehouseFactory,
)

pytestmark = pytest.mark.django_db

LOCAL, ALL = ClickAndCollectOption.LOCAL_STOCK, ClickAndCollectOption.ALL_WAREHOUSES


def _point(channel, name, *, union=None, district=None, option=ALL, post_office=None):
    district = district or union.upazila.district
    centre = CentreFactory(union=union, district=district)
    warehouse = WarehouseFactory(
        name=name,
        centre=centre,
        district=district,
        post_office=post_office,
        click_and_collect_option=option,
    )
    warehouse.channels.add(channel)
    return warehouse


def test_points_are_ordered_by_distance_in_the_place_tree_then_by_name(channel):
    # given a destination in a union, and centres ever further from it
    division = DivisionFactory()
    district = DistrictFactory(division=division)
    upazila = UpazilaFactory(district=district)
    home_union = UnionFactory(upazila=upazila)
    office = PostOfficeFactory(district=district)
    destination = AddressPlaces(
        division_id=division.pk,
        district_id=district.pk,
        upazila_id=upazila.pk,
        union_id=home_union.pk,
        post_office_id=office.pk,
    )
    far = _point(channel, "A far", district=DistrictFactory())
    division_point = _point(channel, "B division", district=DistrictFactory(division=division))
    district_point = _point(channel, "C district", district=district)
    by_post_office = _point(channel, "D post office", district=district, post_office=office)
    upazila_point = _point(channel, "E upazila", union=UnionFactory(upazila=upazila))
    union_b = _point(channel, "G union", union=home_union)
    union_a = _point(channel, "F union", union=home_union)

    # when
    points = collection_points_for(channel=channel, destination=destination, lines=[])

    # then
    assert points == [
        union_a,
        union_b,
        by_post_office,
        upazila_point,
        district_point,
        division_point,
        far,
    ]


def test_without_a_destination_points_are_by_name(channel):
    second = _point(channel, "Beta", district=DistrictFactory())
    first = _point(channel, "Alpha", district=DistrictFactory())

    assert collection_points_for(channel=channel, destination=None, lines=[]) == [first, second]


def test_local_stock_must_hold_every_line_all_warehouses_the_channel_must(channel):
    # given a sari and a lamp; a local point with saris only; an all-warehouses point with none
    sari, lamp = ProductVariantFactory(), ProductVariantFactory()
    local = _point(channel, "Local", district=DistrictFactory(), option=LOCAL)
    anywhere = _point(channel, "Anywhere", district=DistrictFactory(), option=ALL)
    store = WarehouseFactory()  # a vendor's store room, not a collection point
    store.channels.add(channel)
    StockFactory(warehouse=local, product_variant=sari, quantity=3, quantity_allocated=1)
    StockFactory(warehouse=store, product_variant=sari, quantity=2)
    StockFactory(warehouse=store, product_variant=lamp, quantity=1)

    def points(*lines):
        return collection_points_for(channel=channel, destination=None, lines=list(lines))

    # when / then: 2 saris are at the local point (3 held, 1 allocated), 4 only in the channel
    assert points((sari.pk, 2)) == [anywhere, local]
    assert points((sari.pk, 1), (sari.pk, 2)) == [anywhere]  # lines of one variant add up
    assert points((sari.pk, 4)) == [anywhere]
    assert points((sari.pk, 5)) == []
    assert points((sari.pk, 1), (lamp.pk, 1)) == [anywhere]
    assert points((lamp.pk, 2)) == []


def test_disabled_and_other_channels_warehouses_are_not_points(channel):
    # given a disabled warehouse in the channel and a point of another channel
    disabled = _point(channel, "Off", district=DistrictFactory())
    disabled.click_and_collect_option = ClickAndCollectOption.DISABLED
    disabled.save()
    export = ChannelFactory(slug="export")
    _point(export, "Export", district=DistrictFactory())

    # when / then
    assert collection_points_for(channel=channel, destination=None, lines=[]) == []


@pytest.mark.parametrize("size", [1, 10])
def test_two_queries_whatever_the_points_and_lines(channel, django_assert_num_queries, size):
    # given size points and size lines
    variants = [ProductVariantFactory() for _ in range(size)]
    for index in range(size):
        point = _point(channel, f"P{index}", union=UnionFactory(), option=LOCAL)
        for variant in variants:
            StockFactory(warehouse=point, product_variant=variant, quantity=1)
    destination = AddressPlaces(1, 1, None, None, None)

    # when / then
    with django_assert_num_queries(2):
        points = collection_points_for(
            channel=channel, destination=destination, lines=[(v.pk, 1) for v in variants]
        )
    assert len(points) == size
