"""Plugin types (Saleor names): a plugin, its configuration globally or per channel.

Resolved from small carriers built by `resolvers.plugin_views`, with secrets already masked, so
no resolver here can leak a secret or query the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene

from plugins.framework.base import ConfigurationTypeField
from plugins.framework.configuration import MaskedConfigItem
from storefront_api.channel.types import Channel


class ConfigurationTypeFieldEnum(graphene.Enum):
    STRING = ConfigurationTypeField.STRING.value
    MULTILINE = ConfigurationTypeField.MULTILINE.value
    BOOLEAN = ConfigurationTypeField.BOOLEAN.value
    SECRET = ConfigurationTypeField.SECRET.value
    SECRETMULTILINE = ConfigurationTypeField.SECRET_MULTILINE.value

    class Meta:
        description = "The kind of a plugin configuration field."


class ConfigurationItem(graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the field.")
    value = graphene.String(description="Current value of the field; secrets are masked.")
    type = graphene.Field(ConfigurationTypeFieldEnum, description="Type of the field.")
    help_text = graphene.String(description="Help text for the field.")
    label = graphene.String(description="Label for the field.")

    class Meta:
        description = "One configuration field of a plugin."

    @staticmethod
    def resolve_type(root: MaskedConfigItem, _info) -> str | None:
        return root["type"].value if root["type"] is not None else None

    @staticmethod
    def resolve_name(root: MaskedConfigItem, _info) -> str:
        return root["name"]

    @staticmethod
    def resolve_value(root: MaskedConfigItem, _info) -> str | None:
        return root["value"]

    @staticmethod
    def resolve_help_text(root: MaskedConfigItem, _info) -> str | None:
        return root["help_text"]

    @staticmethod
    def resolve_label(root: MaskedConfigItem, _info) -> str | None:
        return root["label"]


@dataclass(frozen=True)
class PluginConfigurationView:
    """A plugin's state globally (channel None) or in one channel, secrets masked."""

    active: bool
    channel: Any  # a catalog Channel, or None for the global configuration
    configuration: list[MaskedConfigItem]


@dataclass(frozen=True)
class PluginView:
    id: str
    name: str
    description: str
    global_configuration: PluginConfigurationView | None
    channel_configurations: list[PluginConfigurationView]

    @property
    def is_active(self) -> bool:
        """Active anywhere: globally, or in at least one channel."""
        if self.global_configuration is not None:
            return self.global_configuration.active
        return any(config.active for config in self.channel_configurations)


class PluginConfiguration(graphene.ObjectType):
    active = graphene.Boolean(required=True, description="Whether the plugin runs.")
    channel = graphene.Field(Channel, description="The channel; null when the plugin is global.")
    configuration = graphene.List(
        graphene.NonNull(ConfigurationItem), description="The fields, secrets masked."
    )

    class Meta:
        description = "A plugin's configuration, globally or in one channel."


class Plugin(graphene.ObjectType):
    id = graphene.ID(required=True, description="The plugin's identifier (its PLUGIN_ID).")
    name = graphene.String(required=True, description="Name of the plugin.")
    description = graphene.String(required=True, description="What the plugin does.")
    global_configuration = graphene.Field(
        PluginConfiguration, description="The configuration of a global plugin."
    )
    channel_configurations = graphene.NonNull(
        graphene.List(graphene.NonNull(PluginConfiguration)),
        description="One configuration per channel, for a plugin configured per channel.",
    )

    class Meta:
        description = "A plugin and its configuration."
