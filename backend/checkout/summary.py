"""A checkout as shoppers see it: its loaded state with prices, delivery and voucher worked
out, for any number of checkouts at once (the API's `checkout` and `me { checkouts }`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plugins.framework.manager import PluginsManager, get_plugins_manager

from .fetch import CheckoutInfo
from .pricing import CheckoutPrices, calculate_prices
from .problems import LineProblem, problems_of_checkouts


@dataclass
class CheckoutSummary:
    info: CheckoutInfo
    prices: CheckoutPrices
    problems: list[LineProblem]
    discount_name: str = ""


def summarize_checkouts(
    infos: Sequence[CheckoutInfo], *, manager: PluginsManager | None = None
) -> list[CheckoutSummary]:
    """Summaries in the order of `infos`."""
    manager = manager or get_plugins_manager()
    problems = problems_of_checkouts(infos)
    return [
        CheckoutSummary(info=info, prices=calculate_prices(info), problems=line_problems)
        for info, line_problems in zip(infos, problems, strict=True)
    ]


def summarize_checkout(
    info: CheckoutInfo, *, manager: PluginsManager | None = None
) -> CheckoutSummary:
    return summarize_checkouts([info], manager=manager)[0]
