"""A checkout as shoppers see it: its loaded state with delivery, voucher and prices worked out,
for any number of checkouts at once (the API's `checkout` and `me { checkouts }`).

Each part is worked out when first read, not before: a payload that asks for the checkout's id
costs no pricing, prices cost no shipping quote unless a method is chosen, and the stock behind
`problems` is read only by a request that asks for problems. Delivery quotes, collection points
and problems are worked out for the whole batch (a page of `me { checkouts }`) at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cached_property, partial
from typing import Generic, TypeVar

from backend.discounts.vouchers import VoucherDiscount
from backend.inventory.models import Warehouse
from plugins.framework.manager import PluginsManager, get_plugins_manager

from .delivery import (
    DeliveryQuote,
    available_collection_points_many,
    quote_deliveries,
    quote_delivery,
)
from .fetch import CheckoutInfo
from .pricing import CheckoutPrices, calculate_prices
from .problems import LineProblem, problems_of_checkouts
from .promo import checkout_voucher

T = TypeVar("T")


class _Batch(Generic[T]):
    """One part (problems, collection points) of a batch of checkouts, worked out for all of
    them together the first time one checkout's is asked for."""

    def __init__(
        self, infos: Sequence[CheckoutInfo], work: Callable[[Sequence[CheckoutInfo]], list[T]]
    ) -> None:
        self.infos = list(infos)
        self.work = work
        self._results: list[T] | None = None

    def of(self, index: int) -> T:
        if self._results is None:
            self._results = self.work(self.infos)
        return self._results[index]


class _Batches:
    def __init__(self, infos: Sequence[CheckoutInfo], manager: PluginsManager) -> None:
        self.problems = _Batch(infos, problems_of_checkouts)
        self.collection_points = _Batch(infos, available_collection_points_many)
        self.delivery = _Batch(infos, partial(quote_deliveries, manager=manager))


class CheckoutSummary:
    def __init__(
        self,
        info: CheckoutInfo,
        *,
        manager: PluginsManager,
        batches: _Batches | None = None,
        index: int = 0,
    ) -> None:
        self.info = info
        self._batches = batches or _Batches([info], manager)
        self._index = index

    @property
    def delivery(self) -> DeliveryQuote:
        return self._batches.delivery.of(self._index)

    @cached_property
    def _priced(self) -> tuple[CheckoutPrices, VoucherDiscount | None]:
        # Without a chosen method the prices carry no shipping: no quote is needed for them.
        parcel_prices = self.delivery.parcel_prices if self.info.checkout.shipping_method_id else {}
        return _prices_with(self.info, parcel_prices)

    @property
    def prices(self) -> CheckoutPrices:
        return self._priced[0]

    @property
    def voucher(self) -> VoucherDiscount | None:
        return self._priced[1]

    @property
    def problems(self) -> list[LineProblem]:
        return self._batches.problems.of(self._index)

    @property
    def collection_points(self) -> list[Warehouse]:
        """Where the checkout can be collected, nearest first."""
        return self._batches.collection_points.of(self._index)

    @property
    def discount_name(self) -> str:
        return self.voucher.name if self.voucher else ""


def _prices_with(
    info: CheckoutInfo, parcel_prices: dict[int, Decimal]
) -> tuple[CheckoutPrices, VoucherDiscount | None]:
    voucher = checkout_voucher(info, parcel_prices)
    prices = calculate_prices(
        info,
        shipping_by_vendor=parcel_prices,
        line_discounts=dict(voucher.line_discounts) if voucher else None,
        shipping_discount_by_vendor=dict(voucher.shipping_discount_by_vendor) if voucher else None,
    )
    return prices, voucher


def price_checkout(
    info: CheckoutInfo, *, manager: PluginsManager
) -> tuple[CheckoutPrices, DeliveryQuote, VoucherDiscount | None]:
    """The checkout's prices with its chosen delivery and its voucher applied."""
    delivery = quote_delivery(info, manager=manager)
    prices, voucher = _prices_with(info, delivery.parcel_prices)
    return prices, delivery, voucher


def summarize_checkouts(
    infos: Sequence[CheckoutInfo], *, manager: PluginsManager | None = None
) -> list[CheckoutSummary]:
    """Summaries in the order of `infos` (nothing is worked out until a part is read)."""
    manager = manager or get_plugins_manager()
    batches = _Batches(infos, manager)
    return [
        CheckoutSummary(info, manager=manager, batches=batches, index=index)
        for index, info in enumerate(infos)
    ]


def summarize_checkout(
    info: CheckoutInfo, *, manager: PluginsManager | None = None
) -> CheckoutSummary:
    return summarize_checkouts([info], manager=manager)[0]
