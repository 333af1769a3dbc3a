"""The message log in the dashboard: read-only, searchable, for support staff."""

from django.contrib import admin

from .models import NotificationMessage


@admin.register(NotificationMessage)
class NotificationMessageAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
