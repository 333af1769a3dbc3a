"""pluginUpdate: staff switch a plugin on or off and set its fields, globally or per channel."""

from __future__ import annotations

import graphene

from backend.channels.models import Channel as ChannelModel
from backend.core.permissions import PermissionEnum
from plugins.framework.configuration import update_plugin_configuration
from plugins.framework.error_codes import PluginErrorCode
from storefront_api.core.ids import get_node_or_error
from storefront_api.core.mutations import BaseMutation

from ..errors import PluginError
from ..resolvers import plugin_views
from ..types import Plugin


class ConfigurationItemInput(graphene.InputObjectType):
    name = graphene.String(required=True, description="Name of the field to update.")
    value = graphene.String(description="New value; for a secret, an empty string clears it.")

    class Meta:
        description = "A new value for one configuration field."


class PluginUpdateInput(graphene.InputObjectType):
    active = graphene.Boolean(description="Whether the plugin should run.")
    configuration = graphene.List(
        graphene.NonNull(ConfigurationItemInput),
        description="Fields to change; fields left out (secrets included) keep their value.",
    )

    class Meta:
        description = "What to change in a plugin's configuration."


class PluginUpdate(BaseMutation):
    plugin = graphene.Field(Plugin, description="The plugin, as changed.")

    class Arguments:
        channel_id = graphene.ID(description="The channel, for a plugin configured per channel.")
        id = graphene.ID(required=True, description="The plugin's identifier.")
        input = PluginUpdateInput(required=True, description="What to change.")

    class Meta:
        description = "Update a plugin's configuration. Requires MANAGE_PLUGINS."
        error_type_class = PluginError
        permissions = (PermissionEnum.MANAGE_PLUGINS,)

    @classmethod
    def api_field(cls, field: str | None, renamed: dict[str, str] | None = None) -> str | None:
        # Errors name the plugin's own configuration keys (`app_secret`), as given: they are
        # values of `configuration[].name`, not arguments, so they are not renamed.
        return field

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        channel_id = data.get("channel_id")
        channel = (
            get_node_or_error(
                ChannelModel,
                channel_id,
                "Channel",
                field="channelId",
                code=PluginErrorCode.NOT_FOUND,
            )
            if channel_id
            else None
        )
        manager = info.context.plugins
        update_plugin_configuration(
            plugin_id=data["id"],
            channel=channel,
            active=data["input"].get("active"),
            configuration=data["input"].get("configuration"),
            plugin_classes=manager.plugin_classes,
        )
        # The rest of the request (hooks included) sees the new configuration.
        manager.reload()
        plugin = next(p for p in plugin_views(manager) if p.id == data["id"])
        return PluginUpdate(plugin=plugin)
