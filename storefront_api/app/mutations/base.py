"""What the app and webhook mutations share: domain errors become AppError/WebhookError with
Saleor's field names (and, for AppError, the permissions at fault)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from plugins.webhook.error_codes import WebhookErrorCode
from storefront_api.core.mutations import BaseMutation

from ..access import calling_app, may_manage_apps
from ..errors import api_errors


class AppDomainMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def handle_errors(cls, error: ValidationError, field_names: dict | None = None, **extra: Any):
        return cls(errors=api_errors(error, cls._meta.error_type_class, field_names), **extra)


class WebhookDomainMutation(AppDomainMutation):
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
    was given), and the API name for the domain's `events` field in errors."""
    if fields.get("sync_events"):
        raise ValidationError(
            {
                "syncEvents": ValidationError(
                    "Haat delivers no synchronous webhooks.", code=WebhookErrorCode.INVALID.value
                )
            }
        )
    given = [fields[key] for key in ("async_events", "events") if fields.get(key) is not None]
    field = "events" if fields.get("async_events") is None and "events" in fields else "asyncEvents"
    if not given:
        return None, {"events": field}
    events = [str(getattr(event, "value", event)) for items in given for event in items]
    return events, {"events": field}


def may_manage_webhooks(context: Any) -> bool:
    """MANAGE_APPS, or an app calling with its token (for its own webhooks only)."""
    return may_manage_apps(context.user) or calling_app(context.user) is not None
