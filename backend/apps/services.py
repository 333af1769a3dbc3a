"""Apps and their tokens: create, change, delete.

Every function owns its transaction and raises `ValidationError` with Saleor's `AppErrorCode`
on domain fields; the API renames the fields. Who may call them is checked by the caller, with
`backend.apps.permissions`. A token is returned once, in clear, and only its
SHA-256 is kept.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q

from backend.core.config_cache import invalidate_cached_config
from backend.core.errors import field_error
from backend.core.models import field_max_length

from .error_codes import AppErrorCode
from .models import App, AppToken

APP_NAME_MAX_LENGTH = field_max_length(App, "name")
IDENTIFIER_MAX_LENGTH = field_max_length(App, "identifier")
TOKEN_NAME_MAX_LENGTH = field_max_length(AppToken, "name")


@dataclass(frozen=True)
class AppWithToken:
    """A new app and its first token, in clear: the only time anyone sees the token."""

    app: App
    auth_token: str


@dataclass(frozen=True)
class NewAppToken:
    app_token: AppToken
    auth_token: str


def hash_token(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


def _generate_token() -> str:
    # 40 url-safe characters (240 bits), no dots: never mistaken for a JWT.
    return secrets.token_urlsafe(30)


def _permission_name(permission: Any) -> str:
    return str(getattr(permission, "value", permission))


def _permission_rows(names: Iterable[str]) -> list[Permission]:
    """Permission rows for `app_label.codename` names; unknown names are INVALID_PERMISSION."""
    wanted = sorted(set(names))
    if not wanted:
        return []
    condition = Q()
    for name in wanted:
        app_label, _, codename = name.partition(".")
        condition |= Q(content_type__app_label=app_label, codename=codename)
    rows = list(Permission.objects.filter(condition).select_related("content_type"))
    found = {f"{row.content_type.app_label}.{row.codename}" for row in rows}
    unknown = [name for name in wanted if name not in found]
    if unknown:
        raise field_error(
            "permissions",
            f"Unknown permissions: {', '.join(unknown)}.",
            AppErrorCode.INVALID_PERMISSION,
            permissions=unknown,
        )
    return rows


def clean_name(name: str | None, *, max_length: int, required: bool, code_enum: Any) -> str:
    """A trimmed name within its column, in the caller's error-code enum (apps and webhooks)."""
    name = (name or "").strip()
    if required and not name:
        raise field_error("name", "A name is required.", code_enum.REQUIRED)
    if len(name) > max_length:
        raise field_error(
            "name", f"The name is longer than {max_length} characters.", code_enum.INVALID
        )
    return name


def _clean_identifier(identifier: str | None) -> str:
    identifier = (identifier or "").strip()
    if len(identifier) > IDENTIFIER_MAX_LENGTH:
        raise field_error(
            "identifier",
            f"The identifier is longer than {IDENTIFIER_MAX_LENGTH} characters.",
            AppErrorCode.INVALID,
        )
    return identifier


def _new_token(app: App, name: str) -> tuple[AppToken, str]:
    raw = _generate_token()
    token = AppToken.objects.create(
        app=app, name=name, token_hash=hash_token(raw), token_last_4=raw[-4:]
    )
    return token, raw


def create_app(
    *,
    name: str,
    identifier: str | None = None,
    permissions: Iterable[str] = (),
) -> AppWithToken:
    """A new active app holding `permissions`, and its first token (returned once, in clear).

    Who may hand out those permissions is the caller's check (`permissions.ensure_may_grant`)."""
    name = clean_name(name, max_length=APP_NAME_MAX_LENGTH, required=True, code_enum=AppErrorCode)
    identifier = _clean_identifier(identifier)
    names = [_permission_name(p) for p in permissions]
    rows = _permission_rows(names)
    with transaction.atomic():
        app = App.objects.create(name=name, identifier=identifier)
        app.permissions.set(rows)
        _, raw = _new_token(app, "Default")
    return AppWithToken(app=app, auth_token=raw)


def create_app_token(*, app: App, name: str | None = None) -> NewAppToken:
    """Another token for an app (returned once, in clear)."""
    name = clean_name(
        name, max_length=TOKEN_NAME_MAX_LENGTH, required=False, code_enum=AppErrorCode
    )
    with transaction.atomic():
        token, raw = _new_token(app, name)
    return NewAppToken(app_token=token, auth_token=raw)


def update_app(
    *,
    app: App,
    name: str | None = None,
    identifier: str | None = None,
    permissions: Iterable[str] | None = None,
) -> App:
    """Rename an app or change its permissions; `None` leaves a field as it is. Who may is the
    caller's check (`permissions.ensure_may_manage_app`, `ensure_may_set_app_permissions`)."""
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = clean_name(
            name, max_length=APP_NAME_MAX_LENGTH, required=True, code_enum=AppErrorCode
        )
    if identifier is not None:
        changes["identifier"] = _clean_identifier(identifier)
    rows = None
    if permissions is not None:
        names = [_permission_name(p) for p in permissions]
        rows = _permission_rows(names)
    with transaction.atomic():
        if changes:
            App.objects.filter(pk=app.pk).update(**changes)
            # An update sends no save signal; configuration cached from apps (the webhook
            # subscribers) must not outlive it.
            invalidate_cached_config(App)
        if rows is not None:
            app.permissions.set(rows)
    app.refresh_from_db()
    return app


def delete_app(*, app: App) -> App:
    """Delete an app with its tokens, webhooks and delivery log. The returned instance keeps its
    pk, so the API can still name what was deleted."""
    pk = app.pk
    with transaction.atomic():
        app.delete()
    app.pk = pk
    return app


def set_app_active(*, app: App, is_active: bool) -> App:
    """Activate or deactivate an app: an inactive app's tokens stop working and its webhooks
    receive nothing. Side effect: configuration cached from apps is invalidated."""
    with transaction.atomic():
        App.objects.filter(pk=app.pk).update(is_active=is_active)
        invalidate_cached_config(App)
    app.refresh_from_db()
    return app
