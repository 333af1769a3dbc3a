"""accountAddressCreate: the signed-in user adds an address to their book."""

from __future__ import annotations

import graphene

from backend.accounts.addresses import create_address
from storefront_api.core.mutations import BaseMutation

from ..enums import AddressTypeEnum
from ..errors import AccountError
from ..types import Address, User
from .address_input import AddressInput, address_values


class AccountAddressCreate(BaseMutation):
    user = graphene.Field(User, description="A user instance for which the address was created.")
    address = graphene.Field(Address, description="The new address.")

    class Arguments:
        input = AddressInput(required=True, description="Fields required to create address.")
        type = AddressTypeEnum(
            description=(
                "A type of address. If provided, the new address will be automatically assigned "
                "as the customer's default address of that type."
            )
        )

    class Meta:
        description = (
            "Create a new address for the customer. Requires an authenticated user. The first "
            "address of each type becomes the default."
        )
        error_type_class = AccountError

    @classmethod
    def check_permissions(cls, context) -> bool:
        return context.user.is_authenticated

    @classmethod
    def perform_mutation(cls, _root, info, *, input, type=None):
        address, user = create_address(
            user=info.context.user,
            values=address_values(input),
            address_type=type.value if type else None,
        )
        return cls(address=address, user=user)
