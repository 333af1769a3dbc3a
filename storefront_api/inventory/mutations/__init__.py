"""Stock mutations, one per module; `InventoryMutations` gathers them for the root schema."""

import graphene


class InventoryMutations(graphene.ObjectType):
    pass
