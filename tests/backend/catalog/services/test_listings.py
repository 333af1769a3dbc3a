from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import ProductChannelListing
from backend.catalog.services.listings import (
    ProductChannelListingChange,
    VariantPriceChange,
    update_product_channel_listings,
    update_products_discounted_prices,
    update_variant_channel_listings,
)
from tests.factories import (
    ChannelFactory,
    ProductChannelListingFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
)

from .helpers import error_codes


@pytest.mark.django_db
def test_discounted_price_is_the_cheapest_variant_price_per_channel():
    # given
    bd = ChannelFactory()
    other = ChannelFactory(slug="other", name="Other")
    product = ProductFactory()
    ProductChannelListingFactory(product=product, channel=bd)
    ProductChannelListingFactory(product=product, channel=other)
    for bd_price, other_price in (("120.00", "9.00"), ("80.50", "11.00")):
        variant = ProductVariantFactory(product=product)
        ProductVariantChannelListingFactory(
            variant=variant, channel=bd, price_amount=Decimal(bd_price)
        )
        ProductVariantChannelListingFactory(
            variant=variant, channel=other, price_amount=Decimal(other_price)
        )
    # when
    update_products_discounted_prices([product.pk])
    # then
    prices = dict(
        ProductChannelListing.objects.filter(product=product).values_list(
            "channel__slug", "discounted_price_amount"
        )
    )
    assert prices == {"bd": Decimal("80.50"), "other": Decimal("9.00")}


@pytest.mark.django_db
def test_variant_price_update_refreshes_the_listing_price():
    # given
    channel = ChannelFactory()
    product = ProductFactory()
    ProductChannelListingFactory(product=product, channel=channel)
    variant = ProductVariantFactory(product=product)
    # when
    update_variant_channel_listings(
        variant=variant, prices=[VariantPriceChange(channel=channel, price=Decimal("55.25"))]
    )
    # then
    listing = ProductChannelListing.objects.get(product=product)
    assert listing.discounted_price_amount == Decimal("55.25")


@pytest.mark.django_db
def test_variant_price_in_unlisted_channel_is_refused():
    channel = ChannelFactory()
    variant = ProductVariantFactory()
    with pytest.raises(ValidationError) as error:
        update_variant_channel_listings(
            variant=variant, prices=[VariantPriceChange(channel=channel, price=Decimal(1))]
        )
    assert error_codes(error.value) == {
        "channel": [ProductErrorCode.PRODUCT_NOT_ASSIGNED_TO_CHANNEL.value]
    }


@pytest.mark.django_db
def test_publishing_sets_dates_and_removing_deletes_variant_listings():
    # given
    channel = ChannelFactory()
    product = ProductFactory()
    variant = ProductVariantFactory(product=product)
    # when
    update_product_channel_listings(
        product=product,
        update_channels=[
            ProductChannelListingChange(
                channel=channel,
                is_published=True,
                is_available_for_purchase=True,
                add_variants=[variant],
            )
        ],
        remove_channels=[],
    )
    # then
    listing = ProductChannelListing.objects.get(product=product)
    assert listing.is_published and listing.published_at is not None
    assert listing.available_for_purchase_at is not None
    assert variant.channel_listings.count() == 1
    # when
    update_product_channel_listings(product=product, update_channels=[], remove_channels=[channel])
    # then
    assert not ProductChannelListing.objects.filter(product=product).exists()
    assert variant.channel_listings.count() == 0


@pytest.mark.django_db
def test_publishing_without_category_is_refused():
    product = ProductFactory(category=None)
    with pytest.raises(ValidationError) as error:
        update_product_channel_listings(
            product=product,
            update_channels=[
                ProductChannelListingChange(channel=ChannelFactory(), is_published=True)
            ],
            remove_channels=[],
        )
    assert error_codes(error.value) == {
        "is_published": [ProductErrorCode.PRODUCT_WITHOUT_CATEGORY.value]
    }
    assert not ProductChannelListing.objects.exists()
