"""plugins.webhook.services: apps, tokens and webhooks, their checks and their secrets."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from backend.core.permissions import PermissionEnum
from plugins.framework.crypto import decrypt_secret, is_encrypted
from plugins.webhook import services
from plugins.webhook.error_codes import AppErrorCode, WebhookErrorCode
from plugins.webhook.models import App, AppToken, Webhook, WebhookEvent
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
    created = services.create_app(
        name=" Sync ", permissions=[PermissionEnum.MANAGE_PRODUCTS.value], created_by=root
    )
    # then
    token = AppToken.objects.get()
    assert created.app.name == "Sync"
    assert token.token_hash == hashlib.sha256(created.auth_token.encode()).hexdigest()
    assert token.token_last_4 == created.auth_token[-4:]
    assert services.app_permission_names(created.app) == {"catalog.manage_products"}


def test_tokens_are_unique_and_carry_no_dots(root):
    # when
    tokens = {services.create_app(name=f"a{i}", created_by=root).auth_token for i in range(20)}
    # then
    assert len(tokens) == 20
    assert all("." not in token and len(token) == 40 for token in tokens)


def test_create_app_refuses_out_of_scope_permissions_and_creates_nothing(manager):
    # when
    with pytest.raises(ValidationError) as caught:
        services.create_app(
            name="x",
            permissions=[PermissionEnum.MANAGE_PRODUCTS.value, PermissionEnum.MANAGE_STAFF.value],
            created_by=manager,
        )
    # then
    assert _codes(caught.value) == [("permissions", AppErrorCode.OUT_OF_SCOPE_PERMISSION)]
    assert caught.value.error_dict["permissions"][0].params == {
        "permissions": ["accounts.manage_staff"]
    }
    assert not App.objects.exists()


def test_create_app_refuses_unknown_permissions(root):
    # when
    with pytest.raises(ValidationError) as caught:
        services.create_app(name="x", permissions=["core.launch_rockets"], created_by=root)
    # then
    assert _codes(caught.value) == [("permissions", AppErrorCode.INVALID_PERMISSION)]
    assert not App.objects.exists()


def test_update_app_checks_added_and_removed_permissions(root, manager):
    # given an app with MANAGE_PRODUCTS and MANAGE_APPS
    app = services.create_app(
        name="x",
        permissions=[PermissionEnum.MANAGE_PRODUCTS.value, PermissionEnum.MANAGE_APPS.value],
        created_by=root,
    ).app
    # when the manager (who holds both) drops one
    services.update_app(app=app, permissions=[PermissionEnum.MANAGE_APPS.value], updated_by=manager)
    # then
    assert services.app_permission_names(app) == {"core.manage_apps"}


def test_create_webhook_generates_and_encrypts_a_secret(root, settings):
    # given
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    app = services.create_app(name="x", created_by=root).app
    # when
    created = services.create_webhook(
        app=app,
        target_url="http://127.0.0.1:8000/h",
        events=["ORDER_CREATED", "ORDER_CREATED", "PRODUCT_CREATED"],
    )
    # then
    stored = Webhook.objects.get()
    assert len(created.secret_key) >= 40
    assert is_encrypted(stored.secret_key)
    assert decrypt_secret(stored.secret_key) == created.secret_key
    assert sorted(WebhookEvent.objects.values_list("event_type", flat=True)) == [
        "ORDER_CREATED",
        "PRODUCT_CREATED",
    ]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"events": []}, [("events", WebhookErrorCode.MISSING_EVENT)]),
        ({"events": ["ORDER_EATEN"]}, [("events", WebhookErrorCode.INVALID)]),
        ({"target_url": "ftp://127.0.0.1/"}, [("target_url", WebhookErrorCode.INVALID)]),
        (
            {"target_url": "http://169.254.169.254/latest/meta-data"},
            [("target_url", WebhookErrorCode.INVALID)],
        ),
        ({"target_url": "http://10.0.0.1/"}, [("target_url", WebhookErrorCode.INVALID)]),
        ({"target_url": "http://127.0.0.1/"}, [("target_url", WebhookErrorCode.INVALID)]),
    ],
)
def test_create_webhook_errors_create_nothing(root, settings, kwargs, expected):
    # given no private network is allowed
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    app = services.create_app(name="x", created_by=root).app
    arguments = {"target_url": "http://93.184.216.34/h", "events": ["ORDER_CREATED"], **kwargs}
    # when
    with pytest.raises(ValidationError) as caught:
        services.create_webhook(app=app, **arguments)
    # then
    assert _codes(caught.value) == expected
    assert not Webhook.objects.exists()
