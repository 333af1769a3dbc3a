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


@dataclass(frozen=True, slots=True)
class ChannelPrice:
    """A variant's VAT-inclusive price in a channel, and its discounted price while on sale."""

    amount: Decimal
    discounted_amount: Decimal | None = None

    @property
    def selling_amount(self) -> Decimal:
        """What the shopper pays: the discounted price when there is one."""
        return self.discounted_amount if self.discounted_amount is not None else self.amount


@dataclass(frozen=True, slots=True)
class VariantPricing:
    """A variant's price in a channel, split into net and VAT."""

    price: TaxedAmount
    price_undiscounted: TaxedAmount
    discount: TaxedAmount | None

    @property
    def on_sale(self) -> bool:
        return self.discount is not None


@dataclass(frozen=True, slots=True)
class ProductPricing:
    """A product's prices in a channel: cheapest to dearest priced variant."""

    price_range: TaxedAmountRange | None
    price_range_undiscounted: TaxedAmountRange | None
    discount: TaxedAmount | None

    @property
    def on_sale(self) -> bool:
        return self.discount is not None


def variant_pricing(
    price: ChannelPrice | None, *, vat_rate: Decimal, currency: str
) -> VariantPricing | None:
    """The variant's selling and undiscounted price with VAT split out; None when it has no
    price in the channel (it cannot be bought there)."""
    if price is None:
        return None
    undiscounted = taxed_amount_from_gross(price.amount, vat_rate=vat_rate, currency=currency)
    selling = taxed_amount_from_gross(price.selling_amount, vat_rate=vat_rate, currency=currency)
    return VariantPricing(
        price=selling,
        price_undiscounted=undiscounted,
        discount=taxed_discount(undiscounted, selling),
    )


def product_pricing(
    prices: Iterable[ChannelPrice], *, vat_rate: Decimal, currency: str
) -> ProductPricing:
    """The ranges of the variants' selling and undiscounted prices; the discount is how much
    cheaper the cheapest selling price is than the cheapest undiscounted one."""
    prices = list(prices)
    undiscounted = taxed_amount_range(
        (price.amount for price in prices), vat_rate=vat_rate, currency=currency
    )
    selling = taxed_amount_range(
        (price.selling_amount for price in prices), vat_rate=vat_rate, currency=currency
    )
    discount = (
        taxed_discount(undiscounted.start, selling.start) if undiscounted and selling else None
    )
    return ProductPricing(
        price_range=selling, price_range_undiscounted=undiscounted, discount=discount
    )
