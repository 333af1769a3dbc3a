"""The typed errors of app and webhook mutations, and how domain errors become them."""

from __future__ import annotations

import graphene

from backend.apps.error_codes import AppErrorCode as DomainAppErrorCode
from plugins.webhook.error_codes import WebhookErrorCode as DomainWebhookErrorCode
from storefront_api.accounts.enums import PermissionEnum
from storefront_api.core.errors import Error

AppErrorCode = graphene.Enum.from_enum(
    DomainAppErrorCode, description="Why an app mutation failed."
)
WebhookErrorCode = graphene.Enum.from_enum(
    DomainWebhookErrorCode, description="Why a webhook mutation failed."
)


class AppError(Error):
    code = graphene.Field(AppErrorCode, required=True, description="The error code.")
    permissions = graphene.List(
        graphene.NonNull(PermissionEnum),
        description="The permissions at fault (out of scope or unknown), when there are some.",
    )

    class Meta:
        description = "An error from an app mutation."


class WebhookError(Error):
    code = graphene.Field(WebhookErrorCode, required=True, description="The error code.")

    class Meta:
        description = "An error from a webhook or delivery mutation."


# The webhook mutations' domain fields whose argument has another name (`Meta.error_field_names`;
# the others become camelCase as graphene names arguments).
WEBHOOK_ERROR_FIELD_NAMES = {"events": "asyncEvents"}
