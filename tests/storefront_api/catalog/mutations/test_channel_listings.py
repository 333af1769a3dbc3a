from decimal import Decimal

import pytest

from backend.catalog.models import ProductChannelListing, ProductVariantChannelListing
from tests.factories import (
    ChannelFactory,
    ProductChannelListingFactory,
    ProductFactory,
    ProductVariantFactory,
)

from .helpers import ALLOWED_ROLES, DENIED_ROLES, assert_permission_denied, client_for, gid

PRODUCT_LISTINGS = """
mutation Listings($id: ID!, $input: ProductChannelListingUpdateInput!) {
  productChannelListingUpdate(id: $id, input: $input) {
    product { id }
    errors { field code }
  }
}
"""
VARIANT_PRICES = """
mutation Prices($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
  productVariantChannelListingUpdate(id: $id, input: $input) {
    variant { id }
    errors { field code }
  }
}
"""


@pytest.fixture
def product(vendor):
    return ProductFactory(vendor=vendor)


@pytest.mark.parametrize("role", ALLOWED_ROLES)
def test_publish_then_price_sets_the_cheapest_price(request, api_client, role, product, channel):
    # given
    cheap, dear = ProductVariantFactory(product=product), ProductVariantFactory(product=product)
    client = client_for(request, api_client, role)
    # when
    data = client.execute(
        PRODUCT_LISTINGS,
        {
            "id": gid("Product", product.pk),
            "input": {
                "updateChannels": [
                    {
                        "channelId": gid("Channel", channel.pk),
                        "isPublished": True,
                        "visibleInListings": True,
                        "isAvailableForPurchase": True,
                    }
                ]
            },
        },
    )
    for variant, price in ((cheap, "99.50"), (dear, 120)):
        prices = client.execute(
            VARIANT_PRICES,
            {
                "id": gid("ProductVariant", variant.pk),
                "input": [{"channelId": gid("Channel", channel.pk), "price": price}],
            },
        )
        assert prices["productVariantChannelListingUpdate"]["errors"] == []
    # then
    assert data["productChannelListingUpdate"]["errors"] == []
    listing = ProductChannelListing.objects.get(product=product)
    assert listing.is_published and listing.available_for_purchase_at is not None
    assert listing.discounted_price_amount == Decimal("99.50")


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_denied_roles_change_no_listing(request, api_client, role, product, channel):
    variant = ProductVariantFactory(product=product)
    ProductChannelListingFactory(product=product, channel=channel, is_published=False)
    client = client_for(request, api_client, role)
    assert_permission_denied(
        client.execute_raw(
            PRODUCT_LISTINGS,
            {
                "id": gid("Product", product.pk),
                "input": {"removeChannels": [gid("Channel", channel.pk)]},
            },
        )
    )
    assert_permission_denied(
        client.execute_raw(
            VARIANT_PRICES,
            {
                "id": gid("ProductVariant", variant.pk),
                "input": [{"channelId": gid("Channel", channel.pk), "price": "1"}],
            },
        )
    )
    assert ProductChannelListing.objects.filter(product=product).count() == 1
    assert not ProductVariantChannelListing.objects.exists()


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("unknown-product", ("id", "NOT_FOUND")),
        ("unknown-channel", ("channelId", "NOT_FOUND")),
        ("duplicate", ("updateChannels", "DUPLICATED_INPUT_ITEM")),
        ("update-and-remove", ("input", "DUPLICATED_INPUT_ITEM")),
        ("foreign-variant", ("addVariants", "NOT_PRODUCTS_VARIANT")),
        ("no-category", ("isPublished", "PRODUCT_WITHOUT_CATEGORY")),
    ],
)
def test_listing_errors_change_nothing(
    api_client, product_manager, product, channel, case, expected
):
    # given
    channel_id = gid("Channel", channel.pk)
    uncategorised = ProductFactory(category=None)
    foreign_variant = ProductVariantFactory()
    one = {"channelId": channel_id, "isPublished": True}
    variables = {
        "unknown-product": {"id": gid("Product", 999999), "input": {"updateChannels": [one]}},
        "unknown-channel": {
            "id": gid("Product", product.pk),
            "input": {"updateChannels": [{"channelId": gid("Channel", 999999)}]},
        },
        "duplicate": {"id": gid("Product", product.pk), "input": {"updateChannels": [one, one]}},
        "update-and-remove": {
            "id": gid("Product", product.pk),
            "input": {"updateChannels": [one], "removeChannels": [channel_id]},
        },
        "foreign-variant": {
            "id": gid("Product", product.pk),
            "input": {
                "updateChannels": [
                    {**one, "addVariants": [gid("ProductVariant", foreign_variant.pk)]}
                ]
            },
        },
        "no-category": {"id": gid("Product", uncategorised.pk), "input": {"updateChannels": [one]}},
    }[case]
    # when
    data = api_client.as_user(product_manager).execute(PRODUCT_LISTINGS, variables)
    # then
    errors = data["productChannelListingUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [expected]
    assert not ProductChannelListing.objects.exists()


@pytest.mark.parametrize(
    ("price_input", "expected"),
    [
        ({"price": "10.005"}, ("price", "INVALID")),
        ({"price": "10", "costPrice": "1.001"}, ("costPrice", "INVALID")),
        ({"price": "10000000000"}, ("price", "INVALID")),
    ],
)
def test_bad_prices_are_refused(
    api_client, product_manager, product, channel, price_input, expected
):
    variant = ProductVariantFactory(product=product)
    ProductChannelListingFactory(product=product, channel=channel)
    data = api_client.as_user(product_manager).execute(
        VARIANT_PRICES,
        {
            "id": gid("ProductVariant", variant.pk),
            "input": [{"channelId": gid("Channel", channel.pk), **price_input}],
        },
    )
    errors = data["productVariantChannelListingUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [expected]
    assert not ProductVariantChannelListing.objects.exists()


@pytest.mark.parametrize("price", ["-1", "NaN", "abc"])
def test_negative_or_non_numeric_prices_fail_to_parse(
    api_client, product_manager, product, channel, price
):
    variant = ProductVariantFactory(product=product)
    ProductChannelListingFactory(product=product, channel=channel)
    content = api_client.as_user(product_manager).execute_raw(
        VARIANT_PRICES,
        {
            "id": gid("ProductVariant", variant.pk),
            "input": [{"channelId": gid("Channel", channel.pk), "price": price}],
        },
    )
    assert len(content["errors"]) == 1
    assert (
        "PositiveDecimal" in content["errors"][0]["message"]
        or "price" in content["errors"][0]["message"]
    )
    assert not ProductVariantChannelListing.objects.exists()


def test_price_errors_for_unlisted_channel_and_duplicates(
    api_client, product_manager, product, channel
):
    variant = ProductVariantFactory(product=product)
    client = api_client.as_user(product_manager)
    line = {"channelId": gid("Channel", channel.pk), "price": "5"}
    data = client.execute(
        VARIANT_PRICES, {"id": gid("ProductVariant", variant.pk), "input": [line]}
    )
    errors = data["productVariantChannelListingUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("channelId", "PRODUCT_NOT_ASSIGNED_TO_CHANNEL")
    ]
    ProductChannelListingFactory(product=product, channel=channel)
    data = client.execute(
        VARIANT_PRICES, {"id": gid("ProductVariant", variant.pk), "input": [line, line]}
    )
    errors = data["productVariantChannelListingUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("channelId", "DUPLICATED_INPUT_ITEM")]
    assert not ProductVariantChannelListing.objects.exists()
    _ = ChannelFactory
