"""Prices as shoppers see them: VAT-inclusive gross split into net and tax, exact to the poisha."""

from __future__ import annotations

from decimal import Decimal

from backend.catalog.pricing import (
    ChannelPrice,
    TaxedAmount,
    TaxedAmountRange,
    product_pricing,
    variant_pricing,
)

VAT_15 = Decimal("0.15")


def _taxed(gross: str, net: str, tax: str) -> TaxedAmount:
    return TaxedAmount(gross=Decimal(gross), net=Decimal(net), tax=Decimal(tax), currency="BDT")


def test_variant_price_splits_vat_out_of_the_gross_price():
    # when a variant sells at 115.00 with 15% VAT, not discounted
    pricing = variant_pricing(ChannelPrice(Decimal("115.00")), vat_rate=VAT_15, currency="BDT")
    # then the net is 100.00 and the tax 15.00, and it is not on sale
    assert pricing.price == _taxed("115.00", "100.00", "15.00")
    assert pricing.price_undiscounted == _taxed("115.00", "100.00", "15.00")
    assert pricing.discount is None
    assert pricing.on_sale is False


def test_variant_net_is_rounded_half_up_and_the_tax_is_what_is_left():
    # when a variant sells at 100.00 with 15% VAT (net 86.9565...)
    pricing = variant_pricing(ChannelPrice(Decimal("100.00")), vat_rate=VAT_15, currency="BDT")
    # then the net is rounded to the poisha and net + tax add up to the gross
    assert pricing.price == _taxed("100.00", "86.96", "13.04")


def test_discounted_variant_sells_at_the_discounted_price_and_reports_the_discount():
    # when a 230.00 variant is discounted to 172.50 with 15% VAT
    pricing = variant_pricing(
        ChannelPrice(Decimal("230.00"), Decimal("172.50")), vat_rate=VAT_15, currency="BDT"
    )
    # then it sells at 172.50 (net 150.00) and the discount is the difference of each part
    assert pricing.price == _taxed("172.50", "150.00", "22.50")
    assert pricing.price_undiscounted == _taxed("230.00", "200.00", "30.00")
    assert pricing.discount == _taxed("57.50", "50.00", "7.50")
    assert pricing.on_sale is True


def test_a_discounted_price_no_lower_than_the_price_is_no_discount():
    # when the "discounted" price equals the price
    pricing = variant_pricing(
        ChannelPrice(Decimal("50.00"), Decimal("50.00")), vat_rate=Decimal(0), currency="BDT"
    )
    # then nothing is off, and with no VAT the net is the gross
    assert pricing.price == _taxed("50.00", "50.00", "0.00")
    assert pricing.discount is None
    assert pricing.on_sale is False


def test_variant_without_a_price_has_no_pricing():
    assert variant_pricing(None, vat_rate=VAT_15, currency="BDT") is None


def test_product_price_range_runs_from_the_cheapest_to_the_dearest_selling_price():
    # given three variants, the dearest discounted below the middle one's price
    prices = [
        ChannelPrice(Decimal("115.00")),
        ChannelPrice(Decimal("230.00")),
        ChannelPrice(Decimal("345.00"), Decimal("172.50")),
    ]
    # when the product's pricing is computed with 15% VAT
    pricing = product_pricing(prices, vat_rate=VAT_15, currency="BDT")
    # then the ranges are exact, and the cheapest price is not discounted so nothing is on sale
    assert pricing.price_range == TaxedAmountRange(
        start=_taxed("115.00", "100.00", "15.00"), stop=_taxed("230.00", "200.00", "30.00")
    )
    assert pricing.price_range_undiscounted == TaxedAmountRange(
        start=_taxed("115.00", "100.00", "15.00"), stop=_taxed("345.00", "300.00", "45.00")
    )
    assert pricing.discount is None
    assert pricing.on_sale is False


def test_product_discount_is_how_much_cheaper_the_cheapest_selling_price_is():
    # given the cheapest variant is discounted from 115.00 to 92.00
    prices = [ChannelPrice(Decimal("115.00"), Decimal("92.00")), ChannelPrice(Decimal("230.00"))]
    # when the product's pricing is computed with 15% VAT
    pricing = product_pricing(prices, vat_rate=VAT_15, currency="BDT")
    # then it is on sale by 23.00 (net 20.00, tax 3.00)
    assert pricing.price_range == TaxedAmountRange(
        start=_taxed("92.00", "80.00", "12.00"), stop=_taxed("230.00", "200.00", "30.00")
    )
    assert pricing.discount == _taxed("23.00", "20.00", "3.00")
    assert pricing.on_sale is True


def test_product_without_priced_variants_has_no_ranges():
    pricing = product_pricing([], vat_rate=VAT_15, currency="BDT")
    assert (pricing.price_range, pricing.price_range_undiscounted, pricing.discount) == (
        None,
        None,
        None,
    )
