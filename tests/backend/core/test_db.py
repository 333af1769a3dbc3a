"""`precompiled_rows`: compiled once per key, with every varying value bound at each call."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backend.catalog.models import ProductChannelListing, ProductVariantChannelListing
from backend.checkout.models import Checkout, CheckoutLine
from backend.core.db import PrecompiledReadError, precompiled_rows
from tests.concurrency.parallel import run_together
from tests.factories import (
    AddressFactory,
    ChannelFactory,
    CheckoutFactory,
    CheckoutLineFactory,
    ProductChannelListingFactory,
    ProductVariantChannelListingFactory,
    UserFactory,
)


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


def checkouts_with_relations(ids):
    return Checkout.objects.filter(token__any_of=ids).select_related(
        "channel", "user", "shipping_address", "billing_address"
    )


def test_select_related_rows_are_populated_as_the_orm_does_including_a_null_foreign_key(
    db, django_assert_num_queries
):
    # given a checkout of a customer with an address, and an anonymous one without
    customer = UserFactory()
    attached = CheckoutFactory(user=customer, shipping_address=AddressFactory())
    anonymous = CheckoutFactory()
    tokens = [attached.token, anonymous.token]
    # when the compiled read runs (one query) and the ORM reads the same rows
    with django_assert_num_queries(1):
        rows = precompiled_rows(("test_select_related_rows",), checkouts_with_relations, tokens)
    expected = {row.token: row for row in checkouts_with_relations(tokens)}
    # then each row carries its related rows, read in that one query
    with django_assert_num_queries(0):
        by_token = {row.token: row for row in rows}
        assert by_token[attached.token].user == customer
        assert by_token[attached.token].user.phone == customer.phone
        assert by_token[attached.token].shipping_address.city == "Kaliakair"
        assert by_token[attached.token].billing_address is None
        assert by_token[anonymous.token].user is None
        assert by_token[anonymous.token].shipping_address is None
        assert by_token[anonymous.token].channel.slug == anonymous.channel.slug
        for token, row in by_token.items():
            orm_row = expected[token]
            assert row.__dict__.keys() == orm_row.__dict__.keys()
            assert row.channel.__dict__.keys() == orm_row.channel.__dict__.keys()
            assert (row.email, row.channel.currency_code, row.created_at) == (
                orm_row.email,
                orm_row.channel.currency_code,
                orm_row.created_at,
            )
    assert by_token.keys() == set(tokens)


def test_nested_select_related_rows_are_populated(db, django_assert_num_queries):
    # given a checkout line of a product with its type and vendor
    line = CheckoutLineFactory()
    product = line.variant.product
    # when a compiled read follows the line to its variant, product, type and vendor
    rows = precompiled_rows(
        ("test_nested_select_related_rows",),
        lambda ids: CheckoutLine.objects.filter(checkout_id__any_of=ids).select_related(
            "variant__product__product_type", "variant__product__vendor"
        ),
        [line.checkout_id],
    )
    # then every level is there without another query, decimals as Decimal
    with django_assert_num_queries(0):
        [read] = rows
        assert read.variant.product.vendor.pk == product.vendor_id
        assert read.variant.product.product_type.vat_rate == Decimal("0.1500")
        assert type(read.variant.product.product_type.vat_rate) is Decimal


def test_values_and_values_list_reads_return_rows_as_the_orm_does(db):
    # given variant listings with prices
    listings = [
        ProductVariantChannelListingFactory(price_amount=Decimal(price))
        for price in ("10.50", "20.25")
    ]
    ids = [listing.pk for listing in listings]

    def priced(ids):
        return ProductVariantChannelListing.objects.filter(pk__any_of=ids).order_by("pk")

    shapes = {
        "tuples": lambda query: query.values_list("pk", "price_amount"),
        "named": lambda query: query.values_list("pk", "price_amount", named=True),
        "flat": lambda query: query.values_list("price_amount", flat=True),
        "dicts": lambda query: query.values("pk", "price_amount"),
        "annotated": lambda query: query.annotate(doubled=F("price_amount") * 2).values_list(
            "pk", "doubled"
        ),
    }
    results = {}
    for name, shape in shapes.items():
        # when each shape is read compiled (its key lists the literal 2) and from the ORM
        rows = precompiled_rows(
            ("test_values_reads", name, 2), lambda ids, shape=shape: shape(priced(ids)), ids
        )
        # then both give the same rows of the same types (Decimal, even on SQLite)
        expected = list(shape(priced(ids)))
        assert rows == expected, name
        assert [type(row) for row in rows] == [type(row) for row in expected], name
        results[name] = rows
    assert results["tuples"] == [(ids[0], Decimal("10.50")), (ids[1], Decimal("20.25"))]
    assert results["named"][1].price_amount == Decimal("20.25")
    assert results["flat"] == [Decimal("10.50"), Decimal("20.25")]
    assert results["dicts"][0] == {"pk": ids[0], "price_amount": Decimal("10.50")}
    assert results["annotated"] == [(ids[0], Decimal("21.00")), (ids[1], Decimal("40.50"))]
    assert {type(amount) for _pk, amount in results["annotated"]} == {Decimal}


@pytest.mark.django_db(transaction=True)
def test_threads_running_the_same_read_each_get_their_own_rows():
    # given two sets of checkouts, and a read not compiled yet
    first = [CheckoutFactory().token for _ in range(2)]
    second = [CheckoutFactory().token for _ in range(3)]
    key = ("test_threads_running_the_same_read",)

    def read_many_times(tokens):
        return [
            sorted(row.token for row in precompiled_rows(key, checkouts_with_relations, tokens))
            for _ in range(50)
        ]

    # when two threads run it at once, many times, with different ids
    first_results, second_results = run_together(
        [lambda: read_many_times(first), lambda: read_many_times(second)]
    )
    # then every call saw its own ids only
    assert first_results == [sorted(first)] * 50
    assert second_results == [sorted(second)] * 50


@pytest.mark.django_db(transaction=True)
def test_a_locking_read_locks_inside_a_transaction_and_is_refused_outside_as_the_orm_does():
    # given a locking read
    checkout = CheckoutFactory()

    def locked(ids):
        return Checkout.objects.filter(token__any_of=ids).select_for_update(of=("self",))

    key = ("test_a_locking_read",)
    # when it is compiled and run inside a transaction
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        rows = precompiled_rows(key, locked, [checkout.token])
    # then it reads the row, locking it where the database can lock rows
    assert [row.token for row in rows] == [checkout.token]
    if connection.features.has_select_for_update:
        assert queries[-1]["sql"].endswith('FOR UPDATE OF "checkout_checkout"')
        # and, compiled, it is refused outside a transaction, as the ORM refuses it
        with pytest.raises(TransactionManagementError):
            list(locked([checkout.token]))
        with pytest.raises(TransactionManagementError):
            precompiled_rows(key, locked, [checkout.token])
    else:
        # (SQLite has no row locks: the ORM runs the read anywhere, and so does this)
        assert list(locked([checkout.token])) == [checkout]
        assert precompiled_rows(key, locked, [checkout.token]) == [checkout]


def test_a_read_that_prefetches_is_refused(db):
    # given a read that asks for a prefetch, which a compiled read cannot run
    def build(ids):
        return Checkout.objects.filter(token__any_of=ids).prefetch_related("lines")

    # when it is compiled, then it is refused
    with pytest.raises(PrecompiledReadError, match="a compiled read cannot prefetch"):
        precompiled_rows(("test_a_read_that_prefetches",), build, [CheckoutFactory().token])
