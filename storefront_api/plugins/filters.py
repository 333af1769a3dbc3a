"""Filter and sort inputs of the `plugins` query (Saleor's), applied in memory: plugins are few."""

from __future__ import annotations

import graphene

from storefront_api.core.enums import OrderDirection
from storefront_api.core.ids import from_global_id_or_error

from .types import PluginView


class PluginConfigurationType(graphene.Enum):
    PER_CHANNEL = "per_channel"
    GLOBAL = "global"

    class Meta:
        description = "Whether a plugin is configured once or per channel."


class PluginStatusInChannelsInput(graphene.InputObjectType):
    active = graphene.Boolean(required=True, description="Active (true) or inactive (false).")
    channels = graphene.NonNull(
        graphene.List(graphene.NonNull(graphene.ID)), description="In any of these channels."
    )

    class Meta:
        description = "Plugins active or inactive in some channels (global plugins: anywhere)."


class PluginFilterInput(graphene.InputObjectType):
    status_in_channels = graphene.Field(PluginStatusInChannelsInput)
    search = graphene.String(description="Part of the name or description.")
    type = graphene.Field(PluginConfigurationType)

    class Meta:
        description = "Which plugins to list."


class PluginSortField(graphene.Enum):
    NAME = "name"
    IS_ACTIVE = "is_active"

    class Meta:
        description = "What plugins can be sorted by."


class PluginSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(PluginSortField, required=True)

    class Meta:
        description = "How to sort plugins."


def _value(item) -> str:
    return getattr(item, "value", item)


def _matches_status(plugin: PluginView, active: bool, channel_pks: set[str]) -> bool:
    if plugin.global_configuration is not None:
        return plugin.global_configuration.active is active
    return any(
        str(config.channel.pk) in channel_pks and config.active is active
        for config in plugin.channel_configurations
    )


def filter_plugins(plugins: list[PluginView], filter_input: dict | None) -> list[PluginView]:
    if not filter_input:
        return plugins
    status = filter_input.get("status_in_channels")
    if status is not None:
        channel_pks = {from_global_id_or_error(gid, "Channel") for gid in status["channels"]}
        plugins = [p for p in plugins if _matches_status(p, status["active"], channel_pks)]
    plugin_type = filter_input.get("type")
    if plugin_type is not None:
        is_global = _value(plugin_type) == PluginConfigurationType.GLOBAL.value
        plugins = [p for p in plugins if (p.global_configuration is not None) is is_global]
    search = (filter_input.get("search") or "").strip().lower()
    if search:
        plugins = [
            p for p in plugins if search in p.name.lower() or search in p.description.lower()
        ]
    return plugins


def sort_plugins(plugins: list[PluginView], sort_by: dict | None) -> list[PluginView]:
    """By name (then id). IS_ACTIVE, as in Saleor: inactive first when ascending, active first
    when descending, by name within each group."""
    descending = bool(sort_by) and _value(sort_by["direction"]) == OrderDirection.DESC.value
    field = _value(sort_by["field"]) if sort_by else PluginSortField.NAME.value
    if field == PluginSortField.IS_ACTIVE.value:
        return sorted(plugins, key=lambda p: (p.is_active is not descending, p.name.lower(), p.id))
    return sorted(plugins, key=lambda p: (p.name.lower(), p.id), reverse=descending)
