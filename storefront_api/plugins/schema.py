"""Plugin queries and mutations."""

import graphene


class PluginsQueries(graphene.ObjectType):
    pass


class PluginsMutations(graphene.ObjectType):
    pass
