"""A vendor is an entrepreneur's shop at a centre; only approved vendors' products are shown."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from backend.core.models import ModelWithMetadata
from backend.places.models import Centre


class VendorStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    SUSPENDED = "suspended", "Suspended"


class Vendor(ModelWithMetadata):
    name = models.CharField(max_length=200)
    name_bn = models.CharField(max_length=200, blank=True)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    description = models.TextField(blank=True, default="")
    centre = models.ForeignKey(Centre, related_name="vendors", on_delete=models.PROTECT)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="vendors", on_delete=models.PROTECT
    )
    status = models.CharField(
        max_length=16, choices=VendorStatus.choices, default=VendorStatus.PENDING, db_index=True
    )
    # Share of each sale kept by the platform, 0.0000-1.0000 (e.g. 0.0500 = 5 %).
    commission_rate = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.0500"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    phone = models.CharField(max_length=16, blank=True)
    email = models.EmailField(blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "pk")
        permissions = (("manage_vendors", "Manage vendors."),)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(commission_rate__gte=0) & models.Q(commission_rate__lte=1),
                name="vendor_commission_rate_between_0_and_1",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == VendorStatus.APPROVED
