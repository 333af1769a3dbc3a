"""The shop settings in the admin: one row (pk 1), edited in place, never added again or deleted."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from .models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    list_display = ("name", "name_bn", "domain", "default_weight_unit")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        ("Shop", {"fields": ("name", "name_bn", "description", "domain", "header_text")}),
        ("E-mail", {"fields": ("default_mail_sender_name", "default_mail_sender_address")}),
        (
            "Accounts",
            {
                "fields": (
                    "customer_set_password_url",
                    "enable_account_confirmation_by_email",
                    "allow_login_without_confirmation",
                )
            },
        ),
        (
            "Catalogue and checkout",
            {
                "fields": (
                    "track_inventory_by_default",
                    "default_weight_unit",
                    "limit_quantity_per_checkout",
                )
            },
        ),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        # `SiteSettings.get_current()` creates the single row; a second one would never be read.
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: SiteSettings | None = None) -> bool:
        return False
