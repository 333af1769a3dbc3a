"""Who may change a user's access. The admin (and any staff API) checks this before calling
`services.update_user`; the service does not look at the requestor."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import Group

from backend.core.errors import field_error
from backend.core.permissions import PermissionEnum, has_permissions

from .error_codes import AccountErrorCode
from .models import User


def _permission_names_of(*, groups: Iterable[Group], permissions: Iterable[Any]) -> set[str]:
    rows = {(p.content_type.app_label, p.codename) for p in permissions}
    for group in groups:
        rows |= set(group.permissions.values_list("content_type__app_label", "codename"))
    return {f"{app_label}.{codename}" for app_label, codename in rows}


def ensure_may_change_access(*, user: User, changed_by: Any, changes: Mapping[str, Any]) -> None:
    """Nobody gives or takes away access they do not hold themselves (Saleor's staff rules).

    `user` is compared as stored, not as a form may have changed it in memory."""
    user = User.objects.get(pk=user.pk)
    superuser_changes = changes.get("is_superuser", user.is_superuser) != user.is_superuser
    if superuser_changes and not getattr(changed_by, "is_superuser", False):
        raise field_error(
            "is_superuser",
            "Only a superuser can make or unmake a superuser.",
            AccountErrorCode.OUT_OF_SCOPE_PERMISSION,
        )
    staff_changes = changes.get("is_staff", user.is_staff) != user.is_staff
    if staff_changes and not has_permissions(changed_by, [PermissionEnum.MANAGE_STAFF]):
        raise field_error(
            "is_staff",
            "You need the MANAGE_STAFF permission to change who is staff.",
            AccountErrorCode.OUT_OF_SCOPE_PERMISSION,
        )
    if "groups" in changes or "user_permissions" in changes:
        before = _permission_names_of(
            groups=user.groups.all(), permissions=user.user_permissions.all()
        )
        after = _permission_names_of(
            groups=changes.get("groups", user.groups.all()),
            permissions=changes.get("user_permissions", user.user_permissions.all()),
        )
        missing = sorted(name for name in before ^ after if not has_permissions(changed_by, [name]))
        if missing:
            raise field_error(
                "user_permissions",
                f"You can't give or take away permissions you do not have: {', '.join(missing)}.",
                AccountErrorCode.OUT_OF_SCOPE_PERMISSION,
                permissions=missing,
            )
