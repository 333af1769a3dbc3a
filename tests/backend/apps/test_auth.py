"""backend.apps.auth: tokens to apps, and what an app requestor may do."""

import pytest

from backend.apps import services as app_services
from backend.apps.auth import app_from_token, app_requestor_from_token
from backend.core.permissions import PermissionEnum, acting_user, has_permissions
from tests.factories import UserFactory


@pytest.fixture
def root(db):
    return UserFactory(is_staff=True, is_superuser=True, phone=None, email="root@haat.test")


def test_app_from_token_finds_the_active_app(root):
    # given
    created = app_services.create_app(name="x")
    # when / then
    assert app_from_token(created.auth_token) == created.app
    assert app_from_token(created.auth_token + "x") is None
    assert app_from_token("") is None


def test_an_inactive_app_has_no_token(root):
    # given
    created = app_services.create_app(name="x")
    app_services.set_app_active(app=created.app, is_active=False)
    # when / then
    assert app_from_token(created.auth_token) is None


def test_an_app_requestor_has_its_permissions_and_is_no_user(root):
    # given
    created = app_services.create_app(name="x", permissions=[PermissionEnum.MANAGE_PRODUCTS.value])
    # when
    requestor = app_requestor_from_token(created.auth_token)
    # then
    assert requestor.app == created.app
    assert has_permissions(requestor, [PermissionEnum.MANAGE_PRODUCTS])
    assert not has_permissions(requestor, [PermissionEnum.MANAGE_ORDERS])
    assert not has_permissions(
        requestor, [PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_ORDERS]
    )
    assert requestor.is_authenticated is False
    assert requestor.pk is None
    assert acting_user(requestor) is None
    assert acting_user(root) == root
