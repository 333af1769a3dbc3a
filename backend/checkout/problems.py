"""Saleor's checkout problems: lines that cannot be bought as they are (not sold in the channel
any more, or more than the stock this checkout may take)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from backend.inventory.availability import available_quantities_for_checkouts

from .fetch import CheckoutInfo, CheckoutLineInfo
from .rules import not_published, not_purchasable, unavailable_in_channel


@dataclass(frozen=True)
class InsufficientStockProblem:
    """Saleor's CheckoutLineProblemInsufficientStock."""

    line: CheckoutLineInfo
    available_quantity: int


@dataclass(frozen=True)
class VariantNotAvailableProblem:
    """Saleor's CheckoutLineProblemVariantNotAvailable."""

    line: CheckoutLineInfo


LineProblem = InsufficientStockProblem | VariantNotAvailableProblem


def problems_of_checkouts(infos: Sequence[CheckoutInfo]) -> list[list[LineProblem]]:
    """Each checkout's line problems, in line order; two queries for all the stock."""
    now = timezone.now()
    unsellable: dict = {}
    tracked: dict = {}
    for info in infos:
        for line in info.lines:
            if (
                unavailable_in_channel(line)
                or not_published(line, now)
                or not_purchasable(line, now)
            ):
                unsellable[line.line.id] = line
            elif line.variant.track_inventory:
                tracked.setdefault(info.token, []).append(line)
    available = available_quantities_for_checkouts(
        {
            info.token: (
                info.checkout.channel_id,
                [line.variant.pk for line in tracked[info.token]],
            )
            for info in infos
            if info.token in tracked
        },
        now=now,
    )
    results = []
    for info in infos:
        wanted: dict[int, int] = {}
        for line in tracked.get(info.token, []):
            wanted[line.variant.pk] = wanted.get(line.variant.pk, 0) + line.quantity
        problems: list[LineProblem] = []
        for line in info.lines:
            if line.line.id in unsellable:
                problems.append(VariantNotAvailableProblem(line=line))
            elif line.variant.pk in wanted:
                quantity = available[info.token].get(line.variant.pk, 0)
                if wanted[line.variant.pk] > quantity:
                    problems.append(
                        InsufficientStockProblem(line=line, available_quantity=quantity)
                    )
        results.append(problems)
    return results


def checkout_problems(info: CheckoutInfo) -> list[LineProblem]:
    return problems_of_checkouts([info])[0]
