"""tokenVerify: whether an access token is valid, and whose it is."""

from __future__ import annotations

import graphene
from django.core.exceptions import ValidationError
from graphene.types.generic import GenericScalar

from backend.accounts.services import verify_access_token
from storefront_api.core.mutations import BaseMutation

from ..errors import AccountError
from ..types import User


class TokenVerify(BaseMutation):
    user = graphene.Field(User, description="The user the token belongs to.")
    is_valid = graphene.Boolean(
        required=True, description="Whether the token is valid and not revoked."
    )
    payload = GenericScalar(description="The token's claims.")

    class Arguments:
        token = graphene.String(required=True, description="The access token to check.")

    class Meta:
        name = "VerifyToken"
        description = "Check an access token."
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, _root, _info, *, token: str):
        user, payload = verify_access_token(token=token)
        return cls(user=user, is_valid=True, payload=payload)

    @classmethod
    def handle_errors(cls, error: ValidationError, **extra):
        return super().handle_errors(error, is_valid=False, **extra)
