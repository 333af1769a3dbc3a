"""Checkouts are the customers' own: the admin lists them for support and never edits them (the
checkout services are their one write path)."""

from __future__ import annotations

from django.contrib import admin

from backend.core.admin_base import ReadOnlyAdmin, ReadOnlyInline, register_read_only

from .models import Checkout, CheckoutLine


class CheckoutLineInline(ReadOnlyInline):
    model = CheckoutLine
    fields = ("variant", "quantity", "created_at")
    readonly_fields = fields


@admin.register(Checkout)
class CheckoutAdmin(ReadOnlyAdmin):
    list_display = ("token", "channel", "user", "email", "last_change")
    list_filter = ("channel",)
    search_fields = ("email", "user__phone", "user__email", "voucher_code")
    list_select_related = ("channel", "user")
    inlines = (CheckoutLineInline,)


register_read_only(
    CheckoutLine,
    search_fields=("variant__sku", "variant__name"),
    list_filter=("checkout__channel",),
)
