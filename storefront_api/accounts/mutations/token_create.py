"""tokenCreate: sign in with a mobile number (any accepted form) or an e-mail, and a password."""

from __future__ import annotations

import graphene

from backend.accounts.services import sign_in
from backend.core.ratelimit import client_address
from storefront_api.core.mutations import BaseMutation

from ..errors import AccountError
from ..types import User


class TokenCreate(BaseMutation):
    token = graphene.String(description="The access token, for `Authorization: Bearer`.")
    refresh_token = graphene.String(description="The token that gets new access tokens.")
    csrf_token = graphene.String(description="Must accompany the refresh token when refreshing.")
    user = graphene.Field(User, description="The signed-in user.")

    class Arguments:
        email = graphene.String(
            required=True,
            description=(
                "The user's e-mail address or mobile number (01XNNNNNNNN, +8801XNNNNNNNN, "
                "8801XNNNNNNNN or in Bangla digits)."
            ),
        )
        password = graphene.String(required=True, description="The user's password.")
        audience = graphene.String(description="The audience the tokens are issued for.")

    class Meta:
        name = "CreateToken"
        description = "Sign in: create an access token and a refresh token."
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, _root, info, *, email: str, password: str, audience=None):
        result = sign_in(
            identifier=email,
            password=password,
            audience=audience,
            client_address=client_address(getattr(info.context, "META", {})),
        )
        return cls(
            token=result.access_token,
            refresh_token=result.refresh_token,
            csrf_token=result.csrf_token,
            user=result.user,
        )
