"""Deleting checkouts nobody will finish, by age since their last change (Saleor's rules):
anonymous ones after CHECKOUT_TTL_ANONYMOUS_DAYS (30), a customer's after
CHECKOUT_TTL_USER_DAYS (90), empty ones after CHECKOUT_TTL_EMPTY_HOURS (6). Their lines and
stock reservations go with them (cascade). Idempotent: a second run finds nothing to delete."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import Checkout, CheckoutLine

BATCH_SIZE = 1000


def expired_checkouts(*, now: datetime):
    has_lines = Exists(CheckoutLine.objects.filter(checkout_id=OuterRef("pk")))
    anonymous = Q(
        user__isnull=True,
        last_change__lt=now - timedelta(days=settings.CHECKOUT_TTL_ANONYMOUS_DAYS),
    )
    with_user = Q(
        user__isnull=False, last_change__lt=now - timedelta(days=settings.CHECKOUT_TTL_USER_DAYS)
    )
    empty = Q(
        has_lines=False, last_change__lt=now - timedelta(hours=settings.CHECKOUT_TTL_EMPTY_HOURS)
    )
    return Checkout.objects.alias(has_lines=has_lines).filter(anonymous | with_user | empty)


def delete_expired_checkouts(*, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Delete expired checkouts in batches (short transactions); how many were deleted."""
    now = now or timezone.now()
    deleted = 0
    while True:
        tokens = list(expired_checkouts(now=now).values_list("token", flat=True)[:batch_size])
        if not tokens:
            return deleted
        Checkout.objects.filter(token__in=tokens).delete()
        deleted += len(tokens)
