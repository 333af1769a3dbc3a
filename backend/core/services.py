"""Writes for the shop's settings: the single `SiteSettings` row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from .cache_version import bump_catalog_version
from .errors import field_error
from .models import SiteSettings

SITE_SETTINGS_FIELDS = frozenset(
    {
        "name",
        "name_bn",
        "description",
        "domain",
        "header_text",
        "default_mail_sender_name",
        "default_mail_sender_address",
        "customer_set_password_url",
        "enable_account_confirmation_by_email",
        "allow_login_without_confirmation",
        "track_inventory_by_default",
        "default_weight_unit",
        "limit_quantity_per_checkout",
    }
)


@transaction.atomic
def update_site_settings(*, changes: Mapping[str, Any]) -> SiteSettings:
    """Set the given fields of the settings row (created on first use), checked by the model's
    field rules. Cached storefront answers (the shop's name, its domain) and the cached settings
    (`SiteSettings.get_current`, through the row's save signal) become stale."""
    unknown = sorted(set(changes) - SITE_SETTINGS_FIELDS)
    if unknown:
        raise field_error(None, f"Unknown settings: {', '.join(unknown)}.", "invalid")
    SiteSettings.objects.get_or_create(pk=1)
    site = SiteSettings.objects.select_for_update().get(pk=1)
    for name, value in changes.items():
        setattr(site, name, value)
    site.full_clean()
    if changes:
        site.save(update_fields=list(changes))
    bump_catalog_version()
    return site
