"""The typed error of plugin mutations (Saleor's PluginError)."""

from __future__ import annotations

import graphene

from plugins.framework.error_codes import PluginErrorCode as DomainPluginErrorCode
from storefront_api.core.errors import Error

PluginErrorCode = graphene.Enum.from_enum(
    DomainPluginErrorCode, description="Why a plugin mutation failed."
)


class PluginError(Error):
    code = graphene.Field(PluginErrorCode, required=True, description="The error code.")

    class Meta:
        description = "An error from a plugin mutation."
