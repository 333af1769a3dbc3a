"""Prices as GraphQL shows them: Money, TaxedMoney and their ranges, for products and variants in
a channel. The rules live in `backend.catalog.pricing`; this module only maps its results."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene

from backend.catalog.pricing import (
    ChannelPrice,
    TaxedAmount,
    TaxedAmountRange,
    product_pricing,
    variant_pricing,
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
    discount_prior = graphene.Field(
        TaxedMoney, description="Always null: Haat keeps no prior prices (it has no discounts)."
    )
    price_range_prior = graphene.Field(
        TaxedMoneyRange,
        description="Always null: Haat keeps no prior prices (it has no discounts).",
    )

    class Meta:
        description = "A product's prices in a channel: VAT-inclusive, cheapest to dearest variant."


class VariantPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    price = graphene.Field(TaxedMoney)
    price_undiscounted = graphene.Field(TaxedMoney)
    discount_prior = graphene.Field(
        TaxedMoney, description="Always null: Haat keeps no prior prices (it has no discounts)."
    )
    price_prior = graphene.Field(
        TaxedMoney, description="Always null: Haat keeps no prior prices (it has no discounts)."
    )

    class Meta:
        description = "A variant's price in a channel, VAT included."


def _range(taxed_range: TaxedAmountRange | None) -> _Range | None:
    if taxed_range is None:
        return None
    return _Range(_taxed(taxed_range.start), _taxed(taxed_range.stop))


def product_pricing_info(listing, variants: list, vat_rate: Decimal) -> ProductPricingInfo | None:
    """The product's pricing in the listing's channel; None when it is not listed there.
    `variants` are the product's variants in the channel, with their listing prices annotated."""
    if listing is None:
        return None
    pricing = product_pricing(
        (
            ChannelPrice(variant.listing_price_amount, variant.listing_discounted_price_amount)
            for variant in variants
            if variant.listing_price_amount is not None
        ),
        vat_rate=vat_rate,
        currency=listing.currency,
    )
    return ProductPricingInfo(
        on_sale=pricing.on_sale,
        discount=_taxed(pricing.discount),
        display_gross_prices=True,
        price_range=_range(pricing.price_range),
        price_range_undiscounted=_range(pricing.price_range_undiscounted),
    )


def variant_pricing_info(listing, vat_rate: Decimal) -> VariantPricingInfo | None:
    """The variant's pricing in the listing's channel; None when it has no price there."""
    if listing is None or listing.price_amount is None:
        return None
    pricing = variant_pricing(
        ChannelPrice(listing.price_amount, listing.discounted_price_amount),
        vat_rate=vat_rate,
        currency=listing.currency,
    )
    return VariantPricingInfo(
        on_sale=pricing.on_sale,
        discount=_taxed(pricing.discount),
        price=_taxed(pricing.price),
        price_undiscounted=_taxed(pricing.price_undiscounted),
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
