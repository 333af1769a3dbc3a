"""Saleor's `Order`, `OrderLine`, `OrderEvent`, `Fulfillment` and Haat's `VendorOrder`.

An order's id is a UUID (`Order:<uuid>`), so the guest who just completed a checkout can read it;
its `number` is the short serial people quote. Prices are frozen at sale time: gross (what the
customer pays, VAT included) and net per line, per vendor part and in total.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from backend.accounts.models import Address
from backend.apps.models import App
from backend.catalog.models import ProductVariant
from backend.channels.models import Channel
from backend.core.models import ModelWithMetadata
from backend.inventory.models import Stock, Warehouse
from backend.marketplace.models import Vendor
from backend.places.models import Centre

ZERO = Decimal(0)


class OrderStatus(models.TextChoices):
    """Saleor's OrderStatus (its values, too)."""

    DRAFT = "draft"
    UNCONFIRMED = "unconfirmed"
    UNFULFILLED = "unfulfilled"
    PARTIALLY_FULFILLED = "partially fulfilled"
    PARTIALLY_RETURNED = "partially returned"
    RETURNED = "returned"
    FULFILLED = "fulfilled"
    CANCELED = "canceled"
    EXPIRED = "expired"


class OrderOrigin(models.TextChoices):
    CHECKOUT = "checkout"
    DRAFT = "draft"
    REISSUE = "reissue"
    BULK_CREATE = "bulk_create"


class ChargeStatus(models.TextChoices):
    """Saleor's OrderChargeStatusEnum and CheckoutChargeStatusEnum."""

    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"
    OVERCHARGED = "overcharged"


class AuthorizeStatus(models.TextChoices):
    """Saleor's OrderAuthorizeStatusEnum and CheckoutAuthorizeStatusEnum."""

    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"


