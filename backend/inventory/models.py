"""Stock lives in warehouses: a vendor's store room, or a centre acting as a collection point."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from backend.catalog.models import ProductVariant
from backend.channels.models import Channel
from backend.core.models import ModelWithMetadata
from backend.marketplace.models import Vendor
from backend.places.models import Centre, District, PostOffice


class ClickAndCollectOption(models.TextChoices):
    DISABLED = "disabled"
    LOCAL_STOCK = "local"
    ALL_WAREHOUSES = "all"


class Warehouse(ModelWithMetadata):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    vendor = models.ForeignKey(
        Vendor, related_name="warehouses", null=True, blank=True, on_delete=models.CASCADE
    )
    centre = models.OneToOneField(
        Centre, related_name="warehouse", null=True, blank=True, on_delete=models.CASCADE
    )
    email = models.EmailField(blank=True, default="")
    street_address = models.CharField(max_length=256, blank=True)
    district = models.ForeignKey(
        District, related_name="warehouses", null=True, blank=True, on_delete=models.PROTECT
    )
    post_office = models.ForeignKey(
        PostOffice, related_name="warehouses", null=True, blank=True, on_delete=models.PROTECT
    )
    click_and_collect_option = models.CharField(
        max_length=30,
        choices=ClickAndCollectOption.choices,
        default=ClickAndCollectOption.DISABLED,
    )
    is_private = models.BooleanField(default=True)
    channels = models.ManyToManyField(Channel, related_name="warehouses", blank=True)
    external_reference = models.CharField(max_length=250, unique=True, blank=True, null=True)

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class Stock(models.Model):
    warehouse = models.ForeignKey(Warehouse, related_name="stocks", on_delete=models.CASCADE)
    product_variant = models.ForeignKey(
        ProductVariant, related_name="stocks", on_delete=models.CASCADE
    )
    quantity = models.IntegerField(default=0)
    quantity_allocated = models.IntegerField(default=0)

    class Meta:
        unique_together = (("warehouse", "product_variant"),)
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=0), name="stock_quantity_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(quantity_allocated__gte=0), name="stock_allocated_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(quantity_allocated__lte=F("quantity")),
                name="stock_allocated_within_quantity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_variant} @ {self.warehouse}: {self.quantity}"


class Reservation(models.Model):
    """Stock held for a checkout line while its customer checks out, until `reserved_until`.

    The checkout line is named by string: checkout sits above inventory in the layers, and the
    inventory never imports it."""

    checkout_line = models.ForeignKey(
        "checkout.CheckoutLine", related_name="reservations", on_delete=models.CASCADE
    )
    stock = models.ForeignKey(Stock, related_name="reservations", on_delete=models.CASCADE)
    quantity_reserved = models.PositiveIntegerField(default=0)
    reserved_until = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["checkout_line", "stock"], name="reservation_line_stock_unique"
            )
        ]


class Allocation(models.Model):
    """Stock set aside for an order line until it is fulfilled or the order is cancelled; the
    sum over a stock's allocations is its `quantity_allocated`."""

    order_line = models.ForeignKey(
        "orders.OrderLine", related_name="allocations", on_delete=models.CASCADE
    )
    stock = models.ForeignKey(Stock, related_name="allocations", on_delete=models.CASCADE)
    quantity_allocated = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["order_line", "stock"], name="allocation_line_stock_unique"
            )
        ]
