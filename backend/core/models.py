"""Base models shared by the domain apps, and the shop's own settings."""

from __future__ import annotations

from django.db import models

from .config_cache import ConfigCache


class ModelWithMetadata(models.Model):
    """Saleor's public and private metadata: free key-value pairs for apps and integrations."""

    metadata = models.JSONField(default=dict, blank=True)
    private_metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True


class SortableModel(models.Model):
    sort_order = models.IntegerField(default=0, db_index=True)

    class Meta:
        abstract = True


class SiteSettings(models.Model):
    """The one shop: what Saleor's `shop` query reports. Also holds shop-wide permissions."""

    name = models.CharField(max_length=200, default="Haat")
    name_bn = models.CharField(max_length=200, default="হাট")
    description = models.CharField(max_length=500, blank=True, default="")
    domain = models.CharField(max_length=200, default="127.0.0.1:8000")
    header_text = models.CharField(max_length=200, blank=True, default="")
    default_mail_sender_name = models.CharField(max_length=200, blank=True, default="Haat")
    default_mail_sender_address = models.EmailField(blank=True, default="")
    customer_set_password_url = models.URLField(blank=True, default="")
    track_inventory_by_default = models.BooleanField(default=True)
    default_weight_unit = models.CharField(max_length=10, default="KG")
    limit_quantity_per_checkout = models.PositiveIntegerField(default=50)
    enable_account_confirmation_by_email = models.BooleanField(default=False)
    allow_login_without_confirmation = models.BooleanField(default=True)

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
        permissions = (
            ("manage_settings", "Manage settings."),
            ("manage_orders", "Manage orders."),
            ("manage_checkouts", "Manage checkouts."),
            ("manage_shipping", "Manage shipping."),
            ("manage_discounts", "Manage sales and vouchers."),
            ("manage_plugins", "Manage plugins."),
            ("manage_apps", "Manage apps."),
            ("handle_payments", "Handle payments."),
        )

    def __str__(self) -> str:
        return self.name

    @classmethod
    def get_current(cls) -> SiteSettings:
        """The single row, from the shared configuration cache (the checkout rules read it on
        every line change). A shared copy: change the settings with `update_site_settings`."""
        return SITE_SETTINGS.get()


def _load_site_settings() -> SiteSettings:
    # Created on first use, with pk 1 so that concurrent creators cannot duplicate it.
    settings_row, _ = SiteSettings.objects.get_or_create(pk=1)
    return settings_row


SITE_SETTINGS = ConfigCache(
    "site-settings", load=_load_site_settings, depends_on=("core.SiteSettings",)
)


def field_max_length(model: type[models.Model], field_name: str) -> int:
    """A field's `max_length`, for services that check input length before the database does."""
    field = model._meta.get_field(field_name)
    if not isinstance(field, models.Field) or field.max_length is None:
        raise TypeError(f"{model.__name__}.{field_name} has no max_length.")
    return field.max_length
