"""Root fields of the accounts part of the API."""

import graphene

from .mutations.account_address_create import AccountAddressCreate
from .mutations.account_address_delete import AccountAddressDelete
from .mutations.account_address_update import AccountAddressUpdate
from .mutations.account_register import AccountRegister
from .mutations.account_set_default_address import AccountSetDefaultAddress
from .mutations.confirm_account import ConfirmAccount
from .mutations.request_password_reset import RequestPasswordReset
from .mutations.set_password import SetPassword
from .mutations.token_create import TokenCreate
from .mutations.token_refresh import TokenRefresh
from .mutations.token_verify import TokenVerify
from .types import User


class AccountQueries(graphene.ObjectType):
    me = graphene.Field(User, description="The signed-in user; null when anonymous.")

    @staticmethod
    def resolve_me(_root, info):
        user = info.context.user
        return user if user.is_authenticated else None


class AccountMutations(graphene.ObjectType):
    token_create = TokenCreate.Field()
    token_refresh = TokenRefresh.Field()
    token_verify = TokenVerify.Field()
    account_register = AccountRegister.Field()
    confirm_account = ConfirmAccount.Field()
    request_password_reset = RequestPasswordReset.Field()
    set_password = SetPassword.Field()
    account_address_create = AccountAddressCreate.Field()
    account_address_update = AccountAddressUpdate.Field()
    account_address_delete = AccountAddressDelete.Field()
    account_set_default_address = AccountSetDefaultAddress.Field()
