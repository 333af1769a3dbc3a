"""Saleor's `TransactionItem` and `TransactionEvent`, and the inbox of gateway callbacks.

A transaction's amounts change in one place (`events.record_event`), under its row lock, as
events arrive; every settling event is unique per transaction, type and gateway reference, so a
callback delivered twice is recorded once.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from backend.core.models import ModelWithMetadata

from .enums import ONCE_PER_REFERENCE, TransactionEventType

ZERO = 0

AMOUNT_FIELDS = (
    "authorized_value",
    "authorize_pending_value",
    "charged_value",
    "charge_pending_value",
    "refunded_value",
    "refund_pending_value",
    "canceled_value",
    "cancel_pending_value",
)


def _money() -> models.DecimalField:
    return models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)


class TransactionItem(ModelWithMetadata):
    """One payment attempt through one gateway (or app) for a checkout or an order."""

    token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    name = models.CharField(max_length=512, blank=True, default="")
    message = models.CharField(max_length=512, blank=True, default="")
    # The gateway's own id of the payment (bKash paymentID, SSLCommerz tran_id, ...).
    psp_reference = models.CharField(max_length=512, blank=True, default="")
    available_actions = models.JSONField(default=list, blank=True)
    currency = models.CharField(max_length=3)
    authorized_value = _money()
    authorize_pending_value = _money()
    charged_value = _money()
    charge_pending_value = _money()
    refunded_value = _money()
    refund_pending_value = _money()
    canceled_value = _money()
    cancel_pending_value = _money()
    external_url = models.URLField(max_length=1000, blank=True, default="")
    checkout = models.ForeignKey(
        "checkout.Checkout",
        related_name="payment_transactions",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    order = models.ForeignKey(
        "orders.Order",
        related_name="payment_transactions",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    # The gateway plugin's id (or the app's identifier) that owns it: only it is asked to act.
    app_identifier = models.CharField(max_length=256, blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    app = models.ForeignKey(
        "apps.App", related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    idempotency_key = models.CharField(max_length=512, null=True, blank=True)
    # The customer's IP when the storefront started it (gateways such as Nagad want it).
    customer_ip_address = models.GenericIPAddressField(null=True, blank=True)
    # The gateway's last answer to the storefront (`data`), repeated for the same idempotency key.
    session_data = models.JSONField(null=True, blank=True)
    # While a session waits for the customer (a payment page) the gateway is asked about it
    # until then: a payment whose notification was lost is still found.
    status_check_until = models.DateTimeField(null=True, blank=True)
    # When the gateway is next asked about a pending amount or a waiting session (checks.py).
    next_status_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["app_identifier", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="transaction_idempotency_key_unique",
            ),
            # One gateway payment belongs to one transaction: it cannot be credited twice.
            models.UniqueConstraint(
                fields=["app_identifier", "psp_reference"],
                condition=~Q(psp_reference="") & ~Q(app_identifier=""),
                name="transaction_psp_reference_unique",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 0}), name=f"transaction_{name}_not_negative"
                )
                for name in AMOUNT_FIELDS
            ],
        ]
        indexes = [models.Index(fields=["psp_reference"])]

    def __str__(self) -> str:
        return f"{self.name or self.app_identifier} {self.token}"


class TransactionEvent(models.Model):
    """What happened to a transaction: a request, a gateway's result, or information."""

    transaction = models.ForeignKey(
        TransactionItem, related_name="events", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    type = models.CharField(max_length=128, choices=TransactionEventType.choices)
    amount_value = _money()
    currency = models.CharField(max_length=3)
    psp_reference = models.CharField(max_length=512, blank=True, default="")
    message = models.CharField(max_length=512, blank=True, default="")
    external_url = models.URLField(max_length=1000, blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    app = models.ForeignKey(
        "apps.App", related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    app_identifier = models.CharField(max_length=256, blank=True, default="")
    idempotency_key = models.CharField(max_length=512, null=True, blank=True)
    # False for the record of a session request whose amount the gateway's answer decides.
    include_in_calculations = models.BooleanField(default=True)
    # The granted refund a refund request (and its outcome) was made for.
    related_granted_refund = models.ForeignKey(
        "OrderGrantedRefund",
        related_name="transaction_events",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["transaction", "type", "psp_reference"],
                condition=Q(type__in=sorted(ONCE_PER_REFERENCE)) & ~Q(psp_reference=""),
                name="transaction_event_settles_once",
            ),
            models.CheckConstraint(
                condition=Q(amount_value__gte=0), name="transaction_event_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.amount_value} {self.currency}"


class PaymentNotification(models.Model):
    """A gateway's callback or IPN exactly as it arrived, stored before anything acts on it.

    `dedupe_key` is the gateway's own id of the message (an SNS MessageId, a Stripe event id, a
    hash of the body where there is none): a redelivery finds the row and is not processed again.
    """

    gateway = models.CharField(max_length=256)
    dedupe_key = models.CharField(max_length=512)
    received_at = models.DateTimeField(auto_now_add=True)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=1000, blank=True, default="")
    query_string = models.TextField(blank=True, default="")
    headers = models.JSONField(default=dict, blank=True)
    body = models.BinaryField(blank=True, default=b"")
    remote_address = models.GenericIPAddressField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    # accepted, rejected (forged, tampered, unknown) or failed (to be tried again)
    outcome = models.CharField(max_length=32, blank=True, default="")
    detail = models.TextField(blank=True, default="")
    transaction = models.ForeignKey(
        TransactionItem,
        related_name="notifications",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        ordering = ("received_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["gateway", "dedupe_key"], name="payment_notification_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gateway} {self.dedupe_key}"


class GrantedRefundStatus(models.TextChoices):
    """Saleor's OrderGrantedRefundStatusEnum: nothing asked yet, the refund requested, the
    gateway's yes or its no."""

    NONE = "NONE"
    PENDING = "PENDING"
    SUCCESS = "SUCCESS"
    FAILURE = "FAILURE"


class OrderGrantedRefund(models.Model):
    """A refund staff granted the customer: it lowers what the order is owed, and is sent to
    a transaction with `transactionRequestRefundForGrantedRefund`."""

    order = models.ForeignKey(
        "orders.Order", related_name="granted_refunds", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    amount_value = _money()
    currency = models.CharField(max_length=3)
    reason = models.TextField(blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    app = models.ForeignKey(
        "apps.App", related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    shipping_costs_included = models.BooleanField(default=False)
    status = models.CharField(
        max_length=16, choices=GrantedRefundStatus.choices, default=GrantedRefundStatus.NONE
    )
    transaction_item = models.ForeignKey(
        TransactionItem, related_name="granted_refunds", on_delete=models.PROTECT
    )

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_value__gt=0), name="granted_refund_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {self.amount_value} {self.currency}"


class OrderGrantedRefundLine(models.Model):
    granted_refund = models.ForeignKey(
        OrderGrantedRefund, related_name="lines", on_delete=models.CASCADE
    )
    order_line = models.ForeignKey("orders.OrderLine", related_name="+", on_delete=models.CASCADE)
    quantity = models.PositiveIntegerField()
    reason = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("pk",)
