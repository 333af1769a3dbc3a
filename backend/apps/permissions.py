"""Who may manage which app (Saleor's OUT_OF_SCOPE_APP and OUT_OF_SCOPE_PERMISSION rules).

The API and the admin check these before calling a service; the services do not look at the
requestor. Nobody hands out, or acts through, a permission they do not hold: otherwise a
MANAGE_APPS holder could mint a token for a more powerful app and act through it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from backend.core.errors import field_error
from backend.core.permissions import has_permissions

from .error_codes import AppErrorCode
from .models import App


def app_permission_names(app: App) -> set[str]:
    """The app's permissions as `app_label.codename` names."""
    return {
        f"{app_label}.{codename}"
        for app_label, codename in app.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def ensure_may_grant(requestor: Any, names: Iterable[str]) -> None:
    """Giving (or taking away) permissions needs each of them (OUT_OF_SCOPE_PERMISSION)."""
    missing = sorted(name for name in set(names) if not has_permissions(requestor, [name]))
    if missing:
        raise field_error(
            "permissions",
            "You can't give an app permissions you do not have yourself.",
            AppErrorCode.OUT_OF_SCOPE_PERMISSION,
            permissions=missing,
        )


def ensure_may_manage_app(*, app: App, requestor: Any) -> None:
    """Changing an app, or minting its tokens, needs every permission it holds
    (OUT_OF_SCOPE_APP)."""
    missing = [name for name in app_permission_names(app) if not has_permissions(requestor, [name])]
    if missing:
        raise field_error(
            "id",
            "You can't manage an app that holds permissions you do not have.",
            AppErrorCode.OUT_OF_SCOPE_APP,
        )


def ensure_may_set_app_permissions(*, app: App, requestor: Any, names: Iterable[str]) -> None:
    """Replacing an app's permissions: manage the app, and hold every one added or removed."""
    ensure_may_manage_app(app=app, requestor=requestor)
    ensure_may_grant(requestor, set(names) ^ app_permission_names(app))
