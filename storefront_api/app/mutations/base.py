"""What the app and webhook mutations share: who may call them, and, for AppError, the
permissions at fault (field names map through each mutation's `Meta.error_field_names`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from plugins.webhook.error_codes import WebhookErrorCode
from storefront_api.core.mutations import BaseMutation

from ..access import calling_app, may_manage_apps


class AppDomainMutation(BaseMutation):
    """App mutations: an AppError also lists the permissions the domain named
    (`params["permissions"]`)."""

    class Meta:
        abstract = True

    @classmethod
    def handle_errors(cls, error: ValidationError, **kwargs: Any):
        response = super().handle_errors(error, **kwargs)
        for item, permissions in zip(response.errors, _permissions_at_fault(error), strict=True):
            item.permissions = permissions
        return response


def _permissions_at_fault(error: ValidationError) -> list[list[str] | None]:
    """The permissions each error names, in the order `validation_error_to_list` reads them."""
    items = (
        [item for items in error.error_dict.values() for item in items]
        if hasattr(error, "error_dict")
        else error.error_list
    )
    return [list((item.params or {}).get("permissions") or ()) or None for item in items]


class WebhookDomainMutation(BaseMutation):
    """Webhook and delivery mutations: MANAGE_APPS, or an app with its own token (the mutation
    then checks that the webhook is that app's)."""

    class Meta:
        abstract = True

    @classmethod
    def check_permissions(cls, context: Any) -> bool:
        return may_manage_webhooks(context)


def permission_names(permissions: list | None) -> list[str] | None:
    """PermissionEnum input values as Django permission names; None when not given."""
    if permissions is None:
        return None
    return [str(getattr(permission, "value", permission)) for permission in permissions]


def webhook_input_events(fields: dict) -> tuple[list[str] | None, dict[str, str]]:
    """The subscribed events from `asyncEvents` and the deprecated `events` (None when neither
    was given), and, for `handle_errors(renamed=...)`, the domain's `events` field under the
    deprecated name when the client used only that one (else `Meta.error_field_names` says
    `asyncEvents`)."""
    if fields.get("sync_events"):
        raise ValidationError(
            {
                "syncEvents": ValidationError(
                    "Haat delivers no synchronous webhooks.", code=WebhookErrorCode.INVALID.value
                )
            }
        )
    given = [fields[key] for key in ("async_events", "events") if fields.get(key) is not None]
    deprecated_only = fields.get("async_events") is None and "events" in fields
    renamed = {"events": "events"} if deprecated_only else {}
    if not given:
        return None, renamed
    events = [str(getattr(event, "value", event)) for items in given for event in items]
    return events, renamed


def may_manage_webhooks(context: Any) -> bool:
    """MANAGE_APPS, or an app calling with its token (for its own webhooks only)."""
    return may_manage_apps(context.user) or calling_app(context.user) is not None
