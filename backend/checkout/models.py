"""Saleor's `Checkout` and `CheckoutLine`.

A checkout's id is a UUID (`Checkout:<uuid>`): whoever holds it may read and change it, as in
Saleor, unless it is attached to a customer, who then owns it alone. Prices are not stored: they
are computed from the channel listings when read, and frozen only on the order.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from backend.accounts.models import Address
from backend.catalog.models import ProductVariant
from backend.channels.models import Channel
from backend.core.models import ModelWithMetadata
from backend.inventory.models import Warehouse


class Checkout(ModelWithMetadata):
    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The last change a customer made: expired checkouts are deleted by age from it.
    last_change = models.DateTimeField(auto_now=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="checkouts",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    email = models.EmailField(null=True, blank=True)
    channel = models.ForeignKey(Channel, related_name="checkouts", on_delete=models.PROTECT)
    currency = models.CharField(max_length=3)
    language_code = models.CharField(max_length=35, default="bn")
    billing_address = models.ForeignKey(
        Address, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    shipping_address = models.ForeignKey(
        Address, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    # The chosen delivery: a shipping method (its id as the shipping hooks report it, e.g. a
    # `ShippingMethod` pk or a carrier plugin's id) or a collection point, never both.
    shipping_method_id = models.CharField(max_length=255, blank=True, default="")
    shipping_method_name = models.CharField(max_length=255, blank=True, default="")
    collection_point = models.ForeignKey(
        Warehouse, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    voucher_code = models.CharField(max_length=255, null=True, blank=True)
    customer_note = models.TextField(blank=True, default="")
    # What the checkout's payment transactions have charged, and charged plus authorized with
    # their pending amounts (Saleor's basis for a checkout's authorize status); kept by the
    # payment domain under the checkout's row lock.
    total_charged_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    total_authorized_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)

    class Meta:
        ordering = ("-last_change", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(shipping_method_id="") | Q(collection_point__isnull=True),
                name="checkout_one_delivery_method",
            )
        ]

    def __str__(self) -> str:
        return str(self.token)


class CheckoutLine(ModelWithMetadata):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    checkout = models.ForeignKey(Checkout, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey(
        ProductVariant, related_name="checkout_lines", on_delete=models.CASCADE
    )
    quantity = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="checkout_line_quantity_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.variant_id}"
