"""Money: Decimal rounded half up to poisha, floats refused, Taka shown in Bangla and English."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.core.money import Money, format_money, quantize, to_decimal
from backend.core.text import BANGLA_DIGITS


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("2.345", "2.35"),  # half up, where banker's rounding would give 2.34
        ("2.355", "2.36"),
        ("2.344", "2.34"),
        ("-2.345", "-2.35"),  # half away from zero for refunds too
        ("10", "10.00"),
        ("0.005", "0.01"),
        ("0.004", "0.00"),
    ],
)
def test_quantize_rounds_half_up_to_poisha(amount, expected):
    # when an amount is rounded to two places
    rounded = quantize(Decimal(amount))
    # then halves go up and the result has exactly two places
    assert rounded == Decimal(expected)
    assert str(rounded) == expected


@given(st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False))
def test_quantize_is_within_half_a_poisha_and_idempotent(amount):
    # when any amount is rounded
    rounded = quantize(amount)
    # then it moved by at most half a poisha, and rounding again changes nothing
    assert abs(rounded - amount) <= Decimal("0.005")
    assert quantize(rounded) == rounded
    assert rounded.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1250.50", Decimal("1250.50")),
        (Decimal("3.10"), Decimal("3.10")),
        (7, Decimal("7")),
        ("-0.25", Decimal("-0.25")),
    ],
)
def test_to_decimal_parses_exact_amounts(value, expected):
    # when exact input is parsed
    amount = to_decimal(value)
    # then it is the same Decimal, digits kept
    assert amount == expected
    assert isinstance(amount, Decimal)


@pytest.mark.parametrize("value", [0.1, 1250.5, float("nan")])
def test_to_decimal_refuses_floats(value):
    # when a float is passed (0.1 is not 0.1 in binary)
    with pytest.raises(TypeError, match="Money must not be a float"):
        to_decimal(value)


@pytest.mark.parametrize(
    "value", ["NaN", "nan", "Infinity", "-inf", Decimal("NaN"), "abc", "", None, "1,250"]
)
def test_to_decimal_refuses_what_is_not_a_finite_amount(value):
    # when the input is not a finite number
    with pytest.raises(ValueError, match="Not an amount"):
        to_decimal(value)


def test_format_money_in_bangla_uses_bangla_digits_taka_sign_and_lakh_grouping():
    # given an amount over a lakh
    money = Money(Decimal("1234567.5"), "BDT")
    # when it is formatted for Bangla readers
    text = format_money(money, "bn")
    # then the digits are Bangla, grouped in lakhs and crores, with the Taka sign
    assert text == "১২,৩৪,৫৬৭.৫০৳"
    assert not any(char in "0123456789" for char in text)


def test_format_money_defaults_to_bangla():
    # when no language is given
    text = format_money(Money(Decimal("1250"), "BDT"))
    # then it is Bangla
    assert text == "১,২৫০.০০৳"
    assert set(text) <= set(BANGLA_DIGITS) | {",", ".", "৳"}


def test_format_money_accepts_regional_bangla():
    # when the language carries a region (bn-BD)
    text = format_money(Money(Decimal("99.9"), "BDT"), "bn-BD")
    # then it is still Bangla
    assert text == "৯৯.৯০৳"


def test_format_money_in_english_uses_ascii_digits_and_the_currency_code():
    # when an amount is formatted for English readers
    text = format_money(Money(Decimal("1234567.5"), "BDT"), "en")
    # then the digits are ASCII, grouped in thousands, with two places
    assert text == "BDT1,234,567.50"
