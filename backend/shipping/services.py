"""Writes of the delivery set-up: zones, methods, their channel listings and rate tables.

The demo data, tests and (later) staff mutations all come through here. Each function owns its
transaction; errors are ValidationErrors keyed by the models' field names with
ShippingErrorCode values, raised before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from backend.channels.models import Channel
from backend.core.errors import field_error

from .error_codes import ShippingErrorCode
from .models import (
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingMethodType,
    ShippingRate,
    ShippingZone,
    ShippingZoneKind,
)


def _check_days(minimum: int | None, maximum: int | None) -> None:
    for field, days in (("minimum_delivery_days", minimum), ("maximum_delivery_days", maximum)):
        if days is not None and days < 0:
            raise field_error(field, "Delivery days cannot be negative.", ShippingErrorCode.INVALID)
    if minimum is not None and maximum is not None and maximum < minimum:
        raise field_error(
            "maximum_delivery_days",
            "Maximum delivery days must be at least the minimum.",
            ShippingErrorCode.MAX_LESS_THAN_MIN,
        )


def create_shipping_zone(
    *,
    name: str,
    kind: ShippingZoneKind,
    channels: Iterable[Channel] = (),
    default: bool = False,
    description: str = "",
) -> ShippingZone:
    """A zone for one distance class. There is one zone of each kind, and one default: the
    constraints decide between concurrent creators, the loser gets the error."""
    try:
        with transaction.atomic():
            zone = ShippingZone.objects.create(
                name=name, kind=kind, default=default, description=description
            )
            zone.channels.set(list(channels))
    except IntegrityError as error:
        # Which constraint lost: asked of the table, as SQLite's message names no constraint.
        if default and ShippingZone.objects.filter(default=True).exists():
            raise field_error(
                "default", "Another zone is the default.", ShippingErrorCode.UNIQUE
            ) from error
        raise field_error(
            "kind", "A zone of this kind exists.", ShippingErrorCode.ALREADY_EXISTS
        ) from error
    return zone


def create_shipping_method(
    *,
    name: str,
    type: ShippingMethodType = ShippingMethodType.WEIGHT,
    minimum_delivery_days: int | None = None,
    maximum_delivery_days: int | None = None,
    description: dict[str, Any] | None = None,
    metadata: dict[str, str] | None = None,
) -> ShippingMethod:
    _check_days(minimum_delivery_days, maximum_delivery_days)
    return ShippingMethod.objects.create(
        name=name,
        type=type,
        minimum_delivery_days=minimum_delivery_days,
        maximum_delivery_days=maximum_delivery_days,
        description=description,
        metadata=metadata or {},
    )


def set_shipping_method_channel_listing(
    *,
    method: ShippingMethod,
    channel: Channel,
    minimum_order_price: Decimal | None = None,
    maximum_order_price: Decimal | None = None,
) -> ShippingMethodChannelListing:
    """Offer `method` in `channel` (in its currency) for orders within the bounds."""
    if minimum_order_price is not None and minimum_order_price < 0:
        raise field_error(
            "minimum_order_price_amount", "Cannot be negative.", ShippingErrorCode.INVALID
        )
    if (
        minimum_order_price is not None
        and maximum_order_price is not None
        and maximum_order_price < minimum_order_price
    ):
        raise field_error(
            "maximum_order_price_amount",
            "Maximum order price must be at least the minimum.",
            ShippingErrorCode.MAX_LESS_THAN_MIN,
        )
    listing, _ = ShippingMethodChannelListing.objects.update_or_create(
        shipping_method=method,
        channel=channel,
        defaults={
            "currency": channel.currency_code,
            "minimum_order_price_amount": minimum_order_price,
            "maximum_order_price_amount": maximum_order_price,
        },
    )
    return listing


@dataclass(frozen=True)
class RateSlab:
    """A slab of a rate table: up to `max_weight` kg (None: any weight) for `price`."""

    max_weight: Decimal | None
    price: Decimal
    minimum_delivery_days: int | None = None
    maximum_delivery_days: int | None = None


def _check_slabs(method: ShippingMethod, slabs: Sequence[RateSlab]) -> None:
    seen: set[Decimal | None] = set()
    for index, slab in enumerate(slabs):
        if slab.price < 0:
            raise field_error(
                "price_amount",
                "A price cannot be negative.",
                ShippingErrorCode.INVALID,
                index=index,
            )
        if slab.max_weight is not None and slab.max_weight <= 0:
            raise field_error(
                "max_weight",
                "A slab's bound must be above 0 kg.",
                ShippingErrorCode.INVALID,
                index=index,
            )
        if slab.max_weight in seen:
            raise field_error(
                "max_weight",
                "Two slabs have the same bound.",
                ShippingErrorCode.DUPLICATED_INPUT_ITEM,
                index=index,
            )
        seen.add(slab.max_weight)
        _check_days(slab.minimum_delivery_days, slab.maximum_delivery_days)
    if method.type == ShippingMethodType.PRICE and [s.max_weight for s in slabs] not in (
        [],
        [None],
    ):
        raise field_error(
            "max_weight",
            "A price-based method has one rate per zone, for any weight.",
            ShippingErrorCode.INVALID,
        )


def set_shipping_rates(
    *,
    method: ShippingMethod,
    zone: ShippingZone,
    channel: Channel,
    slabs: Sequence[RateSlab],
) -> list[ShippingRate]:
    """Replace `method`'s rate table for `zone` in `channel` with `slabs` (none: the method
    stops serving the zone there). Locks the method's row, so two writers of the same table
    queue instead of interleaving."""
    _check_slabs(method, slabs)
    with transaction.atomic():
        ShippingMethod.objects.select_for_update().filter(pk=method.pk).first()
        ShippingRate.objects.filter(
            shipping_method=method, shipping_zone=zone, channel=channel
        ).delete()
        return ShippingRate.objects.bulk_create(
            ShippingRate(
                shipping_method=method,
                shipping_zone=zone,
                channel=channel,
                max_weight=slab.max_weight,
                price_amount=slab.price,
                minimum_delivery_days=slab.minimum_delivery_days,
                maximum_delivery_days=slab.maximum_delivery_days,
            )
            for slab in slabs
        )
