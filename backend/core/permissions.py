"""Saleor's staff permission names, mapped to Django permissions in Haat's apps."""

from __future__ import annotations

from enum import StrEnum


class PermissionEnum(StrEnum):
    """Saleor 3.21's PermissionEnum values Haat uses; the value is the Django permission."""

    MANAGE_USERS = "accounts.manage_users"
    MANAGE_STAFF = "accounts.manage_staff"
    IMPERSONATE_USER = "accounts.impersonate_user"
    MANAGE_CHANNELS = "channels.manage_channels"
    MANAGE_PRODUCTS = "catalog.manage_products"
    MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES = "catalog.manage_product_types_and_attributes"
    MANAGE_MENUS = "content.manage_menus"
    MANAGE_PAGES = "content.manage_pages"
    MANAGE_PAGE_TYPES_AND_ATTRIBUTES = "content.manage_page_types_and_attributes"
    MANAGE_TRANSLATIONS = "catalog.manage_translations"
    MANAGE_SETTINGS = "core.manage_settings"
    MANAGE_ORDERS = "core.manage_orders"
    MANAGE_CHECKOUTS = "core.manage_checkouts"
    MANAGE_SHIPPING = "core.manage_shipping"
    MANAGE_DISCOUNTS = "core.manage_discounts"
    MANAGE_PLUGINS = "core.manage_plugins"
    MANAGE_APPS = "core.manage_apps"
    HANDLE_PAYMENTS = "core.handle_payments"

    @property
    def codename(self) -> str:
        return self.value.split(".", 1)[1]


# Haat's own permissions (Saleor has no vendors or centres).
MANAGE_VENDORS = "marketplace.manage_vendors"
MANAGE_CENTRES = "places.manage_centres"


def has_permissions(user, permissions: list[str] | tuple[str, ...]) -> bool:
    """All of the permissions, for an active staff user, a superuser, or an app calling with its
    token (a requestor with `is_app`; it is no user, so it answers for its own permissions)."""
    if user is None:
        return False
    if getattr(user, "is_app", False):
        return all(user.has_perm(str(getattr(p, "value", p))) for p in permissions)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return all(user.has_perm(str(getattr(p, "value", p))) for p in permissions)


def acting_user(requestor):
    """The user behind a request, for `*_by` user columns; None for an app (which is no user:
    see backend.apps.auth) and for anonymous requests."""
    if requestor is None or getattr(requestor, "is_app", False):
        return None
    return requestor if getattr(requestor, "is_authenticated", False) else None
