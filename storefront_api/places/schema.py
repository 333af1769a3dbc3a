"""Root fields of the places part of the API."""

import graphene


class PlacesQueries(graphene.ObjectType):
    pass
