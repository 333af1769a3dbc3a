"""Whether and how much of a product shoppers can buy in a channel."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from backend.catalog.availability import (
    available_for_purchase_at,
    is_available_for_purchase,
    is_product_available,
    quantity_available,
)
from tests.factories import ProductChannelListingFactory

NOW = timezone.now()


def test_purchasable_from_its_date_on(db):
    # given a listing purchasable from an hour ago, and one from tomorrow
    started = ProductChannelListingFactory(available_for_purchase_at=NOW - timedelta(hours=1))
    upcoming = ProductChannelListingFactory(available_for_purchase_at=NOW + timedelta(days=1))
    # then the first may be bought now and the second not yet
    assert is_available_for_purchase(started, now=NOW) is True
    assert is_available_for_purchase(upcoming, now=NOW) is False
    assert available_for_purchase_at(upcoming) == NOW + timedelta(days=1)


def test_never_purchasable_without_a_date(db):
    listing = ProductChannelListingFactory(available_for_purchase_at=None)
    assert is_available_for_purchase(listing, now=NOW) is False
    assert available_for_purchase_at(listing) is None


def test_not_listed_in_the_channel_is_unknown_rather_than_false():
    assert is_available_for_purchase(None, now=NOW) is None
    assert available_for_purchase_at(None) is None
    assert is_product_available(None, has_priced_variant=True, now=NOW) is False


def test_available_when_published_purchasable_and_priced(db):
    listing = ProductChannelListingFactory(
        published_at=NOW - timedelta(days=1), available_for_purchase_at=NOW - timedelta(days=1)
    )
    assert is_product_available(listing, has_priced_variant=True, now=NOW) is True
    # no variant has a price in the channel: nothing can be bought
    assert is_product_available(listing, has_priced_variant=False, now=NOW) is False


def test_not_available_before_publication_or_purchase_date_or_unpublished(db):
    past, future = NOW - timedelta(days=1), NOW + timedelta(days=1)
    not_yet_published = ProductChannelListingFactory(
        published_at=future, available_for_purchase_at=past
    )
    not_yet_on_sale = ProductChannelListingFactory(
        published_at=past, available_for_purchase_at=future
    )
    unpublished = ProductChannelListingFactory(
        is_published=False, published_at=past, available_for_purchase_at=past
    )
    for listing in (not_yet_published, not_yet_on_sale, unpublished):
        assert is_product_available(listing, has_priced_variant=True, now=NOW) is False


def test_shoppers_see_stock_capped_at_the_line_limit_and_staff_all_of_it():
    assert quantity_available(80, track_inventory=True, shows_full_stock=False, line_limit=50) == 50
    assert quantity_available(80, track_inventory=True, shows_full_stock=True, line_limit=50) == 80
    assert quantity_available(7, track_inventory=True, shows_full_stock=False, line_limit=50) == 7


def test_oversold_or_unknown_stock_is_zero():
    assert quantity_available(-3, track_inventory=True, shows_full_stock=True, line_limit=50) == 0
    assert quantity_available(None, track_inventory=True, shows_full_stock=False) == 0


def test_untracked_stock_counts_as_the_line_limit(settings):
    # given the shop's per-line limit
    settings.MAX_CHECKOUT_LINE_QUANTITY = 20
    # then an untracked variant reports it, to shoppers and staff alike
    assert quantity_available(None, track_inventory=False, shows_full_stock=False) == 20
    assert quantity_available(None, track_inventory=False, shows_full_stock=True) == 20
