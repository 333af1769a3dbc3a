"""Reads for vendors: who may see which vendor."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Vendor, VendorStatus
from .permissions import may_manage_vendors


def visible_vendors(*, user) -> QuerySet[Vendor]:
    """Approved vendors for everyone; a vendor's owner also sees their own; managers see all.

    Pending and suspended shops must not leak to the public storefront.
    """
    vendors = Vendor.objects.all()
    if may_manage_vendors(user):
        return vendors
    visible = Q(status=VendorStatus.APPROVED)
    if user is not None and user.is_authenticated:
        visible |= Q(owner_id=user.pk)
    return vendors.filter(visible)


def is_vendor_visible(*, vendor: Vendor, user) -> bool:
    """The same rule as `visible_vendors`, for a vendor already loaded."""
    if vendor.status == VendorStatus.APPROVED:
        return True
    if user is not None and user.is_authenticated and vendor.owner_id == user.pk:
        return True
    return may_manage_vendors(user)
