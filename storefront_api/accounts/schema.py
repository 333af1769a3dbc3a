"""Root fields of the accounts part of the API."""

import graphene


class AccountQueries(graphene.ObjectType):
    pass


class AccountMutations(graphene.ObjectType):
    pass
