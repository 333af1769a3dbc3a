"""Saleor's account enums, with the values Haat uses."""

from __future__ import annotations

import graphene

from backend.accounts.error_codes import AccountErrorCode as AccountErrorCodeValues
from backend.core.permissions import PermissionEnum as PermissionValues

AccountErrorCode = graphene.Enum(
    "AccountErrorCode",
    [(code.name, code.value) for code in AccountErrorCodeValues],
    description="Why an account mutation failed.",
)

PermissionEnum = graphene.Enum(
    "PermissionEnum",
    [(permission.name, permission.value) for permission in PermissionValues],
    description="A staff permission, by Saleor's name.",
)


class AddressTypeEnum(graphene.Enum):
    BILLING = "billing"
    SHIPPING = "shipping"

    class Meta:
        description = "Whether an address is used for billing or for shipping."
