"""webhookUpdate and webhookDelete."""

import pytest

from backend.apps import services as app_services
from backend.core.permissions import PermissionEnum
from plugins.framework.crypto import decrypt_secret
from plugins.webhook import services
from plugins.webhook.models import EventDelivery, EventPayload, Webhook, WebhookEvent
from storefront_api.core.ids import to_global_id

WEBHOOK_UPDATE = """
mutation WebhookUpdate($id: ID!, $input: WebhookUpdateInput!) {
  webhookUpdate(id: $id, input: $input) {
    webhook { name targetUrl isActive secretKey asyncEvents { eventType } }
    errors { field code }
  }
}
"""
WEBHOOK_DELETE = """
mutation WebhookDelete($id: ID!) { webhookDelete(id: $id) { webhook { id } errors { field code } } }
"""


@pytest.fixture
def hook(make_app, loopback_allowed):
    app = make_app(name="Partner", permissions=[PermissionEnum.MANAGE_PRODUCTS]).app
    return services.create_webhook(
        app=app,
        name="orders",
        target_url="http://127.0.0.1:9000/old",
        events=["CATEGORY_CREATED"],
        secret_key="old-secret-1234",
    ).webhook


def _snapshot(webhook: Webhook) -> tuple:
    webhook.refresh_from_db()
    events = sorted(
        WebhookEvent.objects.filter(webhook=webhook).values_list("event_type", flat=True)
    )
    return webhook.name, webhook.target_url, webhook.is_active, webhook.secret_key, events


def test_webhook_update_changes_target_events_state_and_secret(api_client, apps_manager, hook):
    # given
    variables = {
        "id": to_global_id("Webhook", hook.pk),
        "input": {
            "name": "catalogue",
            "targetUrl": "http://127.0.0.1:9000/new",
            "asyncEvents": ["PRODUCT_CREATED", "PRODUCT_UPDATED"],
            "isActive": False,
            "secretKey": "new-secret-5678",
        },
    }
    # when
    data = api_client.as_user(apps_manager).execute(WEBHOOK_UPDATE, variables)["webhookUpdate"]
    # then the secret is not echoed: it is masked
    assert data == {
        "webhook": {
            "name": "catalogue",
            "targetUrl": "http://127.0.0.1:9000/new",
            "isActive": False,
            "secretKey": "****5678",
            "asyncEvents": [{"eventType": "PRODUCT_CREATED"}, {"eventType": "PRODUCT_UPDATED"}],
        },
        "errors": [],
    }
    name, url, active, secret, events = _snapshot(hook)
    assert (name, url, active, events) == (
        "catalogue",
        "http://127.0.0.1:9000/new",
        False,
        ["PRODUCT_CREATED", "PRODUCT_UPDATED"],
    )
    assert "new-secret" not in secret
    assert decrypt_secret(secret) == "new-secret-5678"


def test_webhook_update_leaves_what_it_is_not_given(api_client, apps_manager, hook):
    # given
    before = _snapshot(hook)
    # when
    data = api_client.as_user(apps_manager).execute(
        WEBHOOK_UPDATE, {"id": to_global_id("Webhook", hook.pk), "input": {"name": "renamed"}}
    )
    # then
    assert data["webhookUpdate"]["errors"] == []
    assert _snapshot(hook) == ("renamed", *before[1:])


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"asyncEvents": []}, "asyncEvents", "MISSING_EVENT"),
        ({"targetUrl": "gopher://127.0.0.1/"}, "targetUrl", "INVALID"),
        ({"targetUrl": "http://10.0.0.1/"}, "targetUrl", "INVALID"),
        ({"secretKey": ""}, "secretKey", "INVALID"),
        ({"syncEvents": ["TRANSACTION_PROCESS_SESSION"]}, "syncEvents", "INVALID"),
    ],
)
def test_webhook_update_errors_change_nothing(
    api_client, apps_manager, hook, settings, fields, field, code
):
    # given
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    before = _snapshot(hook)
    variables = {"id": to_global_id("Webhook", hook.pk), "input": {"name": "changed", **fields}}
    # when
    data = api_client.as_user(apps_manager).execute(WEBHOOK_UPDATE, variables)["webhookUpdate"]
    # then
    assert data["webhook"] is None
    assert [(e["field"], e["code"]) for e in data["errors"]] == [(field, code)]
    assert _snapshot(hook) == before


