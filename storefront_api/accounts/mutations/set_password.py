"""setPassword: the token from a password reset message sets a new password and signs in."""

from __future__ import annotations

import graphene

from backend.accounts.services import set_password
from storefront_api.core.mutations import BaseMutation

from ..errors import AccountError
from ..types import User


class SetPassword(BaseMutation):
    token = graphene.String(description="JWT token, required to authenticate.")
    refresh_token = graphene.String(
        description="JWT refresh token, required to re-generate access token."
    )
    csrf_token = graphene.String(description="CSRF token required to re-generate access token.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        email = graphene.String(
            required=True,
            description="Email of a user, or (Haat) their mobile number in any accepted form.",
        )
        password = graphene.String(required=True, description="Password of a user.")
        token = graphene.String(
            required=True, description="A one-time token required to set the password."
        )

    class Meta:
        description = (
            "Sets the user's password from the token sent by email (or SMS) using the "
            "RequestPasswordReset mutation. Signs the user out everywhere else."
        )
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, _root, _info, *, email: str, password: str, token: str):
        result = set_password(identifier=email, token=token, password=password)
        return cls(
            token=result.access_token,
            refresh_token=result.refresh_token,
            csrf_token=result.csrf_token,
            user=result.user,
        )
