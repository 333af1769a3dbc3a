"""accountAddressUpdate: the signed-in user changes one of their addresses."""

from __future__ import annotations

import graphene

from backend.accounts.addresses import update_address
from storefront_api.core.mutations import BaseMutation

from ..errors import AccountError
from ..types import Address, User
from .address_input import AddressInput, address_pk, address_values


class AccountAddressUpdate(BaseMutation):
    user = graphene.Field(User, description="A user object for which the address was edited.")
    address = graphene.Field(Address, description="The updated address.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to update.")
        input = AddressInput(required=True, description="Fields required to update the address.")

    class Meta:
        description = (
            "Updates an address of the logged-in user. Requires an authenticated user; fields "
            "not given are kept."
        )
        error_type_class = AccountError

    @classmethod
    def check_permissions(cls, context) -> bool:
        return context.user.is_authenticated

    @classmethod
    def perform_mutation(cls, _root, info, *, id, input):
        address, user = update_address(
            user=info.context.user, address_id=address_pk(id), values=address_values(input)
        )
        return cls(address=address, user=user)