def test_webhook_update_cannot_move_a_webhook_to_another_app(
    api_client, apps_manager, hook, make_app
):
    # given
    other = make_app(name="Other").app
    variables = {
        "id": to_global_id("Webhook", hook.pk),
        "input": {"app": to_global_id("App", other.pk)},
    }
    # when
    data = api_client.as_user(apps_manager).execute(WEBHOOK_UPDATE, variables)["webhookUpdate"]
    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("app", "INVALID")]
    assert Webhook.objects.get().app_id == hook.app_id


def test_webhook_delete_removes_it_and_its_deliveries(api_client, apps_manager, hook):
    # given
    payload = EventPayload.objects.create(payload="{}")
    EventDelivery.objects.create(webhook=hook, payload=payload, event_type="ORDER_CREATED")
    webhook_id = to_global_id("Webhook", hook.pk)
    # when
    data = api_client.as_user(apps_manager).execute(WEBHOOK_DELETE, {"id": webhook_id})
    # then
    assert data["webhookDelete"] == {"webhook": {"id": webhook_id}, "errors": []}
    assert not Webhook.objects.exists()
    assert not EventDelivery.objects.exists()


def test_webhook_delete_of_an_unknown_webhook(api_client, apps_manager, hook):
    # when
    data = api_client.as_user(apps_manager).execute(
        WEBHOOK_DELETE, {"id": to_global_id("Webhook", hook.pk + 1000)}
    )
    # then
    assert data["webhookDelete"] == {
        "webhook": None,
        "errors": [{"field": "id", "code": "NOT_FOUND"}],
    }
    assert Webhook.objects.count() == 1


def test_an_app_manages_only_its_own_webhooks(app_client, make_app, hook):
    # given another app, calling with its token
    nosy = make_app(name="Nosy")
    client = app_client(nosy.auth_token)
    webhook_id = to_global_id("Webhook", hook.pk)
    before = _snapshot(hook)
    # when
    updated = client.execute_raw(WEBHOOK_UPDATE, {"id": webhook_id, "input": {"name": "x"}})
    deleted = client.execute_raw(WEBHOOK_DELETE, {"id": webhook_id})
    # then
    assert updated["data"]["webhookUpdate"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert deleted["data"]["webhookDelete"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert _snapshot(hook) == before


def test_the_owning_app_updates_its_webhook_with_its_token(app_client, superuser, hook):
    # given the webhook's own app, with a fresh token
    token = app_services.create_app_token(app=hook.app).auth_token
    # when
    content = app_client(token).execute_raw(
        WEBHOOK_UPDATE, {"id": to_global_id("Webhook", hook.pk), "input": {"isActive": False}}
    )
    # then
    assert content["data"]["webhookUpdate"]["errors"] == []
    assert Webhook.objects.get().is_active is False


@pytest.mark.parametrize("role", [None, "customer_user", "entrepreneur", "staff_user"])
@pytest.mark.parametrize("query", [WEBHOOK_UPDATE, WEBHOOK_DELETE])
def test_webhook_mutations_are_denied_without_manage_apps(
    request, api_client, vendor, hook, role, query
):
    # given
    client = api_client if role is None else api_client.as_user(request.getfixturevalue(role))
    before = _snapshot(hook)
    variables = {"id": to_global_id("Webhook", hook.pk), "input": {"name": "x"}}
    if query is WEBHOOK_DELETE:
        variables.pop("input")
    # when
    content = client.execute_raw(query, variables)
    # then
    assert list(content["data"].values()) == [None]
    assert [e["extensions"]["exception"]["code"] for e in content["errors"]] == ["PermissionDenied"]
    assert _snapshot(hook) == before
