"""Plugin queries and mutations (Saleor's `plugins`, `plugin`, `pluginUpdate`)."""

import graphene

from storefront_api.core.connection import connection_args, create_connection

from .filters import PluginFilterInput, PluginSortingInput
from .mutations.plugin_update import PluginUpdate
from .resolvers import resolve_plugin, resolve_plugins
from .types import Plugin

PluginCountableConnection = create_connection(Plugin)


class PluginsQueries(graphene.ObjectType):
    plugins = graphene.Field(
        PluginCountableConnection,
        filter=PluginFilterInput(description="Which plugins to list."),
        sort_by=PluginSortingInput(description="How to sort plugins."),
        description="The installed plugins. Requires MANAGE_PLUGINS.",
        **connection_args(),
    )
    plugin = graphene.Field(
        Plugin,
        id=graphene.ID(required=True, description="The plugin's identifier."),
        description="One plugin by its identifier. Requires MANAGE_PLUGINS.",
    )

    @staticmethod
    def resolve_plugins(_root, info, **kwargs):
        return resolve_plugins(info, **kwargs)

    @staticmethod
    def resolve_plugin(_root, info, **kwargs):
        return resolve_plugin(info, **kwargs)


class PluginsMutations(graphene.ObjectType):
    plugin_update = PluginUpdate.Field()
