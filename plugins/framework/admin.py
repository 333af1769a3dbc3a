"""Back office for stored plugin configuration: secrets are shown masked, never in clear."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.utils.html import format_html_join

from backend.core.admin_base import ServiceAdmin

from .configuration import find_plugin_class, masked_configuration, update_plugin_configuration
from .models import PluginConfiguration


@admin.register(PluginConfiguration)
class PluginConfigurationAdmin(ServiceAdmin):
    """Rows are created by `pluginUpdate`; here staff read them and may switch a plugin on or off.

    The raw `configuration` is never put in a form (it holds encrypted secrets); its masked view
    is read-only. Saving goes through `update_plugin_configuration`, so the plugin's own checks run.
    """

    list_display = ("identifier", "channel", "active", "updated_at")
    list_filter = ("active", "channel")
    search_fields = ("identifier", "channel__slug", "channel__name")
    list_select_related = ("channel",)
    fields = ("identifier", "channel", "active", "masked_configuration", "updated_at")
    readonly_fields = ("identifier", "channel", "masked_configuration", "updated_at")
    update_service = staticmethod(update_plugin_configuration)

    @admin.display(description="Configuration (secrets masked)")
    def masked_configuration(self, obj: PluginConfiguration) -> str:
        plugin_class = find_plugin_class(obj.identifier)
        if plugin_class is None:
            return "The plugin is not installed."
        items = masked_configuration(plugin_class, obj.configuration)
        return format_html_join(
            "",
            "<div><strong>{}</strong>: {}</div>",
            ((item["label"] or item["name"], item["value"] or "—") for item in items),
        )

    def update_through_service(self, request, obj: models.Model, form):
        assert isinstance(obj, PluginConfiguration)  # this admin's model
        return update_plugin_configuration(
            plugin_id=obj.identifier,
            channel=obj.channel,
            active=form.cleaned_data["active"],
            configuration=None,
        )
