"""Plugins as the API shows them, from the request's plugins manager: no per-plugin queries."""

from __future__ import annotations

from backend.channels.models import Channel
from backend.core.permissions import PermissionEnum, has_permissions
from plugins.framework.base import BasePlugin
from plugins.framework.configuration import masked_configuration
from plugins.framework.manager import PluginsManager
from storefront_api.core.connection import Page, paginate_list
from storefront_api.core.errors import PermissionDenied

from .filters import filter_plugins, sort_plugins
from .types import PluginConfigurationView, PluginView


def require_manage_plugins(context) -> None:
    if not has_permissions(context.user, [PermissionEnum.MANAGE_PLUGINS]):
        raise PermissionDenied(permissions=[PermissionEnum.MANAGE_PLUGINS])


def _configuration_view(plugin: BasePlugin, channel: Channel | None) -> PluginConfigurationView:
    return PluginConfigurationView(
        active=plugin.active,
        channel=channel,
        configuration=masked_configuration(type(plugin), plugin.configuration),
    )


def plugin_views(manager: PluginsManager) -> list[PluginView]:
    """Every registered plugin: one query for the channels, one for stored configuration."""
    channels = list(Channel.objects.order_by("slug"))
    global_plugins = {p.PLUGIN_ID: p for p in manager.get_plugins(None, active_only=False)}
    per_channel: dict[str, list[PluginConfigurationView]] = {}
    for channel in channels:
        for plugin in manager.get_plugins(channel.slug, active_only=False):
            if plugin.CONFIGURATION_PER_CHANNEL:
                per_channel.setdefault(plugin.PLUGIN_ID, []).append(
                    _configuration_view(plugin, channel)
                )
    views = []
    for plugin_class in manager.plugin_classes:
        plugin_id = plugin_class.PLUGIN_ID
        global_plugin = global_plugins.get(plugin_id)
        views.append(
            PluginView(
                id=plugin_id,
                name=plugin_class.PLUGIN_NAME or plugin_id,
                description=plugin_class.PLUGIN_DESCRIPTION,
                global_configuration=(
                    _configuration_view(global_plugin, None) if global_plugin else None
                ),
                channel_configurations=per_channel.get(plugin_id, []),
            )
        )
    return views


def resolve_plugins(info, *, filter=None, sort_by=None, **pagination) -> Page:
    require_manage_plugins(info.context)
    plugins = sort_plugins(filter_plugins(plugin_views(info.context.plugins), filter), sort_by)
    return paginate_list(plugins, connection_name="plugins", **pagination)


def resolve_plugin(info, *, id: str) -> PluginView | None:
    require_manage_plugins(info.context)
    return next((p for p in plugin_views(info.context.plugins) if p.id == id), None)
