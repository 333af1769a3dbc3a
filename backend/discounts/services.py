"""Writes for vouchers: create, change, delete, and their values per channel.

The one write path of the API and the admin. Errors are ValidationErrors keyed by the domain's
field names, with DiscountErrorCode codes; a refusal writes nothing (each function owns its
transaction). Codes are unique ignoring case, decided by the database constraint.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from backend.catalog.models import Category, Collection, Product, ProductVariant
from backend.channels.models import Channel
from backend.core.columns import check_column_values
from backend.core.errors import field_error
from backend.core.models import field_max_length
from backend.marketplace.models import Vendor

from .error_codes import DiscountErrorCode
from .models import DiscountValueType, Voucher, VoucherChannelListing, VoucherCode, VoucherType

CODE_MAX_LENGTH = field_max_length(VoucherCode, "code")
HUNDRED = Decimal(100)
# Letters and digits that cannot be misread for one another (no 0/O, 1/I/L).
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

# Fields of `update_voucher` that are copied onto the voucher as they are.
_PLAIN_FIELDS = (
    "name",
    "type",
    "discount_value_type",
    "start_date",
    "end_date",
    "usage_limit",
    "apply_once_per_order",
    "apply_once_per_customer",
    "single_use",
    "only_for_staff",
    "min_checkout_items_quantity",
)
_CATALOGUE_FIELDS = ("products", "variants", "collections", "categories", "vendors")


@dataclass(frozen=True)
class VoucherChannelListingChange:
    """A voucher's value in a channel: added, or changed when it is listed there already.
    None keeps the stored value (a new listing's discount value then defaults to 0)."""

    channel: Channel
    discount_value: Decimal | None = None
    min_spent_amount: Decimal | None = None
    clear_min_spent: bool = False


def generate_voucher_code(length: int = 10) -> str:
    """A random code for a voucher created without one."""
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(length))


def _clean_codes(codes: Iterable[str], *, field: str) -> list[str]:
    cleaned: list[str] = []
    seen: set[str] = set()
    for raw in codes:
        code = (raw or "").strip()
        if not code:
            raise field_error(field, "A code cannot be empty.", DiscountErrorCode.INVALID)
        if len(code) > CODE_MAX_LENGTH or any(char.isspace() for char in code):
            raise field_error(
                field,
                f"A code is at most {CODE_MAX_LENGTH} characters, without spaces.",
                DiscountErrorCode.INVALID,
            )
        if code.lower() in seen:
            raise field_error(
                field, f"The code {code} is given twice.", DiscountErrorCode.DUPLICATED_INPUT_ITEM
            )
        seen.add(code.lower())
        cleaned.append(code)
    taken = list(
        VoucherCode.objects.alias(code_lower=Lower("code"))
        .filter(code_lower__in=seen)
        .values_list("code", flat=True)
    )
    if taken:
        raise field_error(
            field, f"Promo code {taken[0]} already exists.", DiscountErrorCode.ALREADY_EXISTS
        )
    return cleaned


def _validate(voucher: Voucher) -> None:
    """The rules of one voucher's own fields (its channel values are checked where set)."""
    if voucher.type not in VoucherType.values:
        raise field_error("type", "Unknown voucher type.", DiscountErrorCode.INVALID)
    if voucher.discount_value_type not in DiscountValueType.values:
        raise field_error(
            "discount_value_type", "Unknown discount value type.", DiscountErrorCode.INVALID
        )
    if voucher.start_date is None:
        raise field_error("start_date", "A voucher needs a start date.", DiscountErrorCode.REQUIRED)
    if voucher.end_date is not None and voucher.end_date < voucher.start_date:
        raise field_error(
            "end_date", "The end date is before the start date.", DiscountErrorCode.INVALID
        )
    if voucher.usage_limit is not None and voucher.usage_limit < 1:
        raise field_error(
            "usage_limit", "The usage limit must be at least 1.", DiscountErrorCode.INVALID
        )
    minimum = voucher.min_checkout_items_quantity
    if minimum is not None and minimum < 0:
        raise field_error(
            "min_checkout_items_quantity",
            "The minimum quantity cannot be negative.",
            DiscountErrorCode.INVALID,
        )
    check_column_values(voucher, code=DiscountErrorCode.INVALID)
    is_percentage = voucher.discount_value_type == DiscountValueType.PERCENTAGE
    if (
        voucher.pk
        and is_percentage
        and voucher.channel_listings.filter(discount_value__gt=HUNDRED).exists()
    ):
        raise field_error(
            "discount_value_type",
            "A percentage cannot be above 100: lower the channels' discount values first.",
            DiscountErrorCode.INVALID,
        )


def _save_codes(voucher: Voucher, codes: Sequence[str], *, field: str) -> None:
    try:
        with transaction.atomic():
            VoucherCode.objects.bulk_create(
                [VoucherCode(voucher=voucher, code=code) for code in codes]
            )
    except IntegrityError as error:  # a concurrent writer took one of them
        raise field_error(
            field, "Promo code already exists.", DiscountErrorCode.ALREADY_EXISTS
        ) from error


def _set_catalogue(voucher: Voucher, catalogue: dict[str, Any]) -> None:
    for name in _CATALOGUE_FIELDS:
        if catalogue.get(name) is not None:
            getattr(voucher, name).set(catalogue[name])


