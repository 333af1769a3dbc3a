"""Channels, shown read-only: no domain function writes them yet (the demo loader makes them)."""

from django.contrib import admin

from backend.core.admin_base import ReadOnlyAdmin

from .models import Channel


@admin.register(Channel)
class ChannelAdmin(ReadOnlyAdmin):
    list_display = ("slug", "name", "currency_code", "is_active")
    list_filter = ("is_active", "currency_code")
    search_fields = ("slug", "name")
