"""Vouchers at the checkout: find a typed code, work out what it takes off, count its use.

The checkout fetches its lines once into a `VoucherContext` and asks `voucher_discount` what a
code is worth (no writes: it can be asked on every change of the checkout). Placing the order
calls `claim_voucher_usage` inside the order's transaction; cancelling it calls
`release_voucher_usage`. Every refusal is a `VoucherError` with Saleor's CheckoutErrorCode name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Q
from django.db.models.functions import Lower

from backend.catalog.models import Category
from backend.core.money import quantize

from .distribution import ZERO, distribute
from .models import (
    DiscountValueType,
    Voucher,
    VoucherChannelListing,
    VoucherCode,
    VoucherCustomer,
    VoucherType,
)
from .usage import claim_voucher_usage, release_voucher_usage
from .voucher_errors import VoucherError, VoucherErrorCode, invalid_code, not_applicable

__all__ = [
    "DiscountableLine",
    "VoucherContext",
    "VoucherDiscount",
    "VoucherError",
    "VoucherErrorCode",
    "claim_voucher_usage",
    "find_voucher_code",
    "normalize_customer_key",
    "release_voucher_usage",
    "voucher_discount",
]

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class DiscountableLine:
    """A checkout line as a voucher sees it; prices are VAT-inclusive gross amounts."""

    key: str
    variant_id: int
    product_id: int
    category_id: int | None
    collection_ids: frozenset[int]
    vendor_id: int
    quantity: int
    unit_price: Decimal
    total: Decimal


@dataclass(frozen=True)
class VoucherContext:
    """What a voucher is judged against, fetched once by the checkout.

    `customer_key` is the customer's e-mail, or phone when they have no e-mail, lower-cased
    (`normalize_customer_key`); None while unknown."""

    channel_id: int
    currency: str
    lines: tuple[DiscountableLine, ...]
    subtotal: Decimal
    shipping_by_vendor: Mapping[int, Decimal]
    customer_key: str | None
    user_is_staff: bool
    now: datetime


@dataclass(frozen=True)
class VoucherDiscount:
    """What a code takes off: `amount` in all, split exactly over lines (by line key) or over
    the vendors' shipping."""

    code: str
    voucher_code_id: int
    voucher_id: int
    name: str
    voucher_type: str
    amount: Decimal
    line_discounts: Mapping[str, Decimal] = field(default_factory=dict)
    shipping_discount: Decimal = ZERO
    shipping_discount_by_vendor: Mapping[int, Decimal] = field(default_factory=dict)


class _Catalogue:
    """The products, variants, categories (with those below them), collections and vendors a
    SPECIFIC_PRODUCT voucher is for."""

    def __init__(self, voucher: Voucher) -> None:
        through = Voucher.products.through
        self.product_ids = set(
            through.objects.filter(voucher_id=voucher.pk).values_list("product_id", flat=True)
        )
        self.variant_ids = set(
            Voucher.variants.through.objects.filter(voucher_id=voucher.pk).values_list(
                "productvariant_id", flat=True
            )
        )
        self.collection_ids = set(
            Voucher.collections.through.objects.filter(voucher_id=voucher.pk).values_list(
                "collection_id", flat=True
            )
        )
        self.vendor_ids = set(
            Voucher.vendors.through.objects.filter(voucher_id=voucher.pk).values_list(
                "vendor_id", flat=True
            )
        )
        paths = set(voucher.categories.values_list("tree_path", flat=True))
        self.category_ids: set[int] = set()
        if paths:
            below_any = Q(pk__in=[])
            for path in paths:
                below_any |= Q(tree_path__startswith=path)
            self.category_ids = set(Category.objects.filter(below_any).values_list("pk", flat=True))

    def matches(self, line: DiscountableLine) -> bool:
        return (
            line.product_id in self.product_ids
            or line.variant_id in self.variant_ids
            or line.vendor_id in self.vendor_ids
            or (line.category_id is not None and line.category_id in self.category_ids)
            or not self.collection_ids.isdisjoint(line.collection_ids)
        )


def normalize_customer_key(email: str | None, phone: str | None) -> str | None:
    """The key once-per-customer vouchers remember: the e-mail, else the phone, lower-cased."""
    for value in (email, phone):
        if value and value.strip():
            return value.strip().lower()
    return None


def find_voucher_code(code: str, *, channel_id: int, now: datetime) -> VoucherCode:
    """The active code typed (in any case) of a voucher running at `now` in the channel.

    Raises VoucherError INVALID ("Promo code is invalid") for anything else."""
    typed = (code or "").strip()
    if not typed:
        raise invalid_code()
    found = (
        VoucherCode.objects.select_related("voucher")
        .prefetch_related("voucher__channel_listings")
        .alias(code_lower=Lower("code"))
        .filter(code_lower=typed.lower())
        .first()
    )
    if found is None:
        raise invalid_code()
    _listing_if_valid(found, channel_id=channel_id, now=now)
    return found


