"""voucherChannelListingUpdate: a voucher's value per channel."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.discounts.models import DiscountValueType, VoucherChannelListing
from storefront_api.core.ids import to_global_id
from tests.factories import ChannelFactory
from tests.voucher_factories import make_voucher

from .conftest import denied

pytestmark = pytest.mark.django_db

LISTING_UPDATE = """
mutation Listings($id: ID!, $input: VoucherChannelListingInput!) {
  voucherChannelListingUpdate(id: $id, input: $input) {
    voucher {
      channelListings { channel { slug } discountValue currency minSpent { amount currency } }
    }
    errors { field code message }
  }
}
"""


@pytest.fixture
def export_channel(db):
    return ChannelFactory(slug="export", name="Export", currency_code="USD")


def _run(client, voucher, input_):
    variables = {"id": to_global_id("Voucher", voucher.pk), "input": input_}
    return client.execute(LISTING_UPDATE, variables)["voucherChannelListingUpdate"]


def _errors(data: dict) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in data["errors"]]


def test_discount_staff_add_change_and_remove_channels(
    api_client, discount_manager, export_channel
):
    # given a voucher worth ৳50 in bd
    code = make_voucher("EID10", value="50.00")
    bd = code.voucher.channel_listings.get().channel
    client = api_client.as_user(discount_manager)
    # when it is added to export and changed in bd
    data = _run(
        client,
        code.voucher,
        {
            "addChannels": [
                {"channelId": to_global_id("Channel", bd.pk), "minAmountSpent": "500"},
                {"channelId": to_global_id("Channel", export_channel.pk), "discountValue": "5"},
            ]
        },
    )
    # then
    assert data["errors"] == []
    assert data["voucher"]["channelListings"] == [
        {
            "channel": {"slug": "bd"},
            "discountValue": 50.0,
            "currency": "BDT",
            "minSpent": {"amount": 500.0, "currency": "BDT"},
        },
        {"channel": {"slug": "export"}, "discountValue": 5.0, "currency": "USD", "minSpent": None},
    ]
    # and when bd is removed
    data = _run(client, code.voucher, {"removeChannels": [to_global_id("Channel", bd.pk)]})
    assert [item["channel"]["slug"] for item in data["voucher"]["channelListings"]] == ["export"]


@pytest.mark.parametrize(
    ("listing", "expected"),
    [
        ({"discountValue": "100.5"}, ("discountValue", "INVALID")),
        ({"discountValue": "10.123"}, ("discountValue", "INVALID")),
        ({"minAmountSpent": "1e15"}, ("minAmountSpent", "INVALID")),
    ],
)
def test_bad_values_are_refused(api_client, discount_manager, listing, expected):
    # given a 10% voucher
    code = make_voucher(discount_value_type=DiscountValueType.PERCENTAGE, value="10")
    bd = code.voucher.channel_listings.get().channel
    # when
    data = _run(
        api_client.as_user(discount_manager),
        code.voucher,
        {"addChannels": [{"channelId": to_global_id("Channel", bd.pk), **listing}]},
    )
    # then nothing changed
    assert _errors(data) == [expected]
    assert VoucherChannelListing.objects.get().discount_value == Decimal("10.00")


def test_a_channel_given_twice_is_refused(api_client, discount_manager):
    code = make_voucher()
    bd_id = to_global_id("Channel", code.voucher.channel_listings.get().channel.pk)
    client = api_client.as_user(discount_manager)
    twice = _run(client, code.voucher, {"addChannels": [{"channelId": bd_id}] * 2})
    both = _run(
        client, code.voucher, {"addChannels": [{"channelId": bd_id}], "removeChannels": [bd_id]}
    )
    assert _errors(twice) == [("addChannels", "DUPLICATED_INPUT_ITEM")]
    assert _errors(both) == [("addChannels", "DUPLICATED_INPUT_ITEM")]


@pytest.mark.parametrize(
    ("channel_id", "expected"),
    [
        (to_global_id("Channel", 999999), ("channelId", "NOT_FOUND")),
        ("nonsense", ("channelId", "GRAPHQL_ERROR")),
    ],
)
def test_an_unknown_channel_is_refused(api_client, discount_manager, channel_id, expected):
    code = make_voucher()
    data = _run(
        api_client.as_user(discount_manager),
        code.voucher,
        {"addChannels": [{"channelId": channel_id, "discountValue": "1"}]},
    )
    assert _errors(data) == [expected]


def test_an_unknown_voucher_is_not_found(api_client, discount_manager):
    variables = {"id": to_global_id("Voucher", 999999), "input": {}}
    data = api_client.as_user(discount_manager).execute(LISTING_UPDATE, variables)
    assert _errors(data["voucherChannelListingUpdate"]) == [("id", "NOT_FOUND")]


def test_only_discount_staff_may_set_values(api_client, product_manager, entrepreneur):
    code = make_voucher()
    bd_id = to_global_id("Channel", code.voucher.channel_listings.get().channel.pk)
    variables = {
        "id": to_global_id("Voucher", code.voucher.pk),
        "input": {"addChannels": [{"channelId": bd_id, "discountValue": "99"}]},
    }
    for client in (
        api_client,
        api_client.as_user(product_manager),
        api_client.as_user(entrepreneur),
    ):
        assert denied(client.execute_raw(LISTING_UPDATE, variables))
    assert VoucherChannelListing.objects.get().discount_value == Decimal("50.00")
