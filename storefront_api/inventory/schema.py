"""Root fields of the inventory part of the API."""

import graphene


class InventoryMutations(graphene.ObjectType):
    pass
