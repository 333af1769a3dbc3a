"""The typed error every account mutation returns."""

from __future__ import annotations

import graphene

from storefront_api.core.errors import Error

from .enums import AccountErrorCode, AddressTypeEnum


class AccountError(Error):
    code = graphene.Field(AccountErrorCode, required=True, description="The error code.")
    address_type = graphene.Field(
        AddressTypeEnum, description="Which of the user's addresses the error is about."
    )

    class Meta:
        description = "An error from an account mutation."
