"""Splitting a discount over lines or vendors so that the parts add up to the poisha."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import Decimal
from typing import TypeVar

from backend.core.money import quantize

K = TypeVar("K", bound=Hashable)

ZERO = Decimal("0.00")


def distribute(amount: Decimal, weights: Mapping[K, Decimal]) -> dict[K, Decimal]:
    """`amount` split over `weights` in proportion, each part rounded half up to the poisha.

    The parts sum to `amount` exactly: the rounding remainder goes to the largest weight (the
    first of equal ones). No part leaves [0, its weight] when 0 <= amount <= sum of weights: a
    remainder the largest cannot take passes on to the next largest.
    """
    parts = {key: ZERO for key in weights}
    total = sum(weights.values(), ZERO)
    if amount <= 0 or total <= 0:
        return parts
    for key, weight in weights.items():
        parts[key] = quantize(amount * weight / total)
    remainder = amount - sum(parts.values(), ZERO)
    largest_first = sorted(weights, key=lambda key: weights[key], reverse=True)
    for key in largest_first:
        if remainder == 0:
            break
        # Within [0, weight]: a positive remainder fills up, a negative one drains.
        share = parts[key] + remainder
        bounded = min(max(share, ZERO), weights[key])
        remainder -= bounded - parts[key]
        parts[key] = bounded
    return parts
