"""The shop settings in the admin: one row (pk 1), changed through `update_site_settings`;
`SiteSettings.get_current()` creates it, so it is never added here, nor deleted."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from .admin_base import ServiceAdmin, changed_fields
from .models import SiteSettings
from .services import SITE_SETTINGS_FIELDS, update_site_settings


@admin.register(SiteSettings)
class SiteSettingsAdmin(ServiceAdmin):
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
    update_service = staticmethod(update_site_settings)

    def update_through_service(self, request, obj, form):
        return update_site_settings(
            changes=changed_fields(form, tuple(sorted(SITE_SETTINGS_FIELDS)))
        )
