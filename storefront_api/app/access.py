"""Who may see and change apps and webhooks: MANAGE_APPS for every app; an app calling with its
own token, for itself and its webhooks (as in Saleor)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from backend.apps.models import App
from backend.core.permissions import PermissionEnum, has_permissions
from plugins.webhook.models import EventDelivery, Webhook
from storefront_api.core.ids import from_global_id_or_none


def may_manage_apps(requestor: Any) -> bool:
    return has_permissions(requestor, [PermissionEnum.MANAGE_APPS])


def calling_app(requestor: Any) -> App | None:
    """The app behind the request when it came with an app token."""
    return requestor.app if getattr(requestor, "is_app", False) else None


def may_manage_app(requestor: Any, app_id: int) -> bool:
    app = calling_app(requestor)
    return may_manage_apps(requestor) or (app is not None and app.pk == app_id)


def _pk(global_id: str, type_name: str) -> int | None:
    pk = from_global_id_or_none(global_id, type_name)
    return int(pk) if pk and pk.isdigit() else None


def _not_found(field: str, type_name: str, global_id: str, code: str) -> ValidationError:
    return ValidationError(
        {field: ValidationError(f"Couldn't resolve to a {type_name}: {global_id}", code=code)}
    )


def get_app_or_error(global_id: str, *, requestor: Any, field: str = "id") -> App:
    """The app, if the requestor may manage it; NOT_FOUND otherwise (an app must not learn
    which other apps exist)."""
    pk = _pk(global_id, "App")
    app = App.objects.filter(pk=pk).first() if pk else None
    if app is None or not may_manage_app(requestor, app.pk):
        raise _not_found(field, "App", global_id, "NOT_FOUND")
    return app


def get_webhook_or_error(global_id: str, *, requestor: Any, field: str = "id") -> Webhook:
    pk = _pk(global_id, "Webhook")
    webhook = Webhook.objects.filter(pk=pk).first() if pk else None
    if webhook is None or not may_manage_app(requestor, webhook.app_id):
        raise _not_found(field, "Webhook", global_id, "NOT_FOUND")
    return webhook


def get_delivery_or_error(global_id: str, *, requestor: Any, field: str = "id") -> EventDelivery:
    pk = _pk(global_id, "EventDelivery")
    delivery = EventDelivery.objects.select_related("webhook").filter(pk=pk).first() if pk else None
    if delivery is None or not may_manage_app(requestor, delivery.webhook.app_id):
        raise _not_found(field, "EventDelivery", global_id, "NOT_FOUND")
    return delivery
