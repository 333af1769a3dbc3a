"""A checkout as shoppers see it: its loaded state with delivery, voucher and prices worked out,
for any number of checkouts at once (the API's `checkout` and `me { checkouts }`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backend.discounts.vouchers import VoucherDiscount
from plugins.framework.manager import PluginsManager, get_plugins_manager

from .delivery import DeliveryQuote, quote_delivery
from .fetch import CheckoutInfo
from .pricing import CheckoutPrices, calculate_prices
from .problems import LineProblem, problems_of_checkouts
from .promo import checkout_voucher


@dataclass
class CheckoutSummary:
    info: CheckoutInfo
    prices: CheckoutPrices
    problems: list[LineProblem]
    delivery: DeliveryQuote
    voucher: VoucherDiscount | None = None

    @property
    def discount_name(self) -> str:
        return self.voucher.name if self.voucher else ""


def price_checkout(
    info: CheckoutInfo, *, manager: PluginsManager
) -> tuple[CheckoutPrices, DeliveryQuote, VoucherDiscount | None]:
    """The checkout's prices with its chosen delivery and its voucher applied."""
    delivery = quote_delivery(info, manager=manager)
    voucher = checkout_voucher(info, delivery.parcel_prices)
    prices = calculate_prices(
        info,
        shipping_by_vendor=delivery.parcel_prices,
        line_discounts=dict(voucher.line_discounts) if voucher else None,
        shipping_discount_by_vendor=dict(voucher.shipping_discount_by_vendor) if voucher else None,
    )
    return prices, delivery, voucher


def summarize_checkouts(
    infos: Sequence[CheckoutInfo], *, manager: PluginsManager | None = None
) -> list[CheckoutSummary]:
    """Summaries in the order of `infos`."""
    manager = manager or get_plugins_manager()
    problems = problems_of_checkouts(infos)
    summaries = []
    for info, line_problems in zip(infos, problems, strict=True):
        prices, delivery, voucher = price_checkout(info, manager=manager)
        summaries.append(
            CheckoutSummary(
                info=info, prices=prices, problems=line_problems, delivery=delivery, voucher=voucher
            )
        )
    return summaries


def summarize_checkout(
    info: CheckoutInfo, *, manager: PluginsManager | None = None
) -> CheckoutSummary:
    return summarize_checkouts([info], manager=manager)[0]
