"""The typed errors of app and webhook mutations, and how domain errors become them."""

from __future__ import annotations

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from backend.apps.error_codes import AppErrorCode as DomainAppErrorCode
from plugins.webhook.error_codes import WebhookErrorCode as DomainWebhookErrorCode
from storefront_api.accounts.enums import PermissionEnum
from storefront_api.core.errors import Error, validation_error_to_list

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


# The domain names fields in snake_case; the API in Saleor's camelCase.
API_FIELD_NAMES = {"target_url": "targetUrl", "secret_key": "secretKey", "is_active": "isActive"}


def api_errors(
    error: ValidationError, error_type: type, field_names: dict[str, str] | None = None
) -> list:
    """`error_type` objects for a domain `ValidationError`, fields renamed for the API. An
    AppError also lists the permissions the domain named (`params["permissions"]`)."""
    names = {**API_FIELD_NAMES, **(field_names or {})}
    items = (
        [(field, item) for field, items in error.error_dict.items() for item in items]
        if hasattr(error, "error_dict")
        else [(None, item) for item in error.error_list]
    )
    errors = []
    for (field, item), (_, message, code) in zip(
        items, validation_error_to_list(error), strict=True
    ):
        field = None if field in (None, NON_FIELD_ERRORS) else names.get(field, field)
        extra = {}
        if error_type is AppError:
            permissions = (item.params or {}).get("permissions")
            extra["permissions"] = list(permissions) if permissions else None
        errors.append(error_type(field=field, message=message, code=code.lower(), **extra))
    return errors
