"""Build `OrderDraft`s as the checkout would: priced lines of real variants, per vendor parts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from graphql_relay import to_global_id

from backend.catalog.models import ProductVariant
from backend.orders.drafts import DraftLine, DraftVendorPart, OrderDraft, Taxed

VAT = Decimal("0.15")
CENT = Decimal("0.01")


def taxed(gross: Decimal, rate: Decimal = VAT) -> Taxed:
    """A VAT-inclusive amount: net = gross / (1 + rate), to the poisha."""
    net = (gross / (1 + rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    return Taxed(net=net, gross=gross)


def draft_line(variant: ProductVariant, quantity: int, unit_gross: Decimal) -> DraftLine:
    unit = taxed(unit_gross)
    total = taxed(unit_gross * quantity)
    return DraftLine(
        variant_id=variant.pk,
        vendor_id=variant.product.vendor_id,
        quantity=quantity,
        product_name=variant.product.name,
        variant_name=variant.name,
        product_sku=variant.sku,
        product_variant_id=to_global_id("ProductVariant", variant.pk),
        is_shipping_required=True,
        unit_price=unit,
        undiscounted_unit_price=unit,
        total_price=total,
        undiscounted_total_price=total,
        tax_rate=VAT,
    )


def build_draft(
    channel,
    lines: list[tuple[ProductVariant, int, Decimal]],
    *,
    shipping_per_vendor: Decimal = Decimal("60.00"),
    **fields: Any,
) -> OrderDraft:
    """A draft of `(variant, quantity, unit gross price)` lines, shipping per vendor parcel."""
    draft_lines = tuple(draft_line(variant, quantity, price) for variant, quantity, price in lines)
    parts = []
    for vendor_id in dict.fromkeys(line.vendor_id for line in draft_lines):
        subtotal = Taxed.zero()
        for line in draft_lines:
            if line.vendor_id == vendor_id:
                subtotal = subtotal + line.total_price
        parts.append(
            DraftVendorPart(
                vendor_id=vendor_id, subtotal=subtotal, shipping_price=taxed(shipping_per_vendor)
            )
        )
    subtotal = sum((part.subtotal for part in parts), Taxed.zero())
    shipping = sum((part.shipping_price for part in parts), Taxed.zero())
    values: dict[str, Any] = {
        "channel_id": channel.pk,
        "currency": channel.currency_code,
        "lines": draft_lines,
        "vendor_parts": tuple(parts),
        "subtotal": subtotal,
        "shipping_price": shipping,
        "total": subtotal + shipping,
        "undiscounted_total": subtotal + shipping,
        "shipping_method_name": "Postal parcel",
        **fields,
    }
    return OrderDraft(**values)


ADDRESS = {
    "first_name": "Karim",
    "last_name": "Uddin",
    "company_name": "",
    "street_address_1": "House 12, Road 3",
    "street_address_2": "",
    "city": "Savar",
    "city_area": "Ashulia",
    "postal_code": "1341",
    "country": "BD",
    "country_area": "Dhaka",
    "phone": "+8801712345678",
}
