"""Apps: partner systems and integrations that call the API with their own token and
permissions (Saleor's `saleor/app`). API authentication depends on them, so they are domain, not
part of the webhook plugin that delivers events to them."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db import models

from backend.core.models import ModelWithMetadata


class AppType(models.TextChoices):
    LOCAL = "local", "Local"
    THIRDPARTY = "thirdparty", "Third party"


class App(ModelWithMetadata):
    """A partner system or integration: it calls the API with its token and receives webhooks."""

    name = models.CharField(max_length=60)
    identifier = models.CharField(max_length=256, blank=True, default="")
    type = models.CharField(max_length=60, choices=AppType.choices, default=AppType.LOCAL)
    is_active = models.BooleanField(default=True)
    permissions = models.ManyToManyField(Permission, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


class AppToken(models.Model):
    """An app's API token: only its SHA-256 is stored; the token is shown once, at creation."""

    app = models.ForeignKey(App, related_name="tokens", on_delete=models.CASCADE)
    name = models.CharField(max_length=128, blank=True, default="")
    token_hash = models.CharField(max_length=64, unique=True)
    token_last_4 = models.CharField(max_length=4)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)
