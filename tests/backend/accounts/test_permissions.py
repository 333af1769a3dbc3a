"""backend.accounts.permissions: nobody gives or takes away access they do not hold."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from backend.accounts.error_codes import AccountErrorCode
from backend.accounts.permissions import ensure_may_change_access
from backend.core.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import UserFactory


def _codes(error: ValidationError) -> list[tuple[str, str]]:
    return [(field, item.code) for field, items in error.error_dict.items() for item in items]


@pytest.fixture
def staff_manager(db):
    manager = UserFactory(is_staff=True)
    grant(manager, PermissionEnum.MANAGE_STAFF, PermissionEnum.MANAGE_USERS)
    return manager


def test_only_a_superuser_makes_a_superuser(staff_manager):
    # given a customer
    user = UserFactory()
    # when a staff manager would make them a superuser
    with pytest.raises(ValidationError) as caught:
        ensure_may_change_access(
            user=user, changed_by=staff_manager, changes={"is_superuser": True}
        )
    # then it is out of scope; a superuser may
    assert _codes(caught.value) == [("is_superuser", AccountErrorCode.OUT_OF_SCOPE_PERMISSION)]
    root = UserFactory(is_staff=True, is_superuser=True)
    ensure_may_change_access(user=user, changed_by=root, changes={"is_superuser": True})


def test_staff_status_needs_manage_staff(db):
    # given a user manager without MANAGE_STAFF
    manager = UserFactory(is_staff=True)
    grant(manager, PermissionEnum.MANAGE_USERS)
    # when they would make a customer staff
    with pytest.raises(ValidationError) as caught:
        ensure_may_change_access(user=UserFactory(), changed_by=manager, changes={"is_staff": True})
    # then it is out of scope
    assert _codes(caught.value) == [("is_staff", AccountErrorCode.OUT_OF_SCOPE_PERMISSION)]


def test_permissions_given_or_taken_must_be_held(staff_manager):
    # given a user holding MANAGE_PRODUCTS, which the manager lacks
    user = UserFactory(is_staff=True)
    grant(user, PermissionEnum.MANAGE_PRODUCTS)
    manage_users = Permission.objects.get(codename="manage_users")
    # when the manager would replace it with MANAGE_USERS (which they hold)
    with pytest.raises(ValidationError) as caught:
        ensure_may_change_access(
            user=user, changed_by=staff_manager, changes={"user_permissions": [manage_users]}
        )
    # then taking MANAGE_PRODUCTS away is out of scope, and only that is named
    assert _codes(caught.value) == [("user_permissions", AccountErrorCode.OUT_OF_SCOPE_PERMISSION)]
    assert caught.value.error_dict["user_permissions"][0].params == {
        "permissions": ["catalog.manage_products"]
    }


def test_the_stored_row_is_compared_not_the_instance_in_memory(staff_manager):
    # given a customer whose instance a form has already changed in memory
    user = UserFactory()
    user.is_superuser = True
    # when the manager's change is checked
    with pytest.raises(ValidationError) as caught:
        ensure_may_change_access(
            user=user, changed_by=staff_manager, changes={"is_superuser": True}
        )
    # then the change is seen against the stored row, and refused
    assert _codes(caught.value) == [("is_superuser", AccountErrorCode.OUT_OF_SCOPE_PERMISSION)]
