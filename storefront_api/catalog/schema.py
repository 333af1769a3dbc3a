"""Root query fields of the catalogue."""

import graphene


class CatalogQueries(graphene.ObjectType):
    pass
