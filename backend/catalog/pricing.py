"""Prices as shoppers see them: Haat's prices are entered VAT-inclusive (gross), so the net and
the tax are derived from the product type's VAT rate (DOMAIN.md: VAT is per product type)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from backend.core.money import quantize


@dataclass(frozen=True, slots=True)
class TaxedAmount:
    gross: Decimal
    net: Decimal
    tax: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class TaxedAmountRange:
    start: TaxedAmount
    stop: TaxedAmount


def taxed_amount_from_gross(gross: Decimal, *, vat_rate: Decimal, currency: str) -> TaxedAmount:
    """Split a VAT-inclusive price: net rounded to poisha, tax is what is left (so they add up)."""
    net = quantize(gross / (1 + vat_rate))
    return TaxedAmount(gross=gross, net=net, tax=gross - net, currency=currency)


def taxed_amount_range(
    gross_amounts: Iterable[Decimal], *, vat_rate: Decimal, currency: str
) -> TaxedAmountRange | None:
    """Cheapest to dearest of some VAT-inclusive prices; None when there are none."""
    amounts = [amount for amount in gross_amounts if amount is not None]
    if not amounts:
        return None
    return TaxedAmountRange(
        start=taxed_amount_from_gross(min(amounts), vat_rate=vat_rate, currency=currency),
        stop=taxed_amount_from_gross(max(amounts), vat_rate=vat_rate, currency=currency),
    )


def taxed_discount(
    undiscounted: TaxedAmount | None, discounted: TaxedAmount | None
) -> TaxedAmount | None:
    """How much cheaper the discounted price is; None when nothing is off."""
    if undiscounted is None or discounted is None or discounted.gross >= undiscounted.gross:
        return None
    return TaxedAmount(
        gross=undiscounted.gross - discounted.gross,
        net=undiscounted.net - discounted.net,
        tax=undiscounted.tax - discounted.tax,
        currency=undiscounted.currency,
    )
