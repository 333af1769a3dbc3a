"""The demo shop's vouchers: EID10 (10% off an order of ৳500 or more) and FREESHIP (free
delivery, 100 uses). Made through the voucher services, once: a second run finds the codes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models.functions import Lower

from backend.channels.models import Channel
from backend.discounts.models import DiscountValueType, VoucherCode, VoucherType
from backend.discounts.services import (
    VoucherChannelListingChange,
    create_voucher,
    update_voucher_channel_listings,
)


@dataclass(frozen=True)
class DemoVoucher:
    code: str
    name: str
    type: str
    discount_value_type: str
    discount_value: Decimal
    min_spent_amount: Decimal | None = None
    usage_limit: int | None = None


DEMO_VOUCHERS = (
    DemoVoucher(
        code="EID10",
        name="ঈদ মোবারক: ১০% ছাড়",
        type=VoucherType.ENTIRE_ORDER,
        discount_value_type=DiscountValueType.PERCENTAGE,
        discount_value=Decimal("10"),
        min_spent_amount=Decimal("500.00"),
    ),
    DemoVoucher(
        code="FREESHIP",
        name="ফ্রি ডেলিভারি",
        type=VoucherType.SHIPPING,
        discount_value_type=DiscountValueType.PERCENTAGE,
        discount_value=Decimal("100"),
        usage_limit=100,
    ),
)


def ensure_vouchers(channel: Channel) -> None:
    taken = set(
        VoucherCode.objects.annotate(code_lower=Lower("code")).values_list("code_lower", flat=True)
    )
    for spec in DEMO_VOUCHERS:
        if spec.code.lower() in taken:
            continue
        voucher = create_voucher(
            codes=[spec.code],
            name=spec.name,
            type=spec.type,
            discount_value_type=spec.discount_value_type,
            usage_limit=spec.usage_limit,
        )
        update_voucher_channel_listings(
            voucher=voucher,
            add_channels=[
                VoucherChannelListingChange(
                    channel=channel,
                    discount_value=spec.discount_value,
                    min_spent_amount=spec.min_spent_amount,
                )
            ],
        )
