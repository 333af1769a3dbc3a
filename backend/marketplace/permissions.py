"""Who may open, approve and suspend shops. The API and the admin check these before calling a
service; the services themselves do not look at the requestor."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from backend.core.permissions import MANAGE_VENDORS, has_permissions
from backend.places.models import Centre
from backend.places.selectors import is_entrepreneur_at


def may_manage_vendors(user) -> bool:
    """Staff (or an app) with MANAGE_VENDORS: approve, suspend, open shops for others."""
    return has_permissions(user, [MANAGE_VENDORS])


def ensure_may_manage_vendors(user) -> None:
    if not may_manage_vendors(user):
        raise PermissionDenied("Approving and suspending vendors needs MANAGE_VENDORS.")


def ensure_may_open_vendor(user, *, owner, centre: Centre) -> None:
    """An entrepreneur opens their own shop at their centre; MANAGE_VENDORS staff open any."""
    if user.pk != owner.pk and not may_manage_vendors(user):
        raise PermissionDenied("Only staff with MANAGE_VENDORS may open a shop for someone else.")
    if user.pk == owner.pk and not (
        is_entrepreneur_at(user=owner, centre=centre) or may_manage_vendors(user)
    ):
        raise PermissionDenied("Only an entrepreneur of this centre may open a shop here.")
