"""Who may change which products: product staff everything, an entrepreneur their own shops."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from backend.core.permissions import PermissionEnum, has_permissions
from backend.marketplace.models import Vendor


def is_product_manager(user) -> bool:
    """Staff with MANAGE_PRODUCTS (or a superuser)."""
    return has_permissions(user, [PermissionEnum.MANAGE_PRODUCTS])


def owned_vendor_ids(user) -> list[int]:
    """Vendors the user owns; empty for anonymous users."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return list(Vendor.objects.filter(owner_id=user.pk).values_list("pk", flat=True))


def may_edit_some_products(user) -> bool:
    """The cheap first check, before any object is loaded: managers and shop owners."""
    return is_product_manager(user) or bool(owned_vendor_ids(user))


def may_edit_vendor_catalogue(user, *, vendor_id: int) -> bool:
    return is_product_manager(user) or vendor_id in owned_vendor_ids(user)


def ensure_may_edit_vendor_catalogue(user, *, vendor_id: int) -> None:
    """Raise PermissionDenied unless the user may change this vendor's products and stock."""
    if not may_edit_vendor_catalogue(user, vendor_id=vendor_id):
        raise PermissionDenied("You can change only the products of your own shop.")


def ensure_may_edit_categories(user) -> None:
    """Categories are shared by every shop: only product staff change them."""
    if not is_product_manager(user):
        raise PermissionDenied(
            f"You need the following permission: {PermissionEnum.MANAGE_PRODUCTS.name}"
        )
