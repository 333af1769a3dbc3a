"""A checkout's prices: VAT-inclusive gross from the channel listings, net and tax split per
line and per vendor's parcel, so that each of gross, net and tax is exact to the poisha and the
totals are the sums of their parts.

net = gross / (1 + rate), rounded half up to the poisha; tax = gross - net. A line's total is
split from its own gross (not unit net x quantity), and a voucher's share is taken off the
gross before the split, so a discounted line stays exact too. Shipping carries VAT at
`settings.SHIPPING_VAT_RATE` (15%, the standard rate on services: prices are inclusive).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from django.conf import settings

from backend.core.money import quantize
from backend.orders.drafts import Taxed

from .fetch import CheckoutInfo, CheckoutLineInfo

ZERO = Decimal(0)


def taxed_from_gross(gross: Decimal, rate: Decimal) -> Taxed:
    """A VAT-inclusive amount split into net and tax, each exact to the poisha."""
    gross = quantize(gross)
    return Taxed(net=quantize(gross / (1 + rate)), gross=gross)


def shipping_vat_rate() -> Decimal:
    return Decimal(str(settings.SHIPPING_VAT_RATE))


@dataclass(frozen=True)
class LinePrices:
    unit_price: Taxed
    undiscounted_unit_price: Taxed
    total_price: Taxed
    undiscounted_total_price: Taxed
    tax_rate: Decimal
    discount: Decimal = ZERO  # the voucher's share of the line, gross


@dataclass(frozen=True)
class VendorPrices:
    """One vendor's part: its goods and its parcel's shipping."""

    vendor_id: int
    subtotal: Taxed
    shipping_price: Taxed
    undiscounted_shipping_amount: Decimal
    weight: Decimal

    @property
    def total(self) -> Taxed:
        return self.subtotal + self.shipping_price


@dataclass(frozen=True)
class CheckoutPrices:
    currency: str
    lines: Mapping[UUID, LinePrices]
    vendors: tuple[VendorPrices, ...]
    subtotal: Taxed
    undiscounted_subtotal: Taxed
    shipping_price: Taxed
    undiscounted_shipping_amount: Decimal
    total: Taxed
    undiscounted_total: Taxed
    discount: Decimal = ZERO
    shipping_tax_rate: Decimal = ZERO


def line_prices(line: CheckoutLineInfo, *, discount: Decimal = ZERO) -> LinePrices:
    """A line's prices; a line its channel does not price (not sold there) costs nothing and is
    reported among the checkout's problems instead."""
    rate = line.vat_rate
    quantity = line.quantity
    undiscounted_unit = line.price_amount if line.price_amount is not None else ZERO
    selling_unit = line.selling_amount if line.selling_amount is not None else ZERO
    undiscounted_total_gross = undiscounted_unit * quantity
    discount = min(discount, selling_unit * quantity)
    total_gross = selling_unit * quantity - discount
    unit_gross = quantize(total_gross / quantity) if discount else selling_unit
    return LinePrices(
        unit_price=taxed_from_gross(unit_gross, rate),
        undiscounted_unit_price=taxed_from_gross(undiscounted_unit, rate),
        total_price=taxed_from_gross(total_gross, rate),
        undiscounted_total_price=taxed_from_gross(undiscounted_total_gross, rate),
        tax_rate=rate,
        discount=discount,
    )


def calculate_prices(
    info: CheckoutInfo,
    *,
    shipping_by_vendor: Mapping[int, Decimal] | None = None,
    line_discounts: Mapping[str, Decimal] | None = None,
    shipping_discount_by_vendor: Mapping[int, Decimal] | None = None,
) -> CheckoutPrices:
    """The checkout's prices given each vendor's parcel price (gross; none before a delivery
    method is chosen) and a voucher's exact split over lines (by line id) and parcels."""
    shipping_by_vendor = shipping_by_vendor or {}
    line_discounts = line_discounts or {}
    shipping_discount_by_vendor = shipping_discount_by_vendor or {}
    shipping_rate = shipping_vat_rate()
    lines: dict[UUID, LinePrices] = {}
    subtotal_by_vendor: dict[int, Taxed] = {}
    weight_by_vendor: dict[int, Decimal] = {}
    undiscounted_subtotal = Taxed.zero()
    for line in info.lines:
        prices = line_prices(line, discount=line_discounts.get(str(line.line.id), ZERO))
        lines[line.line.id] = prices
        vendor_id = line.vendor_id
        subtotal_by_vendor[vendor_id] = (
            subtotal_by_vendor.get(vendor_id, Taxed.zero()) + prices.total_price
        )
        weight_by_vendor[vendor_id] = (
            weight_by_vendor.get(vendor_id, ZERO) + line.unit_weight * line.quantity
        )
        undiscounted_subtotal = undiscounted_subtotal + prices.undiscounted_total_price
    vendors = []
    for vendor_id, vendor_subtotal in subtotal_by_vendor.items():
        undiscounted_shipping = shipping_by_vendor.get(vendor_id, ZERO)
        shipping_gross = max(
            undiscounted_shipping - shipping_discount_by_vendor.get(vendor_id, ZERO), ZERO
        )
        vendors.append(
            VendorPrices(
                vendor_id=vendor_id,
                subtotal=vendor_subtotal,
                shipping_price=taxed_from_gross(shipping_gross, shipping_rate),
                undiscounted_shipping_amount=undiscounted_shipping,
                weight=weight_by_vendor[vendor_id],
            )
        )
    subtotal = sum((vendor.subtotal for vendor in vendors), Taxed.zero())
    shipping = sum((vendor.shipping_price for vendor in vendors), Taxed.zero())
    undiscounted_shipping_amount = sum(
        (vendor.undiscounted_shipping_amount for vendor in vendors), ZERO
    )
    undiscounted_total = undiscounted_subtotal + taxed_from_gross(
        undiscounted_shipping_amount, shipping_rate
    )
    total = subtotal + shipping
    return CheckoutPrices(
        currency=info.checkout.currency,
        lines=lines,
        vendors=tuple(vendors),
        subtotal=subtotal,
        undiscounted_subtotal=undiscounted_subtotal,
        shipping_price=shipping,
        undiscounted_shipping_amount=undiscounted_shipping_amount,
        total=total,
        undiscounted_total=undiscounted_total,
        discount=sum(line_discounts.values(), ZERO)
        + sum(shipping_discount_by_vendor.values(), ZERO),
        shipping_tax_rate=shipping_rate,
    )
