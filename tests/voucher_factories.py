"""Vouchers for tests: a voucher with one code, listed in a channel with its value."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from backend.channels.models import Channel
from backend.discounts.models import (
    DiscountValueType,
    Voucher,
    VoucherChannelListing,
    VoucherCode,
    VoucherType,
)

from .factories import ChannelFactory


def make_voucher(
    code: str = "EID10",
    *,
    type: str = VoucherType.ENTIRE_ORDER,
    discount_value_type: str = DiscountValueType.FIXED,
    value: Decimal | str = "50.00",
    min_spent: Decimal | str | None = None,
    channel: Channel | None = None,
    **fields,
) -> VoucherCode:
    """A running voucher (started an hour ago) with `code`, valued `value` in `channel`."""
    fields.setdefault("start_date", timezone.now() - timedelta(hours=1))
    voucher = Voucher.objects.create(
        name=fields.pop("name", code), type=type, discount_value_type=discount_value_type, **fields
    )
    channel = channel or ChannelFactory()
    VoucherChannelListing.objects.create(
        voucher=voucher,
        channel=channel,
        currency=channel.currency_code,
        discount_value=Decimal(value),
        min_spent_amount=None if min_spent is None else Decimal(min_spent),
    )
    return VoucherCode.objects.create(voucher=voucher, code=code)
