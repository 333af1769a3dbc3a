"""Root fields of the marketplace part of the API."""

import graphene


class MarketplaceQueries(graphene.ObjectType):
    pass


class MarketplaceMutations(graphene.ObjectType):
    pass
