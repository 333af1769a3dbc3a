"""App and webhook queries and mutations."""

import graphene


class AppQueries(graphene.ObjectType):
    pass


class AppMutations(graphene.ObjectType):
    pass
