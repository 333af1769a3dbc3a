"""Catalogue mutations, one per module; `CatalogMutations` gathers them for the root schema."""

import graphene


class CatalogMutations(graphene.ObjectType):
    pass
