"""tokenRefresh: a new access token for a refresh token."""

from __future__ import annotations

import graphene

from backend.accounts.services import refresh_access_token
from storefront_api.core.mutations import BaseMutation

from ..errors import AccountError
from ..types import User


class TokenRefresh(BaseMutation):
    token = graphene.String(description="The new access token.")
    user = graphene.Field(User, description="The user the token belongs to.")

    class Arguments:
        refresh_token = graphene.String(description="The refresh token from tokenCreate.")
        csrf_token = graphene.String(
            description="The CSRF token from tokenCreate; when given, it must match."
        )

    class Meta:
        name = "RefreshToken"
        description = "Get a new access token with a refresh token."
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, _root, _info, *, refresh_token=None, csrf_token=None):
        result = refresh_access_token(refresh_token=refresh_token, csrf_token=csrf_token)
        return cls(token=result.access_token, user=result.user)
