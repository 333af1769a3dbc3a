"""Staff's shippingZones and shippingZone: Saleor's fields, MANAGE_SHIPPING, no N+1."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from backend.core.permissions import PermissionEnum
from backend.inventory.models import ClickAndCollectOption, Warehouse
from backend.places.models import PostOffice
from backend.shipping.models import ShippingZone, ShippingZoneKind
from backend.shipping.services import (
    RateSlab,
    create_shipping_method,
    create_shipping_zone,
    set_shipping_method_channel_listing,
    set_shipping_rates,
)
from tests.conftest import grant
from tests.factories import (
    CentreFactory,
    ChannelFactory,
    PostOfficeFactory,
    UserFactory,
    WarehouseFactory,
)

pytestmark = pytest.mark.django_db

ZONES = """
query Zones($first: Int, $filter: ShippingZoneFilterInput, $channel: String) {
  shippingZones(first: $first, filter: $filter, channel: $channel) {
    totalCount
    edges { node {
      id name default kind description
      metadata { key value }
      countries { code }
      priceRange { start { amount currency } stop { amount } }
      channels { slug }
      shippingMethods {
        id name type minimumDeliveryDays maximumDeliveryDays
        minimumOrderPrice { amount } maximumOrderPrice { amount }
        translation(languageCode: BN) { name }
      }
      warehouses {
        id name companyName isPrivate clickAndCollectOption
        address {
          id companyName streetAddress1 city cityArea postalCode countryArea
          country { code } phone
        }
      }
    } }
  }
}
"""

ZONE = """
query Zone($id: ID!, $channel: String) {
  shippingZone(id: $id, channel: $channel) { name priceRange { start { amount } } }
}
"""


@pytest.fixture
def shipping_manager(db):
    user = UserFactory(is_staff=True, email="shipping@haat.test", phone=None)
    grant(user, PermissionEnum.MANAGE_SHIPPING)
    return user


def _set_up(channel, *, methods=1, warehouses=1):
    zones = [
        create_shipping_zone(
            name=kind.label,
            kind=kind,
            channels=[channel],
            default=kind == ShippingZoneKind.REST_OF_COUNTRY,
            description=f"{kind.label} parcels",
        )
        for kind in ShippingZoneKind
    ]
    for index in range(methods):
        method = create_shipping_method(
            name=f"Method {index}", minimum_delivery_days=1, maximum_delivery_days=3
        )
        set_shipping_method_channel_listing(
            method=method, channel=channel, minimum_order_price=Decimal(100)
        )
        for zone in zones:
            set_shipping_rates(
                method=method,
                zone=zone,
                channel=channel,
                slabs=[RateSlab(Decimal(1), Decimal(60)), RateSlab(Decimal(5), Decimal(150))],
            )
    for index in range(warehouses):
        office = PostOfficeFactory()
        centre = CentreFactory(district=office.district, phone="+8801711000101")
        warehouse = WarehouseFactory(
            name=f"Centre {index}",
            centre=centre,
            district=office.district,
            post_office=office,
            street_address="Union Parishad",
            click_and_collect_option=ClickAndCollectOption.LOCAL_STOCK,
            is_private=False,
        )
        warehouse.channels.add(channel)
    return zones


def test_a_shipping_manager_reads_zones_with_saleors_fields(api_client, shipping_manager, channel):
    # given
    zones = _set_up(channel)
    office = PostOffice.objects.get()

    # when
    data = api_client.as_user(shipping_manager).execute(ZONES, {"channel": "bd"})

    # then ordered by name, each with its methods, prices and the channel's warehouses
    page = data["shippingZones"]
    assert page["totalCount"] == 3
    names = [edge["node"]["name"] for edge in page["edges"]]
    assert names == ["Rest of the country", "Same district", "Same division"]
    rest = page["edges"][0]["node"]
    assert rest["id"] == to_global_id("ShippingZone", zones[2].pk)
    assert (rest["default"], rest["kind"], rest["description"]) == (
        True,
        "REST_OF_COUNTRY",
        "Rest of the country parcels",
    )
    assert rest["countries"] == [{"code": "BD"}]
    assert rest["priceRange"] == {
        "start": {"amount": 60.0, "currency": "BDT"},
        "stop": {"amount": 150.0},
    }
    assert rest["channels"] == [{"slug": "bd"}]
    [method] = rest["shippingMethods"]
    assert method["name"] == "Method 0" and method["type"] == "WEIGHT"
    assert (method["minimumDeliveryDays"], method["maximumDeliveryDays"]) == (1, 3)
    assert method["minimumOrderPrice"] == {"amount": 100.0}
    assert method["maximumOrderPrice"] is None
    assert method["translation"] is None
    [warehouse] = rest["warehouses"]
    assert warehouse["companyName"] == "Centre 0"
    assert (warehouse["isPrivate"], warehouse["clickAndCollectOption"]) == (False, "LOCAL")
    stored = Warehouse.objects.get()
    assert warehouse["id"] == to_global_id("Warehouse", stored.pk)
    assert warehouse["address"] == {
        "id": to_global_id("Address", f"warehouse-{stored.pk}"),
        "companyName": "Centre 0",
        "streetAddress1": "Union Parishad",
        "city": office.district.name,
        "cityArea": office.thana,
        "postalCode": office.postcode,
        "countryArea": office.district.division.name,
        "country": {"code": "BD"},
        "phone": "+8801711000101",
    }


def test_without_a_channel_zones_have_no_price_range_and_all_their_methods(
    api_client, shipping_manager, channel
):
    # given a method with rates only in another channel
    _set_up(channel)
    export = ChannelFactory(slug="export", currency_code="USD")
    abroad = create_shipping_method(name="Abroad")
    zone = ShippingZone.objects.get(kind=ShippingZoneKind.SAME_DISTRICT)
    zone.channels.add(export)
    set_shipping_rates(method=abroad, zone=zone, channel=export, slabs=[RateSlab(None, Decimal(9))])

    # when
    anywhere = api_client.as_user(shipping_manager).execute(ZONES, {})
    in_bd = api_client.as_user(shipping_manager).execute(ZONES, {"channel": "bd"})

    # then
    def methods(data):
        node = next(
            edge["node"]
            for edge in data["shippingZones"]["edges"]
            if edge["node"]["kind"] == "SAME_DISTRICT"
        )
        return node["priceRange"], [method["name"] for method in node["shippingMethods"]]

    assert methods(anywhere) == (None, ["Abroad", "Method 0"])
    assert methods(in_bd)[1] == ["Method 0"]


def test_zones_filter_by_search_and_channel(api_client, shipping_manager, channel):
    # given the district zone also serves another channel
    zones = _set_up(channel)
    export = ChannelFactory(slug="export")
    zones[0].channels.add(export)
    client = api_client.as_user(shipping_manager)

    def names(filter):
        data = client.execute(ZONES, {"filter": filter})
        return [edge["node"]["name"] for edge in data["shippingZones"]["edges"]]

    # when / then
    assert names({"search": "same"}) == ["Same district", "Same division"]
    assert names({"channels": [to_global_id("Channel", export.pk)]}) == ["Same district"]
    assert names({"channels": [to_global_id("Channel", channel.pk)]}) == [
        "Rest of the country",
        "Same district",
        "Same division",
    ]


def test_one_zone_by_id_in_a_channel(api_client, shipping_manager, channel):
    zones = _set_up(channel)
    client = api_client.as_user(shipping_manager)
    zone_id = to_global_id("ShippingZone", zones[0].pk)

    found = client.execute(ZONE, {"id": zone_id, "channel": "bd"})
    missing = client.execute(ZONE, {"id": to_global_id("ShippingZone", 0)})
    foreign = client.execute(ZONE, {"id": to_global_id("Channel", zones[0].pk)})

    assert found["shippingZone"] == {
        "name": "Same district",
        "priceRange": {"start": {"amount": 60.0}},
    }
    assert missing["shippingZone"] is None
    assert foreign["shippingZone"] is None


@pytest.mark.parametrize("who", ["anonymous", "customer", "entrepreneur", "staff"])
@pytest.mark.parametrize(
    ("query", "variables"), [(ZONES, {}), (ZONE, {"id": "U2hpcHBpbmdab25lOjE="})]
)
def test_zones_need_manage_shipping(
    api_client, channel, customer_user, entrepreneur, staff_user, who, query, variables
):
    # given zones, and someone without MANAGE_SHIPPING
    _set_up(channel)
    user = {"anonymous": None, "customer": customer_user, "entrepreneur": entrepreneur}.get(
        who, staff_user
    )
    client = api_client.as_user(user) if user else api_client

    # when
    content = client.execute_raw(query, variables)

    # then
    [error] = content["errors"]
    assert error["extensions"]["exception"]["code"] == "PermissionDenied"
    assert "MANAGE_SHIPPING" in error["message"]


def _count(client, variables) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.execute(ZONES, variables)
    return len(captured)


def test_a_page_of_one_zone_and_of_three_run_the_same_queries(
    api_client, shipping_manager, channel
):
    # given three zones, each with three methods and the channel's four warehouses
    _set_up(channel, methods=3, warehouses=4)
    client = api_client.as_user(shipping_manager)
    client.execute(ZONES, {"first": 1, "channel": "bd"})  # warm the user's permission cache

    # when
    one = _count(client, {"first": 1, "channel": "bd"})
    three = _count(client, {"first": 3, "channel": "bd"})

    # then the same, one per relation and level (no query per zone, method or warehouse)
    assert one == three == 14
