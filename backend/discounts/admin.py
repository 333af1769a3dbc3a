"""Vouchers in the admin: created, changed and deleted through `backend.discounts.services`.

Codes are added on the voucher's form; counters, channel values and customers are shown
read-only (channel values are set through `voucherChannelListingUpdate`)."""

from __future__ import annotations

import re

from django import forms
from django.contrib import admin

from backend.core.admin_base import ReadOnlyInline, ServiceAdmin, register_read_only

from .models import Voucher, VoucherChannelListing, VoucherCode, VoucherCustomer
from .services import create_voucher, delete_voucher, update_voucher

_CHANGEABLE = (
    "name",
    "type",
    "discount_value_type",
    "start_date",
    "end_date",
    "usage_limit",
    "apply_once_per_order",
    "apply_once_per_customer",
    "single_use",
    "only_for_staff",
    "min_checkout_items_quantity",
    "products",
    "variants",
    "collections",
    "categories",
    "vendors",
)


class VoucherCodeInline(ReadOnlyInline):
    model = VoucherCode
    fields = ("code", "used", "is_active", "created_at")
    readonly_fields = fields


class VoucherChannelListingInline(ReadOnlyInline):
    model = VoucherChannelListing
    fields = ("channel", "discount_value", "currency", "min_spent_amount")
    readonly_fields = fields


class VoucherForm(forms.ModelForm):
    add_codes = forms.CharField(
        required=False,
        help_text="Codes to add, separated by commas or spaces (a new voucher without one gets "
        "a random code).",
    )

    class Meta:
        model = Voucher
        fields = _CHANGEABLE


def _codes(form: forms.BaseForm) -> list[str]:
    return [code for code in re.split(r"[,\s]+", form.cleaned_data.get("add_codes") or "") if code]


@admin.register(Voucher)
class VoucherAdmin(ServiceAdmin):
    form = VoucherForm
    list_display = ("name", "type", "discount_value_type", "start_date", "end_date", "usage_limit")
    list_filter = ("type", "discount_value_type", "apply_once_per_customer", "only_for_staff")
    search_fields = ("name", "codes__code")
    autocomplete_fields = ("products", "variants", "collections", "categories", "vendors")
    inlines = (VoucherCodeInline, VoucherChannelListingInline)
    create_service = staticmethod(create_voucher)
    update_service = staticmethod(update_voucher)
    delete_service = staticmethod(delete_voucher)

    def get_fields(self, request, obj=None):
        return (*_CHANGEABLE, "add_codes")

    def create_through_service(self, request, form):
        data = form.cleaned_data
        return create_voucher(
            codes=_codes(form),
            codes_field="add_codes",
            **{name: data[name] for name in _CHANGEABLE},
        )

    def update_through_service(self, request, obj, form):
        changed = {name: form.cleaned_data[name] for name in _CHANGEABLE}
        return update_voucher(
            voucher=obj, add_codes=_codes(form), codes_field="add_codes", **changed
        )

    def delete_through_service(self, request, obj):
        delete_voucher(voucher=obj)


register_read_only(VoucherCode, search_fields=("code",), list_filter=("is_active",))
register_read_only(
    VoucherChannelListing, search_fields=("voucher__name",), list_filter=("channel",)
)
register_read_only(
    VoucherCustomer, search_fields=("customer_key", "voucher_code__code"), list_filter=()
)
