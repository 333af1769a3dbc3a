"""Prices as GraphQL shows them: Money, TaxedMoney and their ranges, for products and variants in
a channel. The rules live in `backend.catalog.pricing`; this module only maps its results."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene

from backend.catalog.pricing import (
    TaxedAmount,
    taxed_amount_from_gross,
    taxed_amount_range,
    taxed_discount,
)
from storefront_api.core.dataloaders import resolved, then
from storefront_api.core.types import TaxedMoney, TaxedMoneyRange

from ..dataloaders import ProductByIdLoader, ProductTypeByIdLoader


class MoneyAmount:
    """What the Money type reads: an amount and its currency."""

    __slots__ = ("amount", "currency")

    def __init__(self, amount: Decimal, currency: str):
        self.amount = amount
        self.currency = currency

    @classmethod
    def or_none(cls, amount: Decimal | None, currency: str) -> MoneyAmount | None:
        """Money for a stored amount; None where no amount is stored (no price set)."""
        return None if amount is None else cls(amount, currency)


class TaxedMoneyAmount:
    __slots__ = ("currency", "gross", "net", "tax")

    def __init__(self, taxed: TaxedAmount):
        self.currency = taxed.currency
        self.gross = MoneyAmount(taxed.gross, taxed.currency)
        self.net = MoneyAmount(taxed.net, taxed.currency)
        self.tax = MoneyAmount(taxed.tax, taxed.currency)


def _taxed(taxed: TaxedAmount | None) -> TaxedMoneyAmount | None:
    return TaxedMoneyAmount(taxed) if taxed is not None else None


class _Range:
    __slots__ = ("start", "stop")

    def __init__(self, start: Any, stop: Any):
        self.start = start
        self.stop = stop


class ProductPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    display_gross_prices = graphene.Boolean(required=True)
    price_range = graphene.Field(TaxedMoneyRange)
    price_range_undiscounted = graphene.Field(TaxedMoneyRange)

    class Meta:
        description = "A product's prices in a channel: VAT-inclusive, cheapest to dearest variant."


class VariantPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    price = graphene.Field(TaxedMoney)
    price_undiscounted = graphene.Field(TaxedMoney)

    class Meta:
        description = "A variant's price in a channel, VAT included."


def _range(taxed_range) -> _Range | None:
    if taxed_range is None:
        return None
    return _Range(_taxed(taxed_range.start), _taxed(taxed_range.stop))


def product_pricing(listing, variants: list, vat_rate: Decimal) -> ProductPricingInfo | None:
    if listing is None:
        return None
    currency = listing.currency
    priced = [variant for variant in variants if variant.listing_price_amount is not None]
    undiscounted = taxed_amount_range(
        (variant.listing_price_amount for variant in priced), vat_rate=vat_rate, currency=currency
    )
    discounted = taxed_amount_range(
        (
            variant.listing_discounted_price_amount
            if variant.listing_discounted_price_amount is not None
            else variant.listing_price_amount
            for variant in priced
        ),
        vat_rate=vat_rate,
        currency=currency,
    )
    discount = (
        taxed_discount(undiscounted.start, discounted.start)
        if undiscounted and discounted
        else None
    )
    return ProductPricingInfo(
        on_sale=discount is not None,
        discount=_taxed(discount),
        display_gross_prices=True,
        price_range=_range(discounted),
        price_range_undiscounted=_range(undiscounted),
    )


def variant_pricing(listing, vat_rate: Decimal) -> VariantPricingInfo | None:
    if listing is None or listing.price_amount is None:
        return None
    undiscounted = taxed_amount_from_gross(
        listing.price_amount, vat_rate=vat_rate, currency=listing.currency
    )
    gross = (
        listing.discounted_price_amount
        if listing.discounted_price_amount is not None
        else listing.price_amount
    )
    price = taxed_amount_from_gross(gross, vat_rate=vat_rate, currency=listing.currency)
    discount = taxed_discount(undiscounted, price)
    return VariantPricingInfo(
        on_sale=discount is not None,
        discount=_taxed(discount),
        price=_taxed(price),
        price_undiscounted=_taxed(undiscounted),
    )


def vat_rate_of_variant(variant, info):
    vat_rate = getattr(variant, "vat_rate", None)
    if vat_rate is not None:
        return resolved(vat_rate)
    return then(
        ProductByIdLoader(info.context).load(variant.product_id),
        lambda product: product.vat_rate if product else Decimal(0),
    )


def vat_rate_of_product(product, info):
    vat_rate = getattr(product, "vat_rate", None)
    if vat_rate is not None:
        return resolved(vat_rate)
    return then(
        ProductTypeByIdLoader(info.context).load(product.product_type_id),
        lambda product_type: product_type.vat_rate if product_type else Decimal(0),
    )
