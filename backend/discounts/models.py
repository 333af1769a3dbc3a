"""Vouchers, named as in Saleor: a voucher holds the rules, its codes are what shoppers type, its
channel listings hold the value per channel, and `VoucherCustomer` remembers who used a code
that may be used once per customer."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from backend.catalog.models import Category, Collection, Product, ProductVariant
from backend.channels.models import Channel
from backend.core.models import ModelWithMetadata
from backend.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from backend.marketplace.models import Vendor


class VoucherType(models.TextChoices):
    """Saleor's VoucherTypeEnum: what the voucher takes money off."""

    ENTIRE_ORDER = "ENTIRE_ORDER", "Entire order"
    SHIPPING = "SHIPPING", "Shipping"
    SPECIFIC_PRODUCT = "SPECIFIC_PRODUCT", "Specific products"


class DiscountValueType(models.TextChoices):
    """Saleor's DiscountValueTypeEnum: an amount of money, or a percentage."""

    FIXED = "FIXED", "Fixed amount"
    PERCENTAGE = "PERCENTAGE", "Percentage"


class Voucher(ModelWithMetadata):
    name = models.CharField(max_length=255, blank=True, null=True)
    type = models.CharField(
        max_length=20, choices=VoucherType.choices, default=VoucherType.ENTIRE_ORDER
    )
    discount_value_type = models.CharField(
        max_length=10, choices=DiscountValueType.choices, default=DiscountValueType.FIXED
    )
    start_date = models.DateTimeField(default=timezone.now)
    end_date = models.DateTimeField(null=True, blank=True)
    # How many times each of its codes may be used (Saleor counts per code); null: no limit.
    usage_limit = models.PositiveIntegerField(null=True, blank=True)
    apply_once_per_order = models.BooleanField(default=False)
    apply_once_per_customer = models.BooleanField(default=False)
    single_use = models.BooleanField(default=False)
    only_for_staff = models.BooleanField(default=False)
    min_checkout_items_quantity = models.PositiveIntegerField(null=True, blank=True)
    products = models.ManyToManyField(Product, blank=True, related_name="vouchers")
    variants = models.ManyToManyField(ProductVariant, blank=True, related_name="vouchers")
    collections = models.ManyToManyField(Collection, blank=True, related_name="vouchers")
    categories = models.ManyToManyField(Category, blank=True, related_name="vouchers")
    # Haat's addition: a vendor's whole range (every product belongs to one vendor).
    vendors = models.ManyToManyField(Vendor, blank=True, related_name="vouchers")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="voucher_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(usage_limit__isnull=True) | Q(usage_limit__gte=1),
                name="voucher_usage_limit_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"voucher {self.pk}"

    @property
    def effective_usage_limit(self) -> int | None:
        """How many times a code may be used: a single-use voucher's codes once each."""
        if self.single_use:
            return 1 if self.usage_limit is None else min(1, self.usage_limit)
        return self.usage_limit


class VoucherCode(models.Model):
    code = models.CharField(max_length=255)
    used = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    voucher = models.ForeignKey(Voucher, related_name="codes", on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            # Shoppers type codes in any case: EID10 and eid10 are one code.
            models.UniqueConstraint(Lower("code"), name="voucher_code_unique_ignoring_case"),
            models.CheckConstraint(condition=Q(used__gte=0), name="voucher_code_used_not_negative"),
        ]

    def __str__(self) -> str:
        return self.code


class VoucherChannelListing(models.Model):
    voucher = models.ForeignKey(Voucher, related_name="channel_listings", on_delete=models.CASCADE)
    channel = models.ForeignKey(Channel, related_name="voucher_listings", on_delete=models.CASCADE)
    # Money for a FIXED voucher, a percentage (at most 100, checked by the services) otherwise.
    discount_value = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES
    )
    currency = models.CharField(max_length=3)
    min_spent_amount = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, null=True, blank=True
    )

    class Meta:
        ordering = ("pk",)
        unique_together = (("voucher", "channel"),)
        constraints = [
            models.CheckConstraint(
                condition=Q(discount_value__gte=0), name="voucher_discount_value_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(min_spent_amount__isnull=True) | Q(min_spent_amount__gte=0),
                name="voucher_min_spent_not_negative",
            ),
        ]


class VoucherCustomer(models.Model):
    """A customer who used a code of a once-per-customer voucher; the unique key decides races."""

    voucher_code = models.ForeignKey(
        VoucherCode, related_name="customers", on_delete=models.CASCADE
    )
    # The customer's e-mail, or phone when they have no e-mail, lower-cased.
    customer_key = models.CharField(max_length=254)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)
        unique_together = (("voucher_code", "customer_key"),)
