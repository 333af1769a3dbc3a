"""confirmAccount: the token sent on registration confirms the account."""

from __future__ import annotations

import graphene

from backend.accounts.services import confirm_account
from storefront_api.core.mutations import BaseMutation

from ..errors import AccountError
from ..types import User


class ConfirmAccount(BaseMutation):
    user = graphene.Field(User, description="An activated user account.")

    class Arguments:
        email = graphene.String(
            required=True,
            description=(
                "E-mail of the user performing account confirmation, or (Haat) their mobile "
                "number in any accepted form."
            ),
        )
        token = graphene.String(
            required=True, description="A one-time token required to confirm the account."
        )
        password = graphene.String(
            description=(
                "Password of the user confirming their account. Accepted for Saleor's clients; "
                "Haat merges no accounts on confirmation, so it is not checked."
            )
        )

    class Meta:
        description = "Confirm user account with token sent by email during registration."
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, _root, _info, *, email: str, token: str, password=None):
        return cls(user=confirm_account(identifier=email, token=token))
