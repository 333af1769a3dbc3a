"""Money is Decimal with two places in Taka (1 taka = 100 poisha), never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_currency
from prices import Money, MoneyRange

from .text import to_bangla_digits

__all__ = ["Money", "MoneyRange", "format_money", "quantize", "to_decimal"]

TWO_PLACES = Decimal("0.01")
MONEY_MAX_DIGITS = 12
MONEY_DECIMAL_PLACES = 2


def quantize(amount: Decimal) -> Decimal:
    """Round to poisha the way Bangladeshi receipts do: half up."""
    return amount.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def to_decimal(value: object) -> Decimal:
    """Parse an amount from user input; floats are refused because they are inexact."""
    if isinstance(value, float):
        raise TypeError("Money must not be a float; pass a string or Decimal.")
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise ValueError(f"Not an amount: {value!r}") from error
    if not amount.is_finite():
        raise ValueError(f"Not an amount: {value!r}")
    return amount


def format_money(money: Money, language: str = "bn") -> str:
    """৳১,২৫০.০০ in Bangla, BDT 1,250.00 style in English."""
    if language.startswith("bn"):
        text = format_currency(money.amount, money.currency, locale="bn_BD")
        return to_bangla_digits(text)
    return format_currency(money.amount, money.currency, locale="en_US")
