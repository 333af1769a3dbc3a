"""The rules a line must keep to be in a checkout: sold in the channel, published, on sale now,
within the quantity limits, in stock. Adding, updating, creating and completing all ask here, so
a storefront hears the same refusal (Saleor's code, field and variants) whichever way it came.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from uuid import UUID

from django.db.models import Sum

from backend.catalog.models import (
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.catalog.selectors import is_product_listing_visible
from backend.core.models import SiteSettings
from backend.inventory.availability import available_quantities_for_checkouts
from backend.marketplace.models import VendorStatus
from backend.orders.models import OrderLine, OrderStatus

from .error_codes import CheckoutErrorCode
from .errors import checkout_error
from .fetch import (
    CheckoutLineInfo,
    product_listings_in_channel,
    variant_listings_in_channel,
    variants_for_lines,
)
from .models import Checkout, CheckoutLine


def variant_line_infos(
    variant_ids: Iterable[int], *, checkout: Checkout
) -> dict[
    int, tuple[ProductVariant, ProductVariantChannelListing | None, ProductChannelListing | None]
]:
    """Variants (with product, type and vendor) and their listings in the checkout's channel,
    by pk; unknown pks are absent. Three queries."""
    ids = set(variant_ids)
    if not ids:
        return {}
    variants = {variant.pk: variant for variant in variants_for_lines(ids)}
    variant_listings = {
        listing.variant_id: listing
        for listing in variant_listings_in_channel(checkout.channel_id, set(variants))
    }
    product_listings = {
        listing.product_id: listing
        for listing in product_listings_in_channel(
            checkout.channel_id, {variant.product_id for variant in variants.values()}
        )
    }
    return {
        pk: (variant, variant_listings.get(pk), product_listings.get(variant.product_id))
        for pk, variant in variants.items()
    }


def new_line_info(
    checkout: Checkout,
    loaded: tuple[
        ProductVariant, ProductVariantChannelListing | None, ProductChannelListing | None
    ],
    quantity: int,
) -> CheckoutLineInfo:
    """A line about to be added (not saved yet), checked like the saved ones."""
    variant, variant_listing, product_listing = loaded
    return CheckoutLineInfo(
        line=CheckoutLine(checkout=checkout, variant=variant, quantity=quantity),
        variant_listing=variant_listing,
        product_listing=product_listing,
    )


def unavailable_in_channel(line: CheckoutLineInfo) -> bool:
    return line.variant_listing is None or line.variant_listing.price_amount is None


def not_published(line: CheckoutLineInfo, now: datetime) -> bool:
    return line.product.vendor.status != VendorStatus.APPROVED or not is_product_listing_visible(
        line.product_listing, now=now
    )


def not_purchasable(line: CheckoutLineInfo, now: datetime) -> bool:
    listing = line.product_listing
    return listing is None or not listing.is_available_for_purchase(now)


def check_lines_sellable(lines: Sequence[CheckoutLineInfo], *, now: datetime) -> None:
    """Every line's variant is priced in the channel, its product published and on sale now."""
    unavailable = [line.variant.pk for line in lines if unavailable_in_channel(line)]
    if unavailable:
        raise checkout_error(
            "lines",
            "Cannot add lines with unavailable variants.",
            CheckoutErrorCode.UNAVAILABLE_VARIANT_IN_CHANNEL,
            variants=unavailable,
        )
    unpublished = [line.variant.pk for line in lines if not_published(line, now)]
    if unpublished:
        raise checkout_error(
            "lines",
            "Cannot add lines for unpublished variants.",
            CheckoutErrorCode.PRODUCT_NOT_PUBLISHED,
            variants=unpublished,
        )
    not_on_sale = [line.variant.pk for line in lines if not_purchasable(line, now)]
    if not_on_sale:
        raise checkout_error(
            "lines",
            "Cannot add lines for unavailable for purchase variants.",
            CheckoutErrorCode.PRODUCT_UNAVAILABLE_FOR_PURCHASE,
            variants=not_on_sale,
        )


def _quantity_by_variant(lines: Iterable[CheckoutLineInfo]) -> dict[int, int]:
    totals: dict[int, int] = {}
    for line in lines:
        totals[line.variant.pk] = totals.get(line.variant.pk, 0) + line.quantity
    return totals


def _ordered_before(user_id: int | None, variant_ids: list[int]) -> dict[int, int]:
    """What the customer bought of limited variants in earlier orders (not drafts or
    cancelled ones)."""
    if user_id is None or not variant_ids:
        return {}
    rows = (
        OrderLine.objects.filter(order__user_id=user_id, variant_id__in=variant_ids)
        .exclude(order__status__in=[OrderStatus.DRAFT, OrderStatus.CANCELED, OrderStatus.EXPIRED])
        .values("variant_id")
        .annotate(bought=Sum("quantity"))
        .values_list("variant_id", "bought")
        .order_by()
    )
    return {variant_id: bought or 0 for variant_id, bought in rows}


def check_quantities(
    lines: Sequence[CheckoutLineInfo],
    *,
    changed_variant_ids: Iterable[int],
    checkout: Checkout,
    now: datetime,
) -> None:
    """The checkout's quantity of each changed variant keeps within the shop's limit per
    checkout, the variant's limit per customer and the stock available to this checkout."""
    totals = _quantity_by_variant(lines)
    variants = {line.variant.pk: line.variant for line in lines}
    changed = [pk for pk in dict.fromkeys(changed_variant_ids) if pk in totals]
    if not changed:
        return
    shop_limit = SiteSettings.get_current().limit_quantity_per_checkout
    for pk in changed:
        if shop_limit and totals[pk] > shop_limit:
            raise checkout_error(
                "quantity",
                f"Cannot add more than {shop_limit} times this item: {variants[pk]}.",
                CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT,
                variants=[pk],
            )
    limited = [pk for pk in changed if variants[pk].quantity_limit_per_customer]
    bought = _ordered_before(checkout.user_id, limited)
    for pk in limited:
        limit = variants[pk].quantity_limit_per_customer or 0
        if totals[pk] + bought.get(pk, 0) > limit:
            raise checkout_error(
                "quantity",
                f"Cannot add more than {limit} times this item: {variants[pk]}.",
                CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT,
                variants=[pk],
            )
    tracked = [pk for pk in changed if variants[pk].track_inventory]
    if not tracked:
        return
    available = available_quantities_for_checkouts(
        {checkout.token: (checkout.channel_id, tracked)}, now=now
    )[checkout.token]
    short = [pk for pk in tracked if totals[pk] > available.get(pk, 0)]
    if short:
        first = short[0]
        raise checkout_error(
            "quantity",
            f"Could not add items {variants[first].sku or variants[first]}. "
            f"Only {available.get(first, 0)} remaining in stock.",
            CheckoutErrorCode.INSUFFICIENT_STOCK,
            variants=short,
        )


def check_quantity_values(quantities: Iterable[int], *, allow_zero: bool) -> None:
    """Saleor's ZERO_QUANTITY: no negative quantity, and no zero where zero means nothing."""
    for quantity in quantities:
        if quantity < 0 or (quantity == 0 and not allow_zero):
            raise checkout_error(
                "quantity",
                "The quantity should be higher than zero.",
                CheckoutErrorCode.ZERO_QUANTITY,
            )


def line_ids_unknown(line_ids: Iterable[UUID], lines: Sequence[CheckoutLineInfo]) -> list[UUID]:
    known = {line.line.id for line in lines}
    return [line_id for line_id in line_ids if line_id not in known]
