"""`precompiled_rows`: compiled once per key, with every varying value bound at each call."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import F
from django.utils import timezone

from backend.catalog.models import ProductChannelListing
from backend.core.db import PrecompiledReadError, precompiled_rows
from tests.factories import ChannelFactory, ProductChannelListingFactory


def published_by(key, now, ids):
    return precompiled_rows(
        key,
        lambda ids, now: ProductChannelListing.objects.filter(
            pk__any_of=ids, published_at__lte=now
        ).order_by("pk"),
        ids,
        params={"now": now},
    )


def test_a_time_passed_as_a_parameter_is_bound_anew_on_each_call(db):
    # given a listing published an hour ago and one to be published in an hour
    now = timezone.now()
    published = ProductChannelListingFactory(published_at=now - timedelta(hours=1))
    scheduled = ProductChannelListingFactory(published_at=now + timedelta(hours=1))
    ids = [published.pk, scheduled.pk]
    key = ("test_a_time_passed_as_a_parameter_is_bound_anew_on_each_call",)
    # when the same compiled read runs now, two hours later, and now again
    first = published_by(key, now, ids)
    later = published_by(key, now + timedelta(hours=2), ids)
    again = published_by(key, now, ids)
    # then each call sees its own time
    assert [row.pk for row in first] == [published.pk]
    assert [row.pk for row in later] == [published.pk, scheduled.pk]
    assert [row.pk for row in again] == [published.pk]


def test_a_time_frozen_inside_the_builder_is_refused(db):
    # given a builder that reads the clock itself instead of declaring a parameter
    def build(ids):
        return ProductChannelListing.objects.filter(
            pk__any_of=ids, published_at__lte=timezone.now()
        )

    # when it is compiled
    # then it is refused, and nothing is cached under its key
    # (the time as PostgreSQL takes it, a datetime, or as SQLite does, an ISO string)
    key = ("test_a_time_frozen_inside_the_builder_is_refused",)
    frozen_time = r"the SQL would freeze (datetime\.datetime\(|'\d{4}-\d\d-\d\d \d\d:\d\d)"
    with pytest.raises(PrecompiledReadError, match=frozen_time):
        precompiled_rows(key, build, [1])
    with pytest.raises(PrecompiledReadError, match=frozen_time):
        precompiled_rows(key, build, [1])


def test_a_value_missing_from_the_key_is_refused_and_accepted_once_listed(db):
    # given a listing in a channel, and a read that filters on the channel
    listing = ProductChannelListingFactory()
    channel_pk = listing.channel_id

    def build(ids):
        return ProductChannelListing.objects.filter(pk__any_of=ids, channel_id=channel_pk)

    # when the key does not name the channel, then the read is refused with the value it froze
    with pytest.raises(PrecompiledReadError) as refused:
        precompiled_rows(("test_a_value_missing_from_the_key",), build, [listing.pk])
    assert str(refused.value) == (
        "precompiled_rows(('test_a_value_missing_from_the_key',)): the SQL would freeze "
        f"{channel_pk!r}, which is neither the id list, a declared parameter (none) nor listed "
        "in the key. Pass a value that changes between calls (the time, a user) as a "
        "parameter; list a constant in the key."
    )
    # when the key names it, then the read runs
    rows = precompiled_rows(("test_a_value_listed_in_the_key", channel_pk), build, [listing.pk])
    assert [row.pk for row in rows] == [listing.pk]


def test_a_flag_in_the_key_does_not_stand_for_a_number(db):
    # given a read that freezes the number 1, and a key that lists only the flag True (== 1)
    def build(ids):
        return ProductChannelListing.objects.filter(
            pk__any_of=ids, currency__startswith="B"
        ).filter(product_id__gte=1)

    # when it is compiled, then it is refused
    with pytest.raises(PrecompiledReadError, match=r"the SQL would freeze 1,"):
        precompiled_rows(("test_a_flag_in_the_key", "B%", True), build, [1])


def test_a_time_in_the_key_is_refused(db):
    # given a time listed in the key as if it were a constant
    now = timezone.now()

    def build(ids):
        return ProductChannelListing.objects.filter(pk__any_of=ids, published_at__lte=now)

    # when the read is compiled, then it is refused: the key would grow with every call
    with pytest.raises(PrecompiledReadError, match=r"the key lists the time datetime\.datetime\("):
        precompiled_rows(("test_a_time_in_the_key", now), build, [1])


def test_a_declared_parameter_the_read_does_not_use_is_refused(db):
    # given a read that declares `now` and ignores it
    # when it is compiled, then it is refused
    with pytest.raises(PrecompiledReadError) as refused:
        precompiled_rows(
            ("test_a_declared_parameter_unused",),
            lambda ids, now: ProductChannelListing.objects.filter(pk__any_of=ids),
            [1],
            params={"now": timezone.now()},
        )
    assert str(refused.value) == (
        "precompiled_rows(('test_a_declared_parameter_unused',)): "
        "the read does not use the parameter(s) ['now']."
    )


def test_a_read_that_ignores_the_ids_is_refused(db):
    # given a read that would return every row whatever the ids
    # when it is compiled, then it is refused
    with pytest.raises(PrecompiledReadError) as refused:
        precompiled_rows(
            ("test_a_read_that_ignores_the_ids",),
            lambda ids: ProductChannelListing.objects.all(),
            [1],
        )
    assert str(refused.value) == (
        "precompiled_rows(('test_a_read_that_ignores_the_ids',)): the read does not use the ids."
    )


def test_calling_a_compiled_read_with_other_parameters_is_refused(db):
    # given a read compiled with the parameter `now`
    key = ("test_calling_with_other_parameters",)
    published_by(key, timezone.now(), [1])
    # when the same key is called without it, then it is refused
    with pytest.raises(PrecompiledReadError) as refused:
        precompiled_rows(key, lambda ids: ProductChannelListing.objects.filter(pk__any_of=ids), [1])
    assert str(refused.value) == (
        "precompiled_rows(('test_calling_with_other_parameters',)) was compiled with parameters "
        "['now'], called with []."
    )


def test_annotations_come_back_converted_and_ids_of_any_count_bind(db):
    # given listings with a price, in the default channel
    channel = ChannelFactory()
    listings = [
        ProductChannelListingFactory(channel=channel, discounted_price_amount=Decimal("12.50"))
        for _ in range(3)
    ]

    def build(ids):
        return ProductChannelListing.objects.filter(pk__any_of=ids).annotate(
            listed_price=F("discounted_price_amount")
        )

    key = ("test_annotations_come_back_converted",)
    # when the compiled read runs for one id, then for all three
    one = precompiled_rows(key, build, [listings[0].pk])
    three = precompiled_rows(key, build, {listing.pk for listing in listings})
    # then the annotation is a Decimal as the ORM returns it (SQLite would give a float)
    assert [(row.pk, row.listed_price) for row in one] == [(listings[0].pk, Decimal("12.50"))]
    assert sorted(row.pk for row in three) == [listing.pk for listing in listings]
    assert {type(row.listed_price) for row in three} == {Decimal}
