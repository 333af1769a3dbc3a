"""plugins.webhook.services: webhooks, their checks and their secrets."""

import pytest
from django.core.exceptions import ValidationError

from backend.apps import services as app_services
from backend.core.permissions import PermissionEnum
from plugins.framework.crypto import decrypt_secret, is_encrypted
from plugins.webhook import services
from plugins.webhook.error_codes import WebhookErrorCode
from plugins.webhook.models import Webhook, WebhookEvent
from tests.factories import UserFactory


@pytest.fixture
def root(db):
    return UserFactory(is_staff=True, is_superuser=True, phone=None, email="root@haat.test")


_EVENT_PERMISSIONS = [PermissionEnum.MANAGE_ORDERS.value, PermissionEnum.MANAGE_PRODUCTS.value]


def _codes(error: ValidationError) -> list[tuple[str, str]]:
    return [(field, item.code) for field, items in error.error_dict.items() for item in items]


def test_create_webhook_generates_and_encrypts_a_secret(root, settings):
    # given
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    app = app_services.create_app(name="x", permissions=_EVENT_PERMISSIONS).app
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
    app = app_services.create_app(name="x", permissions=_EVENT_PERMISSIONS).app
    arguments = {"target_url": "http://93.184.216.34/h", "events": ["ORDER_CREATED"], **kwargs}
    # when
    with pytest.raises(ValidationError) as caught:
        services.create_webhook(app=app, **arguments)
    # then
    assert _codes(caught.value) == expected
    assert not Webhook.objects.exists()
