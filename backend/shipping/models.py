"""Delivery in Saleor's shape, priced the Bangladeshi way: by zone and weight slab.

A zone is not a list of countries but a distance class between a parcel's origin district (its
vendor's) and the destination district: same district, same division, rest of the country (one
zone of each kind; the `default` zone prices a parcel whose districts are unknown). A method
(Saleor's ShippingMethodType, e.g. "Postal parcel") is offered in a channel through its channel
listing, and priced by its rates: per zone and channel, a price for each weight slab, a slab
holding the weights above the next lower bound up to and including its own `max_weight`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from backend.catalog.models import WEIGHT_DECIMAL_PLACES, WEIGHT_MAX_DIGITS
from backend.channels.models import Channel
from backend.core.models import ModelWithMetadata
from backend.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS


class ShippingZoneKind(models.TextChoices):
    SAME_DISTRICT = "same_district", "Same district"
    SAME_DIVISION = "same_division", "Same division"
    REST_OF_COUNTRY = "rest_of_country", "Rest of the country"


class ShippingMethodType(models.TextChoices):
    """Saleor's ShippingMethodTypeEnum: what a method's rates are keyed by."""

    PRICE = "price", "Price based"  # one rate per zone, whatever the weight
    WEIGHT = "weight", "Weight based"  # a rate per weight slab


class ShippingZone(ModelWithMetadata):
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True, default="")
    kind = models.CharField(max_length=32, choices=ShippingZoneKind.choices, unique=True)
    default = models.BooleanField(default=False)
    channels = models.ManyToManyField(Channel, related_name="shipping_zones", blank=True)

    class Meta:
        ordering = ("name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["default"], condition=Q(default=True), name="one_default_shipping_zone"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ShippingMethod(ModelWithMetadata):
    name = models.CharField(max_length=100)
    description = models.JSONField(blank=True, null=True)
    type = models.CharField(
        max_length=30, choices=ShippingMethodType.choices, default=ShippingMethodType.WEIGHT
    )
    minimum_delivery_days = models.PositiveIntegerField(null=True, blank=True)
    maximum_delivery_days = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ("name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_delivery_days__isnull=True)
                | Q(maximum_delivery_days__isnull=True)
                | Q(minimum_delivery_days__lte=F("maximum_delivery_days")),
                name="shipping_method_delivery_days_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ShippingMethodChannelListing(models.Model):
    """A method offered in a channel, for orders whose goods cost within the bounds."""

    shipping_method = models.ForeignKey(
        ShippingMethod, related_name="channel_listings", on_delete=models.CASCADE
    )
    channel = models.ForeignKey(
        Channel, related_name="shipping_method_listings", on_delete=models.CASCADE
    )
    currency = models.CharField(max_length=3)
    minimum_order_price_amount = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, null=True, blank=True
    )
    maximum_order_price_amount = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, null=True, blank=True
    )

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["shipping_method", "channel"], name="one_listing_per_method_and_channel"
            ),
            models.CheckConstraint(
                condition=Q(minimum_order_price_amount__isnull=True)
                | Q(minimum_order_price_amount__gte=0),
                name="shipping_listing_minimum_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(minimum_order_price_amount__isnull=True)
                | Q(maximum_order_price_amount__isnull=True)
                | Q(minimum_order_price_amount__lte=F("maximum_order_price_amount")),
                name="shipping_listing_bounds_in_order",
            ),
        ]


class ShippingRate(models.Model):
    """What a method charges for one parcel in a zone and channel, up to `max_weight` kg (no
    bound when null: a price-based method's one rate, or a weight-based method's top slab)."""

    shipping_method = models.ForeignKey(
        ShippingMethod, related_name="rates", on_delete=models.CASCADE
    )
    shipping_zone = models.ForeignKey(ShippingZone, related_name="rates", on_delete=models.CASCADE)
    channel = models.ForeignKey(Channel, related_name="shipping_rates", on_delete=models.CASCADE)
    max_weight = models.DecimalField(
        max_digits=WEIGHT_MAX_DIGITS, decimal_places=WEIGHT_DECIMAL_PLACES, null=True, blank=True
    )
    price_amount = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES
    )
    # The zone's own promise, when it differs from the method's (next day in the district).
    minimum_delivery_days = models.PositiveIntegerField(null=True, blank=True)
    maximum_delivery_days = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ("pk",)
        constraints = [
            # One price per slab: a weight falls in exactly one (the lowest bound at or above it).
            models.UniqueConstraint(
                fields=["shipping_method", "shipping_zone", "channel", "max_weight"],
                name="one_rate_per_slab",
            ),
            models.UniqueConstraint(
                fields=["shipping_method", "shipping_zone", "channel"],
                condition=Q(max_weight__isnull=True),
                name="one_unbounded_rate_per_method_zone_channel",
            ),
            models.CheckConstraint(
                condition=Q(max_weight__isnull=True) | Q(max_weight__gt=0),
                name="shipping_rate_max_weight_positive",
            ),
            models.CheckConstraint(
                condition=Q(price_amount__gte=0), name="shipping_rate_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(minimum_delivery_days__isnull=True)
                | Q(maximum_delivery_days__isnull=True)
                | Q(minimum_delivery_days__lte=F("maximum_delivery_days")),
                name="shipping_rate_delivery_days_in_order",
            ),
        ]

    def __str__(self) -> str:
        bound = f"up to {self.max_weight} kg" if self.max_weight is not None else "any weight"
        return f"{self.shipping_method_id}/{self.shipping_zone_id}: {bound}"
