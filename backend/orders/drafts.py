"""What an order is made from: priced lines and vendor parts, as the checkout (or a staff draft)
computed them. `backend.orders.placement.place_order` turns an `OrderDraft` into rows; the
checkout builds one in `backend.checkout.complete` (the checkout may import orders, never the
reverse), so this is their contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from uuid import UUID

ZERO = Decimal(0)


@dataclass(frozen=True)
class Taxed:
    """A VAT-inclusive amount: gross is what the customer pays, net is gross less VAT; both exact
    to the poisha (tax = gross - net)."""

    net: Decimal
    gross: Decimal

    @property
    def tax(self) -> Decimal:
        return self.gross - self.net

    def __add__(self, other: Taxed) -> Taxed:
        return Taxed(net=self.net + other.net, gross=self.gross + other.gross)

    @classmethod
    def zero(cls) -> Taxed:
        return cls(net=ZERO, gross=ZERO)


@dataclass(frozen=True)
class DraftLine:
    variant_id: int
    vendor_id: int
    quantity: int
    product_name: str
    variant_name: str
    product_sku: str | None
    product_variant_id: str  # the variant's global id, kept when the variant is deleted
    is_shipping_required: bool
    unit_price: Taxed
    undiscounted_unit_price: Taxed
    total_price: Taxed
    undiscounted_total_price: Taxed
    tax_rate: Decimal
    translated_product_name: str = ""
    translated_variant_name: str = ""
    unit_discount: Decimal = ZERO
    unit_discount_reason: str = ""


@dataclass(frozen=True)
class DraftVendorPart:
    vendor_id: int
    subtotal: Taxed
    shipping_price: Taxed
    weight: Decimal = ZERO  # kg

    @property
    def total(self) -> Taxed:
        return self.subtotal + self.shipping_price


@dataclass(frozen=True)
class OrderDraft:
    channel_id: int
    currency: str
    lines: tuple[DraftLine, ...]
    vendor_parts: tuple[DraftVendorPart, ...]
    subtotal: Taxed
    shipping_price: Taxed
    total: Taxed
    undiscounted_total: Taxed
    language_code: str = "bn"
    user_id: int | None = None
    user_email: str = ""
    customer_phone: str = ""  # E.164
    checkout_token: UUID | None = None
    # Address values as `backend.places.address_validation.CleanedAddress` fields (a dict, so
    # that the order keeps its own copy).
    billing_address: dict[str, Any] | None = None
    shipping_address: dict[str, Any] | None = None
    shipping_method_id: str = ""
    shipping_method_name: str = ""
    shipping_tax_rate: Decimal = ZERO
    collection_point_id: int | None = None
    voucher_code: str = ""
    voucher_code_id: int | None = None
    discount_amount: Decimal = ZERO
    discount_name: str = ""
    customer_note: str = ""
    weight: Decimal = ZERO
    metadata: dict[str, str] = field(default_factory=dict)
