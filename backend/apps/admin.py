"""Back-office pages for apps: tokens show their last four characters and are issued only
through the API, which shows a token once."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from . import models


class AppTokenInline(admin.TabularInline):
    model = models.AppToken
    extra = 0
    fields = ("name", "token_last_4", "created_at")
    readonly_fields = fields
    can_delete = True

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # tokens are issued through the API, which shows the token once


@admin.register(models.App)
class AppAdmin(admin.ModelAdmin):
    list_display = ("name", "identifier", "type", "is_active", "created_at")
    list_filter = ("is_active", "type")
    search_fields = ("name", "identifier")
    filter_horizontal = ("permissions",)
    readonly_fields = ("created_at",)
    inlines = [AppTokenInline]
