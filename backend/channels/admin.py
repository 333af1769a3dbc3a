from django.contrib import admin

from .models import Channel


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "currency_code", "is_active")
    list_filter = ("is_active", "currency_code")
    search_fields = ("slug", "name")
