"""parcels_for_lines: one parcel per vendor, from the vendor's district, found in one query."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.shipping.parcels import ParcelLine, parcels_for_lines
from plugins.framework.interface import ParcelData
from tests.factories import CentreFactory, DistrictFactory, VendorFactory, WarehouseFactory

pytestmark = pytest.mark.django_db


def test_lines_group_by_vendor_with_weight_times_quantity_and_totals_summed():
    # given two vendors, one with a warehouse in another district than its centre
    home, store = DistrictFactory(), DistrictFactory()
    potter = VendorFactory(centre=CentreFactory(district=home))
    weaver = VendorFactory(centre=CentreFactory(district=home))
    WarehouseFactory(vendor=weaver, district=None)  # no district: not an origin
    WarehouseFactory(vendor=weaver, district=store)
    lines = [
        ParcelLine(vendor_id=weaver.pk, weight=Decimal("0.25"), quantity=2, total=Decimal(700)),
        ParcelLine(vendor_id=potter.pk, weight=Decimal("1.2"), quantity=1, total=Decimal(350)),
        ParcelLine(vendor_id=weaver.pk, weight=Decimal("0.1"), quantity=3, total=Decimal(90)),
    ]

    # when
    parcels = parcels_for_lines(lines)

    # then in the order vendors first appear; the weaver sends from its warehouse's district
    assert parcels == (
        ParcelData(weaver.pk, store.pk, Decimal("0.80"), Decimal(790)),
        ParcelData(potter.pk, home.pk, Decimal("1.2"), Decimal(350)),
    )


def test_no_lines_no_parcels_and_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert parcels_for_lines([]) == ()


@pytest.mark.parametrize("vendors", [1, 10])
def test_one_query_finds_every_vendors_origin(django_assert_num_queries, vendors):
    # given vendors, each with a warehouse
    lines = []
    for _ in range(vendors):
        vendor = VendorFactory()
        WarehouseFactory(vendor=vendor, district=DistrictFactory())
        lines.append(ParcelLine(vendor.pk, Decimal(1), 1, Decimal(100)))

    # when / then
    with django_assert_num_queries(1):
        parcels = parcels_for_lines(lines)
    assert all(parcel.origin_district_id is not None for parcel in parcels)
