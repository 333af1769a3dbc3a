"""The message log in the dashboard: read-only, searchable, for support staff."""

from django.contrib import admin

from backend.core.admin_base import ReadOnlyAdmin

from .models import NotificationMessage


@admin.register(NotificationMessage)
class NotificationMessageAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "event",
        "transport",
        "recipient",
        "language_code",
        "status",
        "attempts",
        "backend",
    )
    list_filter = ("status", "transport", "event", "language_code")
    search_fields = ("recipient", "event", "provider_message_id", "error_code")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in NotificationMessage._meta.fields]
