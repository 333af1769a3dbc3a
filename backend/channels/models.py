"""Saleor's `Channel`: a market with its currency and country (Haat's default is `bd`, BDT)."""

from __future__ import annotations

from django.db import models


class Channel(models.Model):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    currency_code = models.CharField(max_length=3, default="BDT")
    default_country = models.CharField(max_length=2, default="BD")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ("slug",)
        permissions = (("manage_channels", "Manage channels."),)

    def __str__(self) -> str:
        return self.slug
