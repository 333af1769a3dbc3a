from datetime import timedelta

import pytest
from django.utils import timezone

from backend.celery import app as celery_app
from backend.inventory.allocation import InsufficientStock, InsufficientStockItem, StockLine
from backend.inventory.models import ClickAndCollectOption, Reservation, Stock
from backend.inventory.reservations import (
    delete_expired_reservations,
    release_reservations,
    reserve_stocks,
)
from backend.inventory.tasks import delete_expired_reservations as cleanup_task
from tests.backend.inventory.stock_helpers import channel_warehouse, reserve, stocked_variant
from tests.factories import ChannelFactory, CheckoutFactory, CheckoutLineFactory


@pytest.fixture
def channel(db):
    return ChannelFactory()


def held(checkout) -> dict[tuple, int]:
    """{(checkout line id, stock id): units} of the checkout's reservations."""
    return {
        (line_id, stock_id): units
        for line_id, stock_id, units in Reservation.objects.filter(
            checkout_line__checkout=checkout
        ).values_list("checkout_line_id", "stock_id", "quantity_reserved")
    }


def test_reserving_holds_each_lines_quantity_for_the_ttl(channel):
    # given 2 + 5 units in two warehouses
    variant = stocked_variant(channel, 2, 5)
    first, second = Stock.objects.filter(product_variant=variant).order_by("pk")
    line = CheckoutLineFactory(variant=variant, quantity=4)
    before = timezone.now()
    # when
    reserve_stocks(
        [StockLine(variant.pk, 4, line.pk)],
        channel_id=channel.pk,
        checkout_token=line.checkout_id,
        ttl_minutes=10,
    )
    # then
    assert held(line.checkout) == {(line.pk, first.pk): 2, (line.pk, second.pk): 2}
    until = set(Reservation.objects.values_list("reserved_until", flat=True))
    assert len(until) == 1
    assert before + timedelta(minutes=10) <= until.pop() <= timezone.now() + timedelta(minutes=10)


def test_reserving_again_replaces_the_lines_reservation(channel):
    variant = stocked_variant(channel, 5)
    stock = Stock.objects.get()
    line = CheckoutLineFactory(variant=variant, quantity=4)
    for quantity in (4, 5):
        reserve_stocks(
            [StockLine(variant.pk, quantity, line.pk)],
            channel_id=channel.pk,
            checkout_token=line.checkout_id,
            ttl_minutes=10,
        )
    assert held(line.checkout) == {(line.pk, stock.pk): 5}


def test_replace_drops_the_checkouts_other_lines_and_without_it_they_stay(channel):
    # given a checkout with two lines, both reserved
    checkout = CheckoutFactory(channel=channel)
    tea, rice = stocked_variant(channel, 5), stocked_variant(channel, 5)
    tea_line = CheckoutLineFactory(checkout=checkout, variant=tea)
    rice_line = CheckoutLineFactory(checkout=checkout, variant=rice)
    both = [StockLine(tea.pk, 1, tea_line.pk), StockLine(rice.pk, 1, rice_line.pk)]
    reserve_stocks(both, channel_id=channel.pk, checkout_token=checkout.pk, ttl_minutes=5)
    # when the tea line changes, reserved alone without replace
    reserve_stocks(
        [StockLine(tea.pk, 2, tea_line.pk)],
        channel_id=channel.pk,
        checkout_token=checkout.pk,
        ttl_minutes=5,
        replace=False,
    )
    # then the rice line keeps its reservation
    assert sorted(held(checkout).values()) == [1, 2]
    # and reserving the tea line alone with replace drops the rice line's
    reserve_stocks(
        [StockLine(tea.pk, 2, tea_line.pk)],
        channel_id=channel.pk,
        checkout_token=checkout.pk,
        ttl_minutes=5,
    )
    assert list(held(checkout).values()) == [2]


