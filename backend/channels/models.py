"""Saleor's `Channel`: a market with its currency and country (Haat's default is `bd`, BDT), and
its checkout, order and stock settings (Saleor's `checkoutSettings`, `orderSettings`,
`stockSettings`)."""

from __future__ import annotations

from django.db import models


class MarkAsPaidStrategy(models.TextChoices):
    TRANSACTION_FLOW = "transaction_flow"
    PAYMENT_FLOW = "payment_flow"


class AllocationStrategy(models.TextChoices):
    PRIORITIZE_SORTING_ORDER = "prioritize_sorting_order"
    PRIORITIZE_HIGH_STOCK = "prioritize_high_stock"


class Channel(models.Model):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    currency_code = models.CharField(max_length=3, default="BDT")
    default_country = models.CharField(max_length=2, default="BD")
    is_active = models.BooleanField(default=True)

    # Checkout settings. Stock is reserved for a checkout's lines for this many minutes while the
    # customer checks out (null: no reservations, the first to complete gets the stock).
    reserve_stock_duration_minutes = models.PositiveIntegerField(null=True, blank=True, default=10)
    automatically_complete_fully_paid_checkouts = models.BooleanField(default=False)

    # Order settings. Cash on delivery and cash at the centre are Bangladesh's commonest ways to
    # pay, so unpaid orders are allowed by default.
    allow_unpaid_orders = models.BooleanField(default=True)
    automatically_confirm_all_new_orders = models.BooleanField(default=True)
    expire_orders_after_minutes = models.PositiveIntegerField(null=True, blank=True)
    delete_expired_orders_after_days = models.PositiveIntegerField(default=60)
    mark_as_paid_strategy = models.CharField(
        max_length=32,
        choices=MarkAsPaidStrategy.choices,
        default=MarkAsPaidStrategy.TRANSACTION_FLOW,
    )
    include_draft_order_in_voucher_usage = models.BooleanField(default=False)

    # Stock settings.
    allocation_strategy = models.CharField(
        max_length=32,
        choices=AllocationStrategy.choices,
        default=AllocationStrategy.PRIORITIZE_SORTING_ORDER,
    )

    class Meta:
        ordering = ("slug",)
        permissions = (("manage_channels", "Manage channels."),)

    def __str__(self) -> str:
        return self.slug
