import pytest
from django.core.exceptions import PermissionDenied

from backend.catalog.permissions import (
    ensure_may_edit_categories,
    ensure_may_edit_vendor_catalogue,
    may_edit_some_products,
)


@pytest.mark.django_db
def test_owner_may_edit_own_vendor_only(vendor, other_vendor, entrepreneur):
    ensure_may_edit_vendor_catalogue(entrepreneur, vendor_id=vendor.pk)
    with pytest.raises(PermissionDenied):
        ensure_may_edit_vendor_catalogue(entrepreneur, vendor_id=other_vendor.pk)
    with pytest.raises(PermissionDenied):
        ensure_may_edit_categories(entrepreneur)


@pytest.mark.django_db
def test_product_manager_may_edit_everything(product_manager, vendor):
    ensure_may_edit_vendor_catalogue(product_manager, vendor_id=vendor.pk)
    ensure_may_edit_categories(product_manager)


@pytest.mark.django_db
def test_others_may_edit_nothing(customer_user, staff_user, vendor):
    from django.contrib.auth.models import AnonymousUser

    for user in (AnonymousUser(), customer_user, staff_user):
        assert may_edit_some_products(user) is False
        with pytest.raises(PermissionDenied):
            ensure_may_edit_vendor_catalogue(user, vendor_id=vendor.pk)
