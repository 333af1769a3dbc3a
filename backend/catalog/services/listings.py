"""Channel listings: where a product is published and what its variants cost per channel.

Writes that change prices refresh each product listing's cheapest price
(`update_products_discounted_prices`), which the storefront sorts and filters by.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Min, OuterRef, Subquery
from django.utils import timezone

from backend.core.cache_version import bump_catalog_version
from backend.core.errors import field_error
from plugins.framework.manager import PluginsManager, get_plugins_manager

from ..error_codes import ProductErrorCode
from ..models import (
    Channel,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from .validation import clean_price


def update_products_discounted_prices(product_ids: list[int] | set[int]) -> None:
    """Set each product listing's price to its cheapest variant's price in that channel.

    One UPDATE for all the listings, so that it is cheap after bulk imports too.
    """
    product_ids = list(product_ids)
    if not product_ids:
        return
    cheapest = (
        ProductVariantChannelListing.objects.filter(
            variant__product_id=OuterRef("product_id"),
            channel_id=OuterRef("channel_id"),
            price_amount__isnull=False,
        )
        .order_by()
        .values("variant__product_id")
        .annotate(cheapest=Min("price_amount"))
        .values("cheapest")
    )
    ProductChannelListing.objects.filter(product_id__in=product_ids).update(
        discounted_price_amount=Subquery(cheapest)
    )


@dataclass(frozen=True)
class ProductChannelListingChange:
    """How a product should be listed in one channel; None leaves a setting as it is."""

    channel: Channel
    is_published: bool | None = None
    published_at: Any = None
    visible_in_listings: bool | None = None
    is_available_for_purchase: bool | None = None
    available_for_purchase_at: Any = None
    add_variants: list[ProductVariant] = field(default_factory=list)
    remove_variants: list[ProductVariant] = field(default_factory=list)


@dataclass(frozen=True)
class VariantPriceChange:
    channel: Channel
    price: Decimal
    cost_price: Decimal | None = None


@transaction.atomic
def update_product_channel_listings(
    *,
    product: Product,
    update_channels: list[ProductChannelListingChange],
    remove_channels: list[Channel],
    manager: PluginsManager | None = None,
) -> Product:
    """Add, change and remove a product's channel listings; refreshes the cheapest prices."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    updated_ids = [change.channel.pk for change in update_channels]
    removed_ids = [channel.pk for channel in remove_channels]
    if len(set(updated_ids)) != len(updated_ids):
        raise field_error(
            "update_channels",
            "A channel is given more than once.",
            ProductErrorCode.DUPLICATED_INPUT_ITEM,
        )
    if set(updated_ids) & set(removed_ids):
        raise field_error(
            "channels",
            "A channel cannot be both updated and removed.",
            ProductErrorCode.DUPLICATED_INPUT_ITEM,
        )
    for change in update_channels:
        for variant in [*change.add_variants, *change.remove_variants]:
            if variant.product_id != product.pk:
                raise field_error(
                    "add_variants" if variant in change.add_variants else "remove_variants",
                    "The variant does not belong to this product.",
                    ProductErrorCode.NOT_PRODUCTS_VARIANT,
                )
        if change.is_published and product.category_id is None:
            raise field_error(
                "is_published",
                "A product must have a category to be published.",
                ProductErrorCode.PRODUCT_WITHOUT_CATEGORY,
            )

    now = timezone.now()
    existing = {
        listing.channel_id: listing
        for listing in ProductChannelListing.objects.select_for_update().filter(product=product)
    }
    for change in update_channels:
        listing = existing.get(change.channel.pk) or ProductChannelListing(
            product=product, channel=change.channel, currency=change.channel.currency_code
        )
        if change.is_published is not None:
            listing.is_published = change.is_published
        if change.published_at is not None:
            listing.published_at = change.published_at
        elif listing.is_published and listing.published_at is None:
            listing.published_at = now
        if change.visible_in_listings is not None:
            listing.visible_in_listings = change.visible_in_listings
        if change.available_for_purchase_at is not None:
            listing.available_for_purchase_at = change.available_for_purchase_at
        elif change.is_available_for_purchase is True:
            listing.available_for_purchase_at = listing.available_for_purchase_at or now
        elif change.is_available_for_purchase is False:
            listing.available_for_purchase_at = None
        listing.save()
        if change.add_variants:
            ProductVariantChannelListing.objects.bulk_create(
                [
                    ProductVariantChannelListing(
                        variant=variant, channel=change.channel, currency=listing.currency
                    )
                    for variant in change.add_variants
                ],
                ignore_conflicts=True,
            )
        if change.remove_variants:
            ProductVariantChannelListing.objects.filter(
                channel=change.channel, variant__in=change.remove_variants
            ).delete()
    if removed_ids:
        ProductChannelListing.objects.filter(product=product, channel_id__in=removed_ids).delete()
        ProductVariantChannelListing.objects.filter(
            variant__product=product, channel_id__in=removed_ids
        ).delete()
    update_products_discounted_prices([product.pk])
    bump_catalog_version()
    (manager or get_plugins_manager()).product_updated(product)
    return product


@transaction.atomic
def update_variant_channel_listings(
    *,
    variant: ProductVariant,
    prices: list[VariantPriceChange],
    manager: PluginsManager | None = None,
) -> ProductVariant:
    """Set a variant's price per channel; refreshes the product's cheapest prices."""
    channel_ids = [change.channel.pk for change in prices]
    if len(set(channel_ids)) != len(channel_ids):
        raise field_error(
            "channel",
            "A channel is given more than once.",
            ProductErrorCode.DUPLICATED_INPUT_ITEM,
        )
    listed = set(
        ProductChannelListing.objects.filter(
            product_id=variant.product_id, channel_id__in=channel_ids
        ).values_list("channel_id", flat=True)
    )
    for change in prices:
        if change.channel.pk not in listed:
            raise field_error(
                "channel",
                f"The product is not listed in the channel {change.channel.slug}.",
                ProductErrorCode.PRODUCT_NOT_ASSIGNED_TO_CHANNEL,
            )
        clean_price(change.price, field_name="price_amount")
        clean_price(change.cost_price, field_name="cost_price_amount")
    for change in prices:
        ProductVariantChannelListing.objects.update_or_create(
            variant=variant,
            channel=change.channel,
            defaults={
                "currency": change.channel.currency_code,
                "price_amount": change.price,
                "discounted_price_amount": change.price,
                "cost_price_amount": change.cost_price,
            },
        )
    update_products_discounted_prices([variant.product_id])
    bump_catalog_version()
    (manager or get_plugins_manager()).product_variant_updated(variant)
    return variant
