"""The typed error of vendor mutations."""

from __future__ import annotations

import graphene

from backend.marketplace.error_codes import VendorErrorCode as DomainVendorErrorCode
from storefront_api.core.errors import Error

VendorErrorCode = graphene.Enum.from_enum(
    DomainVendorErrorCode, description="Why a vendor mutation failed."
)


class VendorError(Error):
    code = graphene.Field(VendorErrorCode, required=True, description="The error code.")

    class Meta:
        description = "An error from a vendor mutation."
