"""backend.apps.services: apps and tokens, their checks and their secrets."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from backend.apps import permissions as app_permissions
from backend.apps import services as app_services
from backend.apps.error_codes import AppErrorCode
from backend.apps.models import App, AppToken
from backend.core.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import UserFactory


@pytest.fixture
def root(db):
    return UserFactory(is_staff=True, is_superuser=True, phone=None, email="root@haat.test")


@pytest.fixture
def manager(db):
    user = UserFactory(is_staff=True, phone=None, email="m@haat.test")
    grant(user, PermissionEnum.MANAGE_APPS, PermissionEnum.MANAGE_PRODUCTS)
    return user


def _codes(error: ValidationError) -> list[tuple[str, str]]:
    return [(field, item.code) for field, items in error.error_dict.items() for item in items]


def test_create_app_stores_only_the_hash_and_last_four(root):
    # when
    created = app_services.create_app(
        name=" Sync ", permissions=[PermissionEnum.MANAGE_PRODUCTS.value]
    )
    # then
    token = AppToken.objects.get()
    assert created.app.name == "Sync"
    assert token.token_hash == hashlib.sha256(created.auth_token.encode()).hexdigest()
    assert token.token_last_4 == created.auth_token[-4:]
    assert app_permissions.app_permission_names(created.app) == {"catalog.manage_products"}


def test_tokens_are_unique_and_carry_no_dots(root):
    # when
    tokens = {app_services.create_app(name=f"a{i}").auth_token for i in range(20)}
    # then
    assert len(tokens) == 20
    assert all("." not in token and len(token) == 40 for token in tokens)


def test_granting_permissions_one_does_not_hold_is_out_of_scope(manager):
    # when a manager with MANAGE_APPS and MANAGE_PRODUCTS would hand out MANAGE_STAFF too
    with pytest.raises(ValidationError) as caught:
        app_permissions.ensure_may_grant(
            manager, [PermissionEnum.MANAGE_PRODUCTS.value, PermissionEnum.MANAGE_STAFF.value]
        )
    # then only the one they lack is named
    assert _codes(caught.value) == [("permissions", AppErrorCode.OUT_OF_SCOPE_PERMISSION)]
    assert caught.value.error_dict["permissions"][0].params == {
        "permissions": ["accounts.manage_staff"]
    }


def test_managing_an_app_needs_every_permission_it_holds(root, manager):
    # given an app holding a permission the manager lacks
    app = app_services.create_app(name="x", permissions=[PermissionEnum.MANAGE_STAFF.value]).app
    # when the manager would change it, or change its permissions
    with pytest.raises(ValidationError) as manage:
        app_permissions.ensure_may_manage_app(app=app, requestor=manager)
    with pytest.raises(ValidationError) as replace:
        app_permissions.ensure_may_set_app_permissions(
            app=app, requestor=manager, names=[PermissionEnum.MANAGE_PRODUCTS.value]
        )
    # then both are OUT_OF_SCOPE_APP on the app
    assert _codes(manage.value) == [("id", AppErrorCode.OUT_OF_SCOPE_APP)]
    assert _codes(replace.value) == [("id", AppErrorCode.OUT_OF_SCOPE_APP)]
    # and the root may
    app_permissions.ensure_may_set_app_permissions(app=app, requestor=root, names=[])


def test_create_app_refuses_unknown_permissions(root):
    # when
    with pytest.raises(ValidationError) as caught:
        app_services.create_app(name="x", permissions=["core.launch_rockets"])
    # then
    assert _codes(caught.value) == [("permissions", AppErrorCode.INVALID_PERMISSION)]
    assert not App.objects.exists()


def test_update_app_checks_added_and_removed_permissions(root, manager):
    # given an app with MANAGE_PRODUCTS and MANAGE_APPS
    app = app_services.create_app(
        name="x",
        permissions=[PermissionEnum.MANAGE_PRODUCTS.value, PermissionEnum.MANAGE_APPS.value],
    ).app
    # when the manager (who holds both) may drop one, and does
    names = [PermissionEnum.MANAGE_APPS.value]
    app_permissions.ensure_may_set_app_permissions(app=app, requestor=manager, names=names)
    app_services.update_app(app=app, permissions=names)
    # then
    assert app_permissions.app_permission_names(app) == {"core.manage_apps"}
