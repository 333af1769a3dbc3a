"""The vouchers and voucher queries: what discount staff see, and nobody else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backend.discounts.models import DiscountValueType, VoucherCode, VoucherType
from storefront_api.core.ids import to_global_id
from tests.factories import (
    CategoryFactory,
    ChannelFactory,
    CollectionFactory,
    ProductFactory,
    ProductVariantFactory,
)
from tests.voucher_factories import make_voucher

from .conftest import denied

pytestmark = pytest.mark.django_db

VOUCHERS = """
query Vouchers($first: Int, $filter: VoucherFilterInput, $channel: String) {
  vouchers(first: $first, filter: $filter, channel: $channel) {
    totalCount
    edges {
      node {
        id name code type discountValueType discountValue currency
        minSpent { amount currency }
        startDate endDate usageLimit used applyOncePerOrder applyOncePerCustomer
        singleUse onlyForStaff minCheckoutItemsQuantity
        codes(first: 5) { edges { node { code used isActive } } }
        channelListings { channel { slug } discountValue currency minSpent { amount } }
        products(first: 5) { edges { node { name } } }
        variants(first: 5) { edges { node { sku } } }
        categories(first: 5) { edges { node { name } } }
        collections(first: 5) { edges { node { name } } }
        vendors(first: 5) { edges { node { name } } }
        metadata { key value }
      }
    }
  }
}
"""

VOUCHER = """
query Voucher($id: ID!, $channel: String) {
  voucher(id: $id, channel: $channel) { id name code discountValue currency }
}
"""


def _full_voucher(code: str, channel):
    voucher_code = make_voucher(
        code,
        type=VoucherType.SPECIFIC_PRODUCT,
        discount_value_type=DiscountValueType.PERCENTAGE,
        value="10",
        min_spent="500",
        channel=channel,
        usage_limit=100,
    )
    voucher = voucher_code.voucher
    VoucherCode.objects.create(voucher=voucher, code=f"{code}-B", used=2)
    product = ProductFactory()
    voucher.products.add(product)
    voucher.variants.add(ProductVariantFactory(product=product))
    voucher.categories.add(CategoryFactory())
    voucher.collections.add(CollectionFactory())
    voucher.vendors.add(product.vendor)
    return voucher


def test_discount_staff_see_a_voucher_with_its_channel_values(api_client, discount_manager):
    # given
    channel = ChannelFactory()
    voucher = _full_voucher("EID10", channel)
    # when
    data = api_client.as_user(discount_manager).execute(VOUCHERS, {"first": 10})
    # then
    node = data["vouchers"]["edges"][0]["node"]
    assert data["vouchers"]["totalCount"] == 1
    assert node["id"] == to_global_id("Voucher", voucher.pk)
    assert (node["code"], node["type"], node["discountValueType"]) == (
        "EID10",
        "SPECIFIC_PRODUCT",
        "PERCENTAGE",
    )
    assert (node["discountValue"], node["currency"]) == (10.0, "BDT")
    assert node["minSpent"] == {"amount": 500.0, "currency": "BDT"}
    assert (node["usageLimit"], node["used"]) == (100, 2)
    assert [edge["node"]["code"] for edge in node["codes"]["edges"]] == ["EID10", "EID10-B"]
    assert node["channelListings"] == [
        {
            "channel": {"slug": "bd"},
            "discountValue": 10.0,
            "currency": "BDT",
            "minSpent": {"amount": 500.0},
        }
    ]
    for relation in ("products", "variants", "categories", "collections", "vendors"):
        assert len(node[relation]["edges"]) == 1, relation


def test_a_voucher_not_in_the_channel_has_no_value_there(api_client, discount_manager):
    voucher = make_voucher("EID10", channel=ChannelFactory()).voucher
    ChannelFactory(slug="export", name="Export")
    data = api_client.as_user(discount_manager).execute(
        VOUCHER, {"id": to_global_id("Voucher", voucher.pk), "channel": "export"}
    )
    assert data["voucher"] == {
        "id": to_global_id("Voucher", voucher.pk),
        "name": "EID10",
        "code": "EID10",
        "discountValue": None,
        "currency": None,
    }


def test_an_unknown_channel_is_an_error(api_client, discount_manager):
    content = api_client.as_user(discount_manager).execute_raw(VOUCHERS, {"channel": "nowhere"})
    assert content["errors"][0]["message"] == "Channel with 'nowhere' slug does not exist."


@pytest.mark.parametrize(
    ("filter_input", "expected"),
    [
        ({"search": "eid"}, ["Eid offer"]),
        ({"search": "SHIP"}, ["Free delivery"]),
        ({"status": ["ACTIVE"]}, ["Eid offer", "Free delivery"]),
        ({"status": ["EXPIRED"]}, ["Pohela Boishakh"]),
        ({"status": ["SCHEDULED"]}, ["Victory Day"]),
        ({"discountType": ["SHIPPING"]}, ["Free delivery"]),
        ({"discountType": ["PERCENTAGE"]}, ["Eid offer"]),
        ({"discountType": ["FIXED"]}, ["Pohela Boishakh", "Victory Day"]),
    ],
)
def test_vouchers_filter(api_client, discount_manager, filter_input, expected):
    # given vouchers running, ended, starting later, and one for shipping
    now = timezone.now()
    channel = ChannelFactory()
    make_voucher(
        "EID10",
        name="Eid offer",
        discount_value_type=DiscountValueType.PERCENTAGE,
        value="10",
        channel=channel,
    )
    make_voucher("FREESHIP", name="Free delivery", type=VoucherType.SHIPPING, channel=channel)
    make_voucher(
        "BOISHAKH",
        name="Pohela Boishakh",
        channel=channel,
        start_date=now - timedelta(days=30),
        end_date=now - timedelta(days=1),
    )
    make_voucher("VICTORY", name="Victory Day", channel=channel, start_date=now + timedelta(days=3))
    # when
    data = api_client.as_user(discount_manager).execute(VOUCHERS, {"filter": filter_input})
    # then
    assert sorted(e["node"]["name"] for e in data["vouchers"]["edges"]) == expected


def test_vouchers_filter_by_ids(api_client, discount_manager):
    first, _second = make_voucher("A1").voucher, make_voucher("B2").voucher
    data = api_client.as_user(discount_manager).execute(
        VOUCHERS, {"filter": {"ids": [to_global_id("Voucher", first.pk)]}}
    )
    assert [e["node"]["code"] for e in data["vouchers"]["edges"]] == ["A1"]


@pytest.mark.parametrize("who", ["anonymous", "customer", "entrepreneur", "staff", "products"])
def test_only_discount_staff_may_list_vouchers(
    api_client, who, customer_user, entrepreneur, staff_user, product_manager
):
    # given a voucher and someone without MANAGE_DISCOUNTS
    voucher = make_voucher().voucher
    users = {
        "anonymous": None,
        "customer": customer_user,
        "entrepreneur": entrepreneur,
        "staff": staff_user,
        "products": product_manager,
    }
    client = api_client.as_user(users[who]) if users[who] else api_client
    # when they ask, then they are refused
    assert denied(client.execute_raw(VOUCHERS))
    assert denied(client.execute_raw(VOUCHER, {"id": to_global_id("Voucher", voucher.pk)}))


def _count_queries(client, first: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        data = client.execute(VOUCHERS, {"first": first})
    assert len(data["vouchers"]["edges"]) == first
    return len(queries)


def test_a_page_of_one_and_a_page_of_twenty_run_the_same_queries(api_client, discount_manager):
    # given twenty vouchers with every relation filled
    channel = ChannelFactory()
    for index in range(20):
        _full_voucher(f"CODE{index}", channel)
    client = api_client.as_user(discount_manager)
    # when a page of 1 and a page of 20 are read
    one, twenty = _count_queries(client, 1), _count_queries(client, 20)
    # then they cost the same
    assert one == twenty
