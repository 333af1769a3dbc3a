"""The split of a discount adds up to the poisha and stays within each part's weight."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from backend.discounts.distribution import distribute

poisha = st.integers(min_value=0, max_value=10_000_000).map(lambda n: Decimal(n) / 100)


@given(weights=st.lists(poisha, min_size=1, max_size=12), fraction=st.fractions(0, 1))
def test_parts_sum_exactly_and_stay_within_their_weights(weights, fraction):
    # given weights and an amount between nothing and all of them, in poisha
    keyed = {f"line-{index}": weight for index, weight in enumerate(weights)}
    total = sum(weights, Decimal(0))
    amount = (total * fraction.numerator / fraction.denominator).quantize(
        Decimal("0.01"), "ROUND_DOWN"
    )
    # when it is split
    parts = distribute(amount, keyed)
    # then the parts add up to it exactly, each in poisha and within [0, its weight]
    assert set(parts) == set(keyed)
    assert sum(parts.values(), Decimal(0)) == (amount if total > 0 else 0)
    for key, part in parts.items():
        assert part == part.quantize(Decimal("0.01"))
        assert Decimal(0) <= part <= keyed[key]


def test_the_remainder_goes_to_the_largest_weight():
    # 0.10 over three equal weights: 0.03 each, the first largest takes the extra poisha
    parts = distribute(Decimal("0.10"), {"a": Decimal(1), "b": Decimal(1), "c": Decimal(1)})
    assert parts == {"a": Decimal("0.04"), "b": Decimal("0.03"), "c": Decimal("0.03")}


def test_nothing_to_split():
    assert distribute(Decimal("5.00"), {"a": Decimal(0)}) == {"a": Decimal("0.00")}
    assert distribute(Decimal("0.00"), {"a": Decimal(3)}) == {"a": Decimal("0.00")}
