"""MetadataError, the typed error of the metadata mutations."""

from __future__ import annotations

import graphene

from backend.core.metadata import MetadataErrorCode as DomainMetadataErrorCode
from storefront_api.core.errors import Error

MetadataErrorCode = graphene.Enum.from_enum(
    DomainMetadataErrorCode, description="Why a metadata mutation failed."
)


class MetadataError(Error):
    code = graphene.Field(MetadataErrorCode, required=True, description="The error code.")

    class Meta:
        description = "An error from a metadata mutation."
