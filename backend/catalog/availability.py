"""Whether and how much of a product shoppers can buy in a channel: the rules behind Saleor's
`isAvailable`, `isAvailableForPurchase`, `availableForPurchaseAt` and `quantityAvailable`, for
the API, checkout and orders alike."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings

from .models import ProductChannelListing
from .selectors import is_product_listing_visible


def is_available_for_purchase(
    listing: ProductChannelListing | None, *, now: datetime
) -> bool | None:
    """Whether the product may be bought in the listing's channel now (its purchase date has
    come); None when it is not listed in the channel."""
    if listing is None:
        return None
    return listing.is_available_for_purchase(now)


def available_for_purchase_at(listing: ProductChannelListing | None) -> datetime | None:
    """From when the product may be bought in the channel; None when never, or not listed."""
    return listing.available_for_purchase_at if listing is not None else None


def is_product_available(
    listing: ProductChannelListing | None,
    *,
    has_priced_variant: bool,
    now: datetime,
    is_in_stock: bool = True,
) -> bool:
    """Saleor's `isAvailable`: published in the channel (its publication date passed), on sale
    there now, at least one variant has a price there, and (`is_in_stock`) one of them can still
    be bought: untracked, or with units neither allocated nor reserved by other checkouts."""
    return (
        listing is not None
        and is_product_listing_visible(listing, now=now)
        and listing.is_available_for_purchase(now)
        and has_priced_variant
        and is_in_stock
    )


def is_variant_in_stock(*, track_inventory: bool, available: int | None) -> bool:
    """Whether a shopper can add the variant to a cart now, as far as stock goes."""
    return not track_inventory or (available or 0) > 0


def quantity_available(
    available: int | None,
    *,
    track_inventory: bool,
    shows_full_stock: bool,
    line_limit: int | None = None,
) -> int:
    """What `quantityAvailable` reports for a variant: untracked stock counts as the per-line
    limit (`MAX_CHECKOUT_LINE_QUANTITY`), and shoppers are never told more than that limit, as in
    Saleor; staff who manage products (`shows_full_stock`) see the whole available quantity."""
    limit = settings.MAX_CHECKOUT_LINE_QUANTITY if line_limit is None else line_limit
    if not track_inventory:
        return limit
    quantity = max(available or 0, 0)
    return quantity if shows_full_stock else min(quantity, limit)