def _listing_if_valid(code: VoucherCode, *, channel_id: int, now: datetime):
    """The voucher's listing in the channel, when the code may be used there at `now`."""
    voucher = code.voucher
    if not code.is_active or voucher.start_date > now:
        raise invalid_code()
    if voucher.end_date is not None and voucher.end_date < now:
        raise invalid_code()
    listing = next(
        (item for item in voucher.channel_listings.all() if item.channel_id == channel_id), None
    )
    if listing is None:
        raise invalid_code()
    return listing


def voucher_discount(code: VoucherCode, context: VoucherContext) -> VoucherDiscount:
    """What `code` takes off the checkout in `context`; VoucherError when it cannot be used.

    Reads the voucher's rules, writes nothing. Amounts are rounded half up to the poisha and
    never exceed what they discount; a split over lines or vendors adds up exactly."""
    voucher = code.voucher
    listing = _listing_if_valid(code, channel_id=context.channel_id, now=context.now)
    if listing.currency != context.currency:
        raise invalid_code()
    _check_conditions(code, voucher, listing, context)

    value = listing.discount_value
    is_percentage = voucher.discount_value_type == DiscountValueType.PERCENTAGE
    line_discounts: dict[str, Decimal] = {}
    shipping_by_vendor: dict[int, Decimal] = {}
    if voucher.type == VoucherType.SHIPPING:
        shipping = {
            vendor_id: price for vendor_id, price in context.shipping_by_vendor.items() if price
        }
        shipping_amount = _off(sum(shipping.values(), ZERO), value, is_percentage)
        shipping_by_vendor = distribute(shipping_amount, shipping)
    elif voucher.type == VoucherType.SPECIFIC_PRODUCT:
        line_discounts = _specific_product_discounts(voucher, context, value, is_percentage)
    else:
        weights = {line.key: line.total for line in context.lines}
        line_discounts = distribute(
            _off(sum(weights.values(), ZERO), value, is_percentage), weights
        )
    line_discounts = {key: part for key, part in line_discounts.items() if part}
    shipping_by_vendor = {key: part for key, part in shipping_by_vendor.items() if part}
    shipping_discount = sum(shipping_by_vendor.values(), ZERO)
    return VoucherDiscount(
        code=code.code,
        voucher_code_id=code.pk,
        voucher_id=voucher.pk,
        name=voucher.name or "",
        voucher_type=str(voucher.type),
        amount=sum(line_discounts.values(), ZERO) + shipping_discount,
        line_discounts=line_discounts,
        shipping_discount=shipping_discount,
        shipping_discount_by_vendor=shipping_by_vendor,
    )


def _off(base: Decimal, value: Decimal, is_percentage: bool) -> Decimal:
    """The discount on `base`: a percentage of it, or a fixed amount never above it."""
    if base <= 0:
        return ZERO
    if is_percentage:
        return quantize(base * min(value, HUNDRED) / HUNDRED)
    return quantize(min(value, base))


def _specific_product_discounts(
    voucher: Voucher, context: VoucherContext, value: Decimal, is_percentage: bool
) -> dict[str, Decimal]:
    """Saleor's rule: a fixed value comes off each matching unit (at most its price), a
    percentage off the matching lines; once per order, only the cheapest matching unit."""
    catalogue = _Catalogue(voucher)
    matching = [line for line in context.lines if catalogue.matches(line)]
    if not matching:
        raise not_applicable("This offer is not valid for the products in your cart.")
    if voucher.apply_once_per_order:
        cheapest = min(matching, key=lambda line: line.unit_price)
        return {cheapest.key: _off(cheapest.unit_price, value, is_percentage)}
    if is_percentage:
        weights = {line.key: line.total for line in matching}
        return distribute(_off(sum(weights.values(), ZERO), value, is_percentage), weights)
    return {line.key: quantize(min(value * line.quantity, line.total)) for line in matching}


def _check_conditions(
    code: VoucherCode, voucher: Voucher, listing: VoucherChannelListing, context: VoucherContext
) -> None:
    if not context.lines:
        raise not_applicable("Add something to your cart to use this voucher.")
    if voucher.only_for_staff and not context.user_is_staff:
        raise not_applicable("This offer is valid only for staff customers.")
    if listing.min_spent_amount is not None and context.subtotal < listing.min_spent_amount:
        raise not_applicable(
            f"This offer is only valid for orders over {listing.min_spent_amount} "
            f"{listing.currency}."
        )
    quantity = sum(line.quantity for line in context.lines)
    minimum_quantity = voucher.min_checkout_items_quantity
    if minimum_quantity and quantity < minimum_quantity:
        raise not_applicable(
            f"This offer is only valid for orders of at least {minimum_quantity} items."
        )
    limit = voucher.effective_usage_limit
    if limit is not None and code.used >= limit:
        raise not_applicable("This voucher has been used up.")
    customer_key = (context.customer_key or "").strip().lower()
    if (
        voucher.apply_once_per_customer
        and customer_key
        and VoucherCustomer.objects.filter(voucher_code=code, customer_key=customer_key).exists()
    ):
        raise not_applicable("This offer is valid only once per customer.")