class Order(ModelWithMetadata):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.PositiveIntegerField(unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    status = models.CharField(
        max_length=32, choices=OrderStatus.choices, default=OrderStatus.UNFULFILLED
    )
    origin = models.CharField(
        max_length=32, choices=OrderOrigin.choices, default=OrderOrigin.CHECKOUT
    )
    channel = models.ForeignKey(Channel, related_name="orders", on_delete=models.PROTECT)
    # Completing a checkout twice must not place two orders: the token is unique.
    checkout_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="orders",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    user_email = models.EmailField(blank=True, default="")
    # Rural customers are known by their mobile number (E.164), often without an e-mail.
    customer_phone = models.CharField(max_length=16, blank=True, default="", db_index=True)
    language_code = models.CharField(max_length=35, default="bn")
    customer_note = models.TextField(blank=True, default="")
    billing_address = models.ForeignKey(
        Address, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    shipping_address = models.ForeignKey(
        Address, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    shipping_method_id = models.CharField(max_length=255, blank=True, default="")
    shipping_method_name = models.CharField(max_length=255, blank=True, default="")
    collection_point = models.ForeignKey(
        Warehouse, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    collection_point_name = models.CharField(max_length=255, blank=True, default="")
    # The centre the order belongs to: its collection point's centre, or (with assisted
    # ordering) the centre that placed it.
    centre = models.ForeignKey(
        Centre, related_name="orders", null=True, blank=True, on_delete=models.SET_NULL
    )
    currency = models.CharField(max_length=3)
    subtotal_net_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    subtotal_gross_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    shipping_price_net_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    shipping_price_gross_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    shipping_tax_rate = models.DecimalField(max_digits=5, decimal_places=4, default=ZERO)
    undiscounted_total_net_amount = models.DecimalField(
        max_digits=12, decimal_places=2, default=ZERO
    )
    undiscounted_total_gross_amount = models.DecimalField(
        max_digits=12, decimal_places=2, default=ZERO
    )
    total_net_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    total_gross_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    total_charged_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    total_authorized_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    charge_status = models.CharField(
        max_length=32, choices=ChargeStatus.choices, default=ChargeStatus.NONE
    )
    authorize_status = models.CharField(
        max_length=32, choices=AuthorizeStatus.choices, default=AuthorizeStatus.NONE
    )
    voucher_code = models.CharField(max_length=255, blank=True, default="")
    discount_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    discount_name = models.CharField(max_length=255, blank=True, default="")
    weight = models.DecimalField(max_digits=10, decimal_places=3, default=ZERO)  # kg

    class Meta:
        ordering = ("-number",)
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_gross_amount__gte=0), name="order_total_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(total_net_amount__lte=F("total_gross_amount")),
                name="order_net_within_gross",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.number}"


class VendorOrder(models.Model):
    """One vendor's part of an order: its lines, parcel and status. A vendor sees and acts on
    only its own part."""

    order = models.ForeignKey(Order, related_name="vendor_orders", on_delete=models.CASCADE)
    vendor = models.ForeignKey(Vendor, related_name="vendor_orders", on_delete=models.PROTECT)
    status = models.CharField(
        max_length=32, choices=OrderStatus.choices, default=OrderStatus.UNFULFILLED
    )
    currency = models.CharField(max_length=3)
    subtotal_net_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    subtotal_gross_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    shipping_price_net_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    shipping_price_gross_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    total_net_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    total_gross_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    weight = models.DecimalField(max_digits=10, decimal_places=3, default=ZERO)

    class Meta:
        ordering = ("order", "vendor")
        constraints = [
            models.UniqueConstraint(fields=["order", "vendor"], name="vendor_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.order} / {self.vendor_id}"


class OrderLine(ModelWithMetadata):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(Order, related_name="lines", on_delete=models.CASCADE)
    vendor_order = models.ForeignKey(VendorOrder, related_name="lines", on_delete=models.CASCADE)
    vendor = models.ForeignKey(Vendor, related_name="order_lines", on_delete=models.PROTECT)
    variant = models.ForeignKey(
        ProductVariant,
        related_name="order_lines",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # What was sold, as it was called then.
    product_name = models.CharField(max_length=386)
    variant_name = models.CharField(max_length=255, blank=True, default="")
    translated_product_name = models.CharField(max_length=386, blank=True, default="")
    translated_variant_name = models.CharField(max_length=255, blank=True, default="")
    product_sku = models.CharField(max_length=255, null=True, blank=True)
    product_variant_id = models.CharField(max_length=255, null=True, blank=True)
    is_shipping_required = models.BooleanField(default=True)
    quantity = models.PositiveIntegerField()
    quantity_fulfilled = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3)
    unit_price_net_amount = models.DecimalField(max_digits=12, decimal_places=2)
    unit_price_gross_amount = models.DecimalField(max_digits=12, decimal_places=2)
    undiscounted_unit_price_net_amount = models.DecimalField(max_digits=12, decimal_places=2)
    undiscounted_unit_price_gross_amount = models.DecimalField(max_digits=12, decimal_places=2)
    total_price_net_amount = models.DecimalField(max_digits=12, decimal_places=2)
    total_price_gross_amount = models.DecimalField(max_digits=12, decimal_places=2)
    undiscounted_total_price_net_amount = models.DecimalField(max_digits=12, decimal_places=2)
    undiscounted_total_price_gross_amount = models.DecimalField(max_digits=12, decimal_places=2)
    unit_discount_amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    unit_discount_reason = models.TextField(blank=True, default="")
    tax_rate = models.DecimalField(max_digits=5, decimal_places=4, default=ZERO)

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="order_line_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(quantity_fulfilled__lte=F("quantity")),
                name="order_line_fulfilled_within_quantity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.product_name}"


class OrderEvents(models.TextChoices):
    """Saleor's OrderEventsEnum values Haat records (Saleor's lower-case values)."""

    DRAFT_CREATED = "draft_created"
    ADDED_PRODUCTS = "added_products"
    REMOVED_PRODUCTS = "removed_products"
    PLACED = "placed"
    PLACED_FROM_DRAFT = "placed_from_draft"
    CANCELED = "canceled"
    EXPIRED = "expired"
    ORDER_MARKED_AS_PAID = "order_marked_as_paid"
    ORDER_FULLY_PAID = "order_fully_paid"
    UPDATED_ADDRESS = "updated_address"
    EMAIL_SENT = "email_sent"
    CONFIRMED = "confirmed"
    FULFILLMENT_CANCELED = "fulfillment_canceled"
    FULFILLMENT_RESTOCKED_ITEMS = "fulfillment_restocked_items"
    FULFILLMENT_FULFILLED_ITEMS = "fulfillment_fulfilled_items"
    TRACKING_UPDATED = "tracking_updated"
    NOTE_ADDED = "note_added"
    NOTE_UPDATED = "note_updated"
    OTHER = "other"


class OrderEvent(models.Model):
    """The order's audit timeline; append-only. `parameters` hold the event's details (message,
    lines, amount, transaction reference, e-mail/SMS kind...) as Saleor's OrderEvent fields."""

    order = models.ForeignKey(Order, related_name="events", on_delete=models.CASCADE)
    date = models.DateTimeField(auto_now_add=True, db_index=True)
    type = models.CharField(max_length=255, choices=OrderEvents.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    app = models.ForeignKey(App, related_name="+", null=True, blank=True, on_delete=models.SET_NULL)
    parameters = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("date", "pk")

    def __str__(self) -> str:
        return f"{self.type} ({self.order_id})"


class FulfillmentStatus(models.TextChoices):
    FULFILLED = "fulfilled"
    REFUNDED = "refunded"
    RETURNED = "returned"
    REPLACED = "replaced"
    REFUNDED_AND_RETURNED = "refunded_and_returned"
    CANCELED = "canceled"
    WAITING_FOR_APPROVAL = "waiting_for_approval"


class Fulfillment(ModelWithMetadata):
    """A parcel (or hand-over) of one vendor's lines."""

    order = models.ForeignKey(Order, related_name="fulfillments", on_delete=models.CASCADE)
    vendor_order = models.ForeignKey(
        VendorOrder, related_name="fulfillments", on_delete=models.CASCADE
    )
    fulfillment_order = models.PositiveIntegerField(editable=False)
    status = models.CharField(
        max_length=32, choices=FulfillmentStatus.choices, default=FulfillmentStatus.FULFILLED
    )
    tracking_number = models.CharField(max_length=255, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["order", "fulfillment_order"], name="fulfillment_order_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order}-{self.fulfillment_order}"


class FulfillmentLine(models.Model):
    fulfillment = models.ForeignKey(Fulfillment, related_name="lines", on_delete=models.CASCADE)
    order_line = models.ForeignKey(
        OrderLine, related_name="fulfillment_lines", on_delete=models.CASCADE
    )
    quantity = models.PositiveIntegerField()
    stock = models.ForeignKey(
        Stock, related_name="fulfillment_lines", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="fulfillment_line_quantity_positive"
            )
        ]
