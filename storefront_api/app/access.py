"""Who may see and change apps and webhooks: MANAGE_APPS for every app; an app calling with its
own token, for itself and its webhooks (as in Saleor)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from backend.apps.models import App
from backend.apps.permissions import ensure_may_manage_app
from backend.core.errors import field_error
from backend.core.permissions import PermissionEnum, has_permissions
from plugins.webhook.error_codes import WebhookErrorCode
from plugins.webhook.models import EventDelivery, Webhook
from storefront_api.core.ids import get_node_or_error


def may_manage_apps(requestor: Any) -> bool:
    return has_permissions(requestor, [PermissionEnum.MANAGE_APPS])


def calling_app(requestor: Any) -> App | None:
    """The app behind the request when it came with an app token."""
    return requestor.app if getattr(requestor, "is_app", False) else None


def may_manage_app(requestor: Any, app_id: int) -> bool:
    app = calling_app(requestor)
    return may_manage_apps(requestor) or (app is not None and app.pk == app_id)


def _manageable(queryset: QuerySet, requestor: Any, app_field: str) -> QuerySet:
    """The rows the requestor may manage: every one with MANAGE_APPS, else its own app's."""
    if may_manage_apps(requestor):
        return queryset
    app = calling_app(requestor)
    return queryset.filter(**{app_field: app.pk}) if app is not None else queryset.none()


def get_app_or_error(global_id: str, *, requestor: Any, field: str = "id") -> App:
    """The app, if the requestor may manage it; NOT_FOUND otherwise (an app must not learn
    which other apps exist)."""
    apps = _manageable(App.objects.all(), requestor, "pk")
    return get_node_or_error(apps, global_id, "App", field=field, code="NOT_FOUND")


def get_webhook_or_error(global_id: str, *, requestor: Any, field: str = "id") -> Webhook:
    webhooks = _manageable(Webhook.objects.all(), requestor, "app_id")
    return get_node_or_error(webhooks, global_id, "Webhook", field=field, code="NOT_FOUND")


def get_delivery_or_error(global_id: str, *, requestor: Any, field: str = "id") -> EventDelivery:
    deliveries = _manageable(
        EventDelivery.objects.select_related("webhook"), requestor, "webhook__app_id"
    )
    return get_node_or_error(deliveries, global_id, "EventDelivery", field=field, code="NOT_FOUND")


def ensure_may_manage_webhooks_of(app: App, *, requestor: Any, field: str) -> None:
    """Adding, changing or removing another app's webhook needs every permission that app
    holds, as changing the app does (`ensure_may_manage_app`): a webhook receives what its app
    may read, so a MANAGE_APPS holder must not point a more powerful app's events at itself.
    An app managing its own webhooks passes. Saleor's WebhookErrorCode has no OUT_OF_SCOPE_APP:
    the error is INVALID on `field`."""
    own = calling_app(requestor)
    if own is not None and own.pk == app.pk:
        return
    try:
        ensure_may_manage_app(app=app, requestor=requestor)
    except ValidationError as error:
        raise field_error(
            field,
            "You can't manage the webhooks of an app that holds permissions you do not have.",
            WebhookErrorCode.INVALID,
        ) from error
