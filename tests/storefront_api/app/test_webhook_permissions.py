"""webhookCreate/Update/Delete: an app subscribes only to events whose permission it holds, and
staff manage the webhooks only of apps whose every permission they hold."""

from __future__ import annotations

import pytest

from backend.apps import services as app_services
from backend.core.permissions import MANAGE_VENDORS, PermissionEnum
from plugins.webhook import services
from plugins.webhook.models import Webhook, WebhookEvent
from storefront_api.core.ids import to_global_id
from tests.conftest import grant
from tests.factories import UserFactory

WEBHOOK_CREATE = """
mutation ($input: WebhookCreateInput!) {
  webhookCreate(input: $input) { webhook { id } errors { field code message } }
}
"""
WEBHOOK_UPDATE = """
mutation ($id: ID!, $input: WebhookUpdateInput!) {
  webhookUpdate(id: $id, input: $input) { webhook { id } errors { field code } }
}
"""
WEBHOOK_DELETE = """
mutation ($id: ID!) { webhookDelete(id: $id) { webhook { id } errors { field code } } }
"""


@pytest.mark.parametrize(
    ("event", "needed"),
    [("PRODUCT_UPDATED", "catalog.manage_products"), ("VENDOR_APPROVED", MANAGE_VENDORS)],
)
def test_an_app_without_permissions_cannot_subscribe(
    app_client, make_app, loopback_allowed, event, needed
):
    # given an app with no permissions, calling with its own token
    created = make_app(name="Curious")
    variables = {"input": {"targetUrl": "http://127.0.0.1/h", "asyncEvents": [event]}}
    # when
    content = app_client(created.auth_token).execute_raw(WEBHOOK_CREATE, variables)
    # then
    assert content["data"]["webhookCreate"] == {
        "webhook": None,
        "errors": [
            {
                "field": "asyncEvents",
                "code": "INVALID",
                "message": f"The app lacks the permissions these events need: {event} "
                f"(needs {needed}).",
            }
        ],
    }
    assert not Webhook.objects.exists()


def test_an_app_with_the_permission_subscribes(db, app_client, loopback_allowed):
    # given an app holding MANAGE_VENDORS
    created = app_services.create_app(name="Onboarding", permissions=[MANAGE_VENDORS])
    variables = {"input": {"targetUrl": "http://127.0.0.1/h", "asyncEvents": ["VENDOR_APPROVED"]}}
    # when
    content = app_client(created.auth_token).execute_raw(WEBHOOK_CREATE, variables)
    # then
    assert content["data"]["webhookCreate"]["errors"] == []
    assert list(WebhookEvent.objects.values_list("event_type", flat=True)) == ["VENDOR_APPROVED"]


def test_an_app_cannot_add_an_event_it_lacks_by_update(db, app_client, loopback_allowed):
    # given an app with MANAGE_PRODUCTS and its PRODUCT_UPDATED webhook
    created = app_services.create_app(
        name="Catalogue", permissions=[PermissionEnum.MANAGE_PRODUCTS]
    )
    webhook = services.create_webhook(
        app=created.app, target_url="http://127.0.0.1/h", events=["PRODUCT_UPDATED"]
    ).webhook
    # when it asks for orders too
    content = app_client(created.auth_token).execute_raw(
        WEBHOOK_UPDATE,
        {
            "id": to_global_id("Webhook", webhook.pk),
            "input": {"asyncEvents": ["PRODUCT_UPDATED", "ORDER_CREATED"]},
        },
    )
    # then
    assert content["data"]["webhookUpdate"]["errors"] == [
        {"field": "asyncEvents", "code": "INVALID"}
    ]
    assert list(webhook.events.values_list("event_type", flat=True)) == ["PRODUCT_UPDATED"]


@pytest.fixture
def apps_only_staff(db):
    """Staff with MANAGE_APPS and nothing else."""
    user = UserFactory(is_staff=True, email="apps-only@haat.test", phone=None)
    grant(user, PermissionEnum.MANAGE_APPS)
    return user


@pytest.fixture
def privileged_app(db):
    return app_services.create_app(
        name="ERP", permissions=[PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_ORDERS]
    ).app


def test_staff_cannot_add_a_webhook_to_a_more_privileged_app(
    api_client, apps_only_staff, privileged_app, loopback_allowed
):
    # given staff with only MANAGE_APPS and an app with MANAGE_PRODUCTS and MANAGE_ORDERS
    variables = {
        "input": {
            "app": to_global_id("App", privileged_app.pk),
            "targetUrl": "http://127.0.0.1/mine",
            "asyncEvents": ["ORDER_CREATED"],
        }
    }
    # when the staff member points the app's order events at a URL of their own
    content = api_client.as_user(apps_only_staff).execute_raw(WEBHOOK_CREATE, variables)
    # then
    assert content["data"]["webhookCreate"] == {
        "webhook": None,
        "errors": [
            {
                "field": "app",
                "code": "INVALID",
                "message": "You can't manage the webhooks of an app that holds permissions "
                "you do not have.",
            }
        ],
    }
    assert not Webhook.objects.exists()


@pytest.mark.parametrize(
    ("query", "name", "extra"),
    [
        (WEBHOOK_UPDATE, "webhookUpdate", {"input": {"targetUrl": "http://127.0.0.1/mine"}}),
        (WEBHOOK_DELETE, "webhookDelete", {}),
    ],
)
def test_staff_cannot_change_a_more_privileged_apps_webhook(
    api_client, apps_only_staff, privileged_app, loopback_allowed, query, name, extra
):
    # given the privileged app's webhook
    webhook = services.create_webhook(
        app=privileged_app, target_url="http://127.0.0.1/erp", events=["ORDER_CREATED"]
    ).webhook
    # when
    content = api_client.as_user(apps_only_staff).execute_raw(
        query, {"id": to_global_id("Webhook", webhook.pk), **extra}
    )
    # then
    assert content["data"][name] == {
        "webhook": None,
        "errors": [{"field": "id", "code": "INVALID"}],
    }
    webhook.refresh_from_db()
    assert webhook.target_url == "http://127.0.0.1/erp"


def test_staff_holding_the_apps_permissions_may_manage_its_webhooks(
    api_client, apps_only_staff, privileged_app, loopback_allowed
):
    # given staff who also hold every permission of the app
    grant(apps_only_staff, PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_ORDERS)
    variables = {
        "input": {
            "app": to_global_id("App", privileged_app.pk),
            "targetUrl": "http://127.0.0.1/erp",
            "asyncEvents": ["ORDER_CREATED", "PRODUCT_UPDATED"],
        }
    }
    # when
    content = api_client.as_user(apps_only_staff).execute_raw(WEBHOOK_CREATE, variables)
    # then
    assert content["data"]["webhookCreate"]["errors"] == []
    assert Webhook.objects.get().app == privileged_app
