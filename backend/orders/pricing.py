"""Prices for lines staff add to an order (draft orders, line edits): the variant's channel
price, VAT-inclusive, split with its product type's rate (`backend.catalog.pricing`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from graphql_relay import to_global_id

from backend.catalog.models import ProductVariant, ProductVariantChannelListing
from backend.catalog.pricing import ChannelPrice, variant_pricing
from backend.core.errors import field_error
from backend.core.money import quantize

from .drafts import DraftLine, Taxed
from .error_codes import OrderErrorCode


def _taxed_total(unit_gross: Decimal, quantity: int, vat_rate: Decimal) -> Taxed:
    gross = unit_gross * quantity
    return Taxed(net=quantize(gross / (1 + vat_rate)), gross=gross)


def priced_lines(
    requests: Sequence[tuple[int, int]], *, channel_id: int, currency: str
) -> list[DraftLine]:
    """`(variant id, quantity)` pairs priced in the channel (two queries for any number).
    A variant that is gone is NOT_FOUND; one without a price there NOT_AVAILABLE_IN_CHANNEL;
    each error names the input's index on `variant_id`."""
    variant_ids = {variant_id for variant_id, _ in requests}
    variants = ProductVariant.objects.select_related("product__product_type").in_bulk(variant_ids)
    listings = {
        listing.variant_id: listing
        for listing in ProductVariantChannelListing.objects.filter(
            variant_id__in=variant_ids, channel_id=channel_id, price_amount__isnull=False
        )
    }
    lines = []
    for index, (variant_id, quantity) in enumerate(requests):
        variant = variants.get(variant_id)
        if variant is None:
            raise field_error(
                "variant_id",
                "Couldn't resolve to a variant.",
                OrderErrorCode.NOT_FOUND,
                index=index,
            )
        listing = listings.get(variant_id)
        if listing is None:
            raise field_error(
                "variant_id",
                f"{variant.product.name} is not sold in this channel.",
                OrderErrorCode.NOT_AVAILABLE_IN_CHANNEL,
                index=index,
            )
        price_amount = listing.price_amount
        assert price_amount is not None  # filtered above
        product_type = variant.product.product_type
        vat_rate = product_type.vat_rate
        pricing = variant_pricing(
            ChannelPrice(amount=price_amount, discounted_amount=listing.discounted_price_amount),
            vat_rate=vat_rate,
            currency=currency,
        )
        assert pricing is not None
        unit = Taxed(net=pricing.price.net, gross=pricing.price.gross)
        undiscounted = Taxed(
            net=pricing.price_undiscounted.net, gross=pricing.price_undiscounted.gross
        )
        lines.append(
            DraftLine(
                variant_id=variant.pk,
                vendor_id=variant.product.vendor_id,
                quantity=quantity,
                product_name=variant.product.name,
                variant_name=variant.name,
                product_sku=variant.sku,
                product_variant_id=to_global_id("ProductVariant", variant.pk),
                is_shipping_required=product_type.is_shipping_required,
                unit_price=unit,
                undiscounted_unit_price=undiscounted,
                total_price=_taxed_total(unit.gross, quantity, vat_rate),
                undiscounted_total_price=_taxed_total(undiscounted.gross, quantity, vat_rate),
                tax_rate=vat_rate,
            )
        )
    return lines


def line_total_at(unit_gross: Decimal, quantity: int, vat_rate: Decimal) -> Taxed:
    """A line's total at a quantity, at its (frozen) VAT-inclusive unit price."""
    return _taxed_total(unit_gross, quantity, vat_rate)
