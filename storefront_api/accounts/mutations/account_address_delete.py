"""accountAddressDelete: the signed-in user removes one of their addresses."""

from __future__ import annotations

import graphene

from backend.accounts.addresses import delete_address
from storefront_api.core.mutations import BaseMutation

from ..errors import AccountError
from ..types import Address, User
from .address_input import address_pk


class AccountAddressDelete(BaseMutation):
    user = graphene.Field(User, description="A user instance for which the address was deleted.")
    address = graphene.Field(Address, description="The deleted address.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to delete.")

    class Meta:
        description = "Delete an address of the logged-in user. Requires an authenticated user."
        error_type_class = AccountError

    @classmethod
    def check_permissions(cls, context) -> bool:
        return context.user.is_authenticated

    @classmethod
    def perform_mutation(cls, _root, info, *, id):
        address, user = delete_address(user=info.context.user, address_id=address_pk(id))
        return cls(address=address, user=user)
