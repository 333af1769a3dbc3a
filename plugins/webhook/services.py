"""Webhooks of apps: create, change, delete.

Every function owns its transaction and raises `ValidationError` with Saleor's
`WebhookErrorCode` on domain fields; the API renames the fields. A webhook secret is stored
encrypted and returned in clear once, by `create_webhook`.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from backend.apps.models import App
from backend.apps.permissions import app_permission_names
from backend.apps.services import clean_name
from backend.core.config_cache import invalidate_cached_config
from backend.core.errors import field_error
from backend.core.models import field_max_length
from plugins.framework.crypto import encrypt_secret

from .error_codes import WebhookErrorCode
from .event_types import WebhookEventAsyncType, event_permission
from .models import Webhook, WebhookEvent
from .targets import check_target_url

WEBHOOK_NAME_MAX_LENGTH = field_max_length(Webhook, "name")
TARGET_URL_MAX_LENGTH = field_max_length(Webhook, "target_url")
# The stored form is Fernet over the secret: about 1.4x plus 100 bytes must fit in 512.
SECRET_KEY_MAX_LENGTH = 255


@dataclass(frozen=True)
class WebhookWithSecret:
    """A new webhook and its signing secret in clear, for the receiver to verify signatures."""

    webhook: Webhook
    secret_key: str


def _clean_events(events: Iterable[str] | None, *, app: App) -> list[str]:
    """The distinct known events, each one the app holds the permission for (EVENT_PERMISSIONS)."""
    names = list(dict.fromkeys(str(getattr(e, "value", e)) for e in (events or ())))
    if not names:
        raise field_error(
            "events",
            "Subscribe the webhook to at least one event.",
            WebhookErrorCode.MISSING_EVENT,
        )
    unknown = [name for name in names if name not in WebhookEventAsyncType.values]
    if unknown:
        raise field_error(
            "events", f"Unknown events: {', '.join(unknown)}.", WebhookErrorCode.INVALID
        )
    held = app_permission_names(app)
    refused = [name for name in names if event_permission(name) not in held]
    if refused:
        # Saleor's WebhookErrorCode has no permission code; INVALID on the events, as for an
        # unknown one. The events' data is what the app could not read through the API.
        missing = sorted({event_permission(name) for name in refused})
        raise field_error(
            "events",
            f"The app lacks the permissions these events need: {', '.join(refused)} "
            f"(needs {', '.join(missing)}).",
            WebhookErrorCode.INVALID,
        )
    return names


def _clean_target_url(target_url: str | None) -> str:
    target_url = (target_url or "").strip()
    if not target_url:
        raise field_error("target_url", "A target URL is required.", WebhookErrorCode.REQUIRED)
    if len(target_url) > TARGET_URL_MAX_LENGTH:
        raise field_error(
            "target_url",
            f"The target URL is longer than {TARGET_URL_MAX_LENGTH} characters.",
            WebhookErrorCode.INVALID,
        )
    return check_target_url(target_url)


def _clean_secret(secret_key: str) -> str:
    if len(secret_key) > SECRET_KEY_MAX_LENGTH:
        raise field_error(
            "secret_key",
            f"The secret is longer than {SECRET_KEY_MAX_LENGTH} characters.",
            WebhookErrorCode.INVALID,
        )
    return secret_key


def generate_webhook_secret() -> str:
    return secrets.token_urlsafe(32)


def create_webhook(
    *,
    app: App,
    target_url: str,
    events: Iterable[str],
    name: str | None = None,
    is_active: bool = True,
    secret_key: str | None = None,
) -> WebhookWithSecret:
    """A webhook of `app` subscribed to `events` (a `WebhookEvent` row each).

    The target must pass `check_target_url`. Without a `secret_key` a strong one is generated;
    either way it is stored encrypted and returned here, in clear, once."""
    name = clean_name(
        name, max_length=WEBHOOK_NAME_MAX_LENGTH, required=False, code_enum=WebhookErrorCode
    )
    event_names = _clean_events(events, app=app)
    target_url = _clean_target_url(target_url)
    secret = _clean_secret(secret_key or "") or generate_webhook_secret()
    with transaction.atomic():
        webhook = Webhook.objects.create(
            app=app,
            name=name,
            target_url=target_url,
            is_active=is_active,
            secret_key=encrypt_secret(secret),
        )
        WebhookEvent.objects.bulk_create(
            WebhookEvent(webhook=webhook, event_type=event) for event in event_names
        )
        # bulk_create sends no save signal: the cached subscribers learn of it here.
        invalidate_cached_config(WebhookEvent)
    return WebhookWithSecret(webhook=webhook, secret_key=secret)


def update_webhook(
    *,
    webhook: Webhook,
    name: str | None = None,
    target_url: str | None = None,
    events: Iterable[str] | None = None,
    is_active: bool | None = None,
    secret_key: str | None = None,
) -> Webhook:
    """Change a webhook; `None` leaves a field as it is. New events replace the old set."""
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = clean_name(
            name, max_length=WEBHOOK_NAME_MAX_LENGTH, required=False, code_enum=WebhookErrorCode
        )
    if target_url is not None:
        changes["target_url"] = _clean_target_url(target_url)
    if is_active is not None:
        changes["is_active"] = is_active
    if secret_key is not None:
        if not secret_key:
            raise field_error("secret_key", "The secret can't be empty.", WebhookErrorCode.INVALID)
        changes["secret_key"] = encrypt_secret(_clean_secret(secret_key))
    event_names = _clean_events(events, app=webhook.app) if events is not None else None
    with transaction.atomic():
        if changes:
            for field, value in changes.items():
                setattr(webhook, field, value)
            webhook.save(update_fields=[*changes, "updated_at"])
        if event_names is not None:
            WebhookEvent.objects.filter(webhook=webhook).exclude(
                event_type__in=event_names
            ).delete()
            WebhookEvent.objects.bulk_create(
                [WebhookEvent(webhook=webhook, event_type=event) for event in event_names],
                ignore_conflicts=True,
            )
            invalidate_cached_config(WebhookEvent)
    return webhook


def delete_webhook(*, webhook: Webhook) -> Webhook:
    """Delete a webhook with its delivery log; the returned instance keeps its pk."""
    pk = webhook.pk
    with transaction.atomic():
        webhook.delete()
    webhook.pk = pk
    return webhook
