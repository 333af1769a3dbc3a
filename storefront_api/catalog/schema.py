"""Root fields of the catalog part of the API."""

import graphene


class CatalogQueries(graphene.ObjectType):
    pass


class CatalogMutations(graphene.ObjectType):
    pass
