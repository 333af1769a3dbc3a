"""accountSetDefaultAddress: the signed-in user picks their default billing or shipping address."""

from __future__ import annotations

import graphene

from backend.accounts.addresses import set_default_address
from storefront_api.core.mutations import BaseMutation

from ..enums import AddressTypeEnum
from ..errors import AccountError
from ..types import User
from .address_input import address_pk


class AccountSetDefaultAddress(BaseMutation):
    user = graphene.Field(User, description="An updated user instance.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to set as default.")
        type = AddressTypeEnum(required=True, description="The type of address.")

    class Meta:
        description = (
            "Sets a default address for the authenticated user. Requires an authenticated user."
        )
        error_type_class = AccountError

    @classmethod
    def check_permissions(cls, context) -> bool:
        return context.user.is_authenticated

    @classmethod
    def perform_mutation(cls, _root, info, *, id, type):
        user = set_default_address(
            user=info.context.user, address_id=address_pk(id), address_type=type.value
        )
        return cls(user=user)