def test_reserving_beyond_what_others_leave_is_refused_and_changes_nothing(channel):
    # given 5 units: 1 allocated, 2 reserved by another checkout, 3 by an expired reservation
    variant = stocked_variant(channel, 5)
    stock = Stock.objects.get()
    Stock.objects.filter(pk=stock.pk).update(quantity_allocated=1)
    reserve(variant, stock, 2)
    reserve(variant, stock, 3, minutes=-1)
    other = stocked_variant(channel, 1)
    checkout = CheckoutFactory(channel=channel)
    line = CheckoutLineFactory(checkout=checkout, variant=variant, quantity=3)
    other_line = CheckoutLineFactory(checkout=checkout, variant=other, quantity=2)
    reserve_stocks(
        [StockLine(variant.pk, 1, line.pk)],
        channel_id=channel.pk,
        checkout_token=checkout.pk,
        ttl_minutes=5,
    )
    # when
    with pytest.raises(InsufficientStock) as error:
        reserve_stocks(
            [StockLine(variant.pk, 3, line.pk), StockLine(other.pk, 2, other_line.pk)],
            channel_id=channel.pk,
            checkout_token=checkout.pk,
            ttl_minutes=5,
        )
    # then: the checkout's own unit does not count against it, the expired ones hold nothing
    assert error.value.items == [
        InsufficientStockItem(variant.pk, requested=3, available=2),
        InsufficientStockItem(other.pk, requested=2, available=1),
    ]
    assert list(held(checkout).values()) == [1]


def test_untracked_variants_reserve_nothing(channel):
    variant = stocked_variant(channel, 0)
    variant.track_inventory = False
    variant.save()
    line = CheckoutLineFactory(variant=variant, quantity=3)
    reserve_stocks(
        [StockLine(variant.pk, 3, line.pk)],
        channel_id=channel.pk,
        checkout_token=line.checkout_id,
        ttl_minutes=5,
    )
    assert not Reservation.objects.exists()


def test_local_stock_collection_point_reserves_only_its_own_stock(channel):
    point = channel_warehouse(channel, click_and_collect_option=ClickAndCollectOption.LOCAL_STOCK)
    variant = stocked_variant(channel, 9, 1, warehouses=[channel_warehouse(channel), point])
    line = CheckoutLineFactory(variant=variant, quantity=2)
    with pytest.raises(InsufficientStock):
        reserve_stocks(
            [StockLine(variant.pk, 2, line.pk)],
            channel_id=channel.pk,
            checkout_token=line.checkout_id,
            ttl_minutes=5,
            collection_point_id=point.pk,
        )


def test_release_by_checkout_and_by_line(channel):
    # given two checkouts' reservations, one with two lines
    variant = stocked_variant(channel, 9)
    stock = Stock.objects.get()
    first = reserve(variant, stock, 1)
    second_line = CheckoutLineFactory(checkout=first.checkout_line.checkout, variant=variant)
    reserve(variant, stock, 1, checkout_line=second_line)
    other = reserve(variant, stock, 1)
    # when one line is released, then the other checkout
    release_reservations(checkout_line_ids=[second_line.pk])
    assert set(Reservation.objects.all()) == {first, other}
    release_reservations(checkout_token=other.checkout_line.checkout_id)
    # then
    assert list(Reservation.objects.all()) == [first]
    release_reservations()
    assert list(Reservation.objects.all()) == [first]


def test_expired_reservations_are_deleted_in_batches_and_again_harmlessly(channel):
    # given 5 expired reservations and a live one
    variant = stocked_variant(channel, 9)
    stock = Stock.objects.get()
    for _ in range(5):
        reserve(variant, stock, 1, minutes=-1)
    live = reserve(variant, stock, 1)
    # when
    assert delete_expired_reservations(batch_size=2) == 5
    assert delete_expired_reservations(batch_size=2) == 0
    # then
    assert list(Reservation.objects.all()) == [live]


def test_cleanup_task_runs_and_is_scheduled_for_beat(channel):
    variant = stocked_variant(channel, 9)
    reserve(variant, Stock.objects.get(), 1, minutes=-1)
    assert cleanup_task.delay().get() == 1
    assert not Reservation.objects.exists()
    celery_app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}
    assert "inventory.delete_expired_reservations" in scheduled
