"""Stored amounts as the Money and TaxedMoney types read them."""

from __future__ import annotations

from decimal import Decimal

from storefront_api.catalog.types.pricing import MoneyAmount


class TaxedMoneyValue:
    """Gross and net as stored; the tax is their difference (exact to the poisha)."""

    __slots__ = ("currency", "gross", "net", "tax")

    def __init__(self, *, net: Decimal, gross: Decimal, currency: str):
        self.currency = currency
        self.gross = MoneyAmount(gross, currency)
        self.net = MoneyAmount(net, currency)
        self.tax = MoneyAmount(gross - net, currency)


def taxed(obj: object, prefix: str) -> TaxedMoneyValue:
    """`<prefix>_net_amount` and `<prefix>_gross_amount` of a row, in its currency."""
    return TaxedMoneyValue(
        net=getattr(obj, f"{prefix}_net_amount"),
        gross=getattr(obj, f"{prefix}_gross_amount"),
        currency=obj.currency,  # type: ignore[attr-defined]
    )


def money(amount: Decimal, currency: str) -> MoneyAmount:
    return MoneyAmount(amount, currency)
