"""Payments in the back office: read-only pages. Transactions change only through the payment
domain (sessions, staff actions, gateways' notifications), which keeps amounts, locks and the
order's totals in step; the inbox shows every callback as it arrived and what became of it."""

from __future__ import annotations

from django.contrib import admin

from backend.core.admin_base import ReadOnlyAdmin, ReadOnlyInline, register_read_only

from .models import (
    OrderGrantedRefund,
    OrderGrantedRefundLine,
    PaymentNotification,
    TransactionEvent,
    TransactionItem,
)


class TransactionEventInline(ReadOnlyInline):
    model = TransactionEvent
    fk_name = "transaction"
    fields = ("created_at", "type", "amount_value", "psp_reference", "message")
    readonly_fields = fields


@admin.register(TransactionItem)
class TransactionItemAdmin(ReadOnlyAdmin):
    list_display = (
        "token",
        "app_identifier",
        "psp_reference",
        "charged_value",
        "refunded_value",
        "authorized_value",
        "created_at",
    )
    list_filter = ("app_identifier", "currency")
    search_fields = ("token", "psp_reference", "order__number", "name")
    inlines = (TransactionEventInline,)


@admin.register(PaymentNotification)
class PaymentNotificationAdmin(ReadOnlyAdmin):
    list_display = ("received_at", "gateway", "method", "path", "outcome", "detail")
    list_filter = ("gateway", "outcome")
    search_fields = ("dedupe_key", "detail", "path")
    exclude = ("body",)
    readonly_fields = ("body_text",)

    @admin.display(description="body")
    def body_text(self, notification: PaymentNotification) -> str:
        return bytes(notification.body).decode("utf-8", errors="replace")


register_read_only(
    TransactionEvent,
    search_fields=("psp_reference", "transaction__token", "message"),
    list_filter=("type",),
)
register_read_only(
    OrderGrantedRefund, search_fields=("order__number", "reason"), list_filter=("status",)
)
register_read_only(
    OrderGrantedRefundLine,
    search_fields=("granted_refund__order__number", "order_line__product_name"),
    list_filter=("granted_refund__status",),
)
