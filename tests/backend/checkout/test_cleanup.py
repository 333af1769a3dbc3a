"""Expired checkouts are deleted by age, as Saleor: anonymous 30 days, a customer's 90, empty 6
hours; a second run deletes nothing more."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from backend.checkout.models import Checkout, CheckoutLine
from backend.checkout.tasks import delete_expired_checkouts
from tests.factories import ChannelFactory, ProductVariantFactory, UserFactory


def _checkout(*, age: timedelta, user=None, with_line: bool = True) -> Checkout:
    checkout = Checkout.objects.create(channel=ChannelFactory(), currency="BDT", user=user)
    if with_line:
        CheckoutLine.objects.create(checkout=checkout, variant=ProductVariantFactory(), quantity=1)
    Checkout.objects.filter(pk=checkout.pk).update(last_change=timezone.now() - age)
    return checkout


def test_expired_checkouts_are_deleted_once(db):
    # given checkouts of every kind, just past and just within their time
    old_anonymous = _checkout(age=timedelta(days=31))
    fresh_anonymous = _checkout(age=timedelta(days=29))
    old_customer = _checkout(age=timedelta(days=91), user=UserFactory())
    fresh_customer = _checkout(age=timedelta(days=60), user=UserFactory())
    old_empty = _checkout(age=timedelta(hours=7), with_line=False)
    fresh_empty = _checkout(age=timedelta(hours=5), with_line=False)
    # when the periodic task runs twice
    first = delete_expired_checkouts.delay().get()
    second = delete_expired_checkouts.delay().get()
    # then the expired ones are gone, with their lines, and the second run found nothing
    assert (first, second) == (3, 0)
    remaining = set(Checkout.objects.values_list("token", flat=True))
    assert remaining == {fresh_anonymous.token, fresh_customer.token, fresh_empty.token}
    assert not CheckoutLine.objects.filter(
        checkout_id__in=[old_anonymous.token, old_customer.token, old_empty.token]
    ).exists()
