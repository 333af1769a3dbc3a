"""Calling the API as an app: `Authorization: Bearer <app token>`.

The requestor is an `AppRequestor`: to every user-centric check it is nobody (it subclasses
`AnonymousUser`: `me` is null, it owns no shop, no `*_by` user column can point at it), while
`backend.core.permissions.has_permissions` sees the app's own permissions. So an app with
MANAGE_PRODUCTS passes exactly the checks a staff member with MANAGE_PRODUCTS passes, and no
domain function ever stores it where a user belongs. Saleor keeps user and app apart the same
way (`context.user` is None, `context.app` is the app).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from .models import App, AppToken
from .services import hash_token


class AppRequestor(AnonymousUser):
    """An active app acting through one of its tokens, with its permissions loaded once."""

    is_app = True

    def __init__(self, app: App, permissions: frozenset[str]):
        self.app = app
        self.app_permissions = permissions

    def __str__(self) -> str:
        return f"app:{self.app.name}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AppRequestor) and other.app.pk == self.app.pk

    def __hash__(self) -> int:
        return hash(("app", self.app.pk))

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return self.app.is_active and perm in self.app_permissions

    def has_perms(self, perm_list, obj: object = None) -> bool:
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def get_all_permissions(self, obj: object = None) -> set[str]:
        return set(self.app_permissions) if self.app.is_active else set()


def app_from_token(raw_token: str) -> App | None:
    """The active app owning this token (looked up by its SHA-256), or None."""
    if not raw_token:
        return None
    token = (
        AppToken.objects.select_related("app")
        .filter(token_hash=hash_token(raw_token), app__is_active=True)
        .first()
    )
    return token.app if token is not None else None


def requestor_for_app(app: App) -> AppRequestor:
    permissions = frozenset(
        f"{app_label}.{codename}"
        for app_label, codename in app.permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    return AppRequestor(app, permissions)


def app_requestor_from_token(raw_token: str) -> AppRequestor | None:
    """Who a request with this app token acts as (two queries), or None for a bad token."""
    app = app_from_token(raw_token)
    return requestor_for_app(app) if app is not None else None
