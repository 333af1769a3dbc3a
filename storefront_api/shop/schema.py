"""Root fields of the shop part of the API."""

import graphene


class ShopQueries(graphene.ObjectType):
    pass