def create_voucher(
    *,
    codes: Sequence[str] | None = None,
    name: str | None = None,
    type: str = VoucherType.ENTIRE_ORDER,
    discount_value_type: str = DiscountValueType.FIXED,
    start_date: datetime | None = None,
    end_date: datetime | None = None,
    usage_limit: int | None = None,
    apply_once_per_order: bool = False,
    apply_once_per_customer: bool = False,
    single_use: bool = False,
    only_for_staff: bool = False,
    min_checkout_items_quantity: int | None = None,
    products: Iterable[Product] | None = None,
    variants: Iterable[ProductVariant] | None = None,
    collections: Iterable[Collection] | None = None,
    categories: Iterable[Category] | None = None,
    vendors: Iterable[Vendor] | None = None,
    codes_field: str = "codes",
) -> Voucher:
    """A voucher with its codes (one random code when none is given), not yet in any channel:
    `update_voucher_channel_listings` gives it a value where it may be used."""
    cleaned = _clean_codes(codes, field=codes_field) if codes else [generate_voucher_code()]
    voucher = Voucher(
        name=name,
        type=type,
        discount_value_type=discount_value_type,
        start_date=start_date or timezone.now(),
        end_date=end_date,
        usage_limit=usage_limit,
        apply_once_per_order=apply_once_per_order,
        apply_once_per_customer=apply_once_per_customer,
        single_use=single_use,
        only_for_staff=only_for_staff,
        min_checkout_items_quantity=min_checkout_items_quantity,
    )
    _validate(voucher)
    with transaction.atomic():
        voucher.save()
        _save_codes(voucher, cleaned, field=codes_field)
        _set_catalogue(
            voucher,
            {
                "products": products,
                "variants": variants,
                "collections": collections,
                "categories": categories,
                "vendors": vendors,
            },
        )
    return voucher


def update_voucher(
    *,
    voucher: Voucher,
    add_codes: Sequence[str] | None = None,
    codes_field: str = "codes",
    **changes: Any,
) -> Voucher:
    """Change the given fields (absent ones stay), add codes, and replace the chosen
    products, variants, collections, categories or vendors that are given."""
    unknown = set(changes) - set(_PLAIN_FIELDS) - set(_CATALOGUE_FIELDS)
    if unknown:
        raise TypeError(f"update_voucher got unknown fields: {sorted(unknown)}")
    for name in _PLAIN_FIELDS:
        if name in changes:
            setattr(voucher, name, changes[name])
    _validate(voucher)
    cleaned = _clean_codes(add_codes, field=codes_field) if add_codes else []
    with transaction.atomic():
        voucher.save()
        if cleaned:
            _save_codes(voucher, cleaned, field=codes_field)
        _set_catalogue(voucher, {name: changes.get(name) for name in _CATALOGUE_FIELDS})
    return voucher


def delete_voucher(*, voucher: Voucher) -> Voucher:
    """Remove the voucher with its codes and channel values; the returned copy keeps its id."""
    pk = voucher.pk
    with transaction.atomic():
        voucher.delete()
    voucher.pk = pk
    return voucher


def update_voucher_channel_listings(
    *,
    voucher: Voucher,
    add_channels: Sequence[VoucherChannelListingChange] = (),
    remove_channels: Sequence[Channel] = (),
) -> Voucher:
    """Put the voucher in channels with its value there (or change it), and take it out of
    others. A percentage is at most 100; amounts are in the channel's currency."""
    added_ids = [change.channel.pk for change in add_channels]
    if len(set(added_ids)) != len(added_ids):
        raise field_error(
            "channels", "A channel is given twice.", DiscountErrorCode.DUPLICATED_INPUT_ITEM
        )
    if set(added_ids) & {channel.pk for channel in remove_channels}:
        raise field_error(
            "channels",
            "A channel cannot be both added and removed.",
            DiscountErrorCode.DUPLICATED_INPUT_ITEM,
        )
    existing = {listing.channel_id: listing for listing in voucher.channel_listings.all()}
    listings = []
    for change in add_channels:
        listing = existing.get(change.channel.pk) or VoucherChannelListing(
            voucher=voucher,
            channel=change.channel,
            currency=change.channel.currency_code,
            discount_value=Decimal(0),
        )
        if change.discount_value is not None:
            listing.discount_value = change.discount_value
        if change.min_spent_amount is not None or change.clear_min_spent:
            listing.min_spent_amount = change.min_spent_amount
        _validate_listing(voucher, listing)
        listings.append(listing)
    with transaction.atomic():
        for listing in listings:
            listing.save()
        if remove_channels:
            voucher.channel_listings.filter(
                channel_id__in=[channel.pk for channel in remove_channels]
            ).delete()
    return voucher


def _validate_listing(voucher: Voucher, listing: VoucherChannelListing) -> None:
    if listing.discount_value < 0:
        raise field_error(
            "discount_value", "The discount value cannot be negative.", DiscountErrorCode.INVALID
        )
    if voucher.discount_value_type == DiscountValueType.PERCENTAGE and (
        listing.discount_value > HUNDRED
    ):
        raise field_error(
            "discount_value", "A percentage cannot be above 100.", DiscountErrorCode.INVALID
        )
    if listing.min_spent_amount is not None and listing.min_spent_amount < 0:
        raise field_error(
            "min_spent_amount", "The minimum spend cannot be negative.", DiscountErrorCode.INVALID
        )
    check_column_values(listing, code=DiscountErrorCode.INVALID)
