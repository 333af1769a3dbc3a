import pytest

from backend.core.permissions import PermissionEnum
from plugins.framework.crypto import decrypt_secret, is_encrypted
from plugins.webhook.models import Webhook, WebhookEvent
from storefront_api.core.ids import to_global_id
from tests.conftest import grant
from tests.plugins.webhook.addresses import NON_GLOBAL_ADDRESSES, url_of

WEBHOOK_CREATE = """
mutation WebhookCreate($input: WebhookCreateInput!) {
  webhookCreate(input: $input) {
    webhook {
      id name targetUrl isActive secretKey
      asyncEvents { name eventType } events { eventType } syncEvents { eventType }
      app { id name }
    }
    errors { field code message }
  }
}
"""

WEBHOOK_QUERY = "query Webhook($id: ID!) { webhook(id: $id) { secretKey } }"


@pytest.fixture
def partner(make_app):
    return make_app(name="Partner", permissions=[PermissionEnum.MANAGE_PRODUCTS]).app


def _input(owner, target_url: str, **extra) -> dict:
    return {
        "input": {
            "app": to_global_id("App", owner.pk),
            "name": "orders",
            "targetUrl": target_url,
            "asyncEvents": ["PRODUCT_CREATED", "CATEGORY_CREATED"],
            **extra,
        }
    }


def test_webhook_create_generates_a_secret_shown_once(
    api_client, apps_manager, partner, loopback_allowed
):
    # given
    variables = _input(partner, "http://127.0.0.1:8081/hooks")
    client = api_client.as_user(apps_manager)
    # when
    data = client.execute(WEBHOOK_CREATE, variables)["webhookCreate"]
    # then the secret is in the response, in clear, and encrypted in the database
    assert data["errors"] == []
    webhook = data["webhook"]
    assert webhook["name"] == "orders"
    assert webhook["targetUrl"] == "http://127.0.0.1:8081/hooks"
    assert webhook["isActive"] is True
    assert webhook["app"]["name"] == "Partner"
    assert [e["eventType"] for e in webhook["asyncEvents"]] == [
        "CATEGORY_CREATED",
        "PRODUCT_CREATED",
    ]
    assert [e["name"] for e in webhook["asyncEvents"]] == ["Category Created", "Product Created"]
    assert [e["eventType"] for e in webhook["events"]] == ["CATEGORY_CREATED", "PRODUCT_CREATED"]
    assert webhook["syncEvents"] == []
    secret = webhook["secretKey"]
    assert len(secret) >= 40
    stored = Webhook.objects.get()
    assert is_encrypted(stored.secret_key)
    assert secret not in stored.secret_key
    assert decrypt_secret(stored.secret_key) == secret
    assert set(WebhookEvent.objects.values_list("event_type", flat=True)) == {
        "PRODUCT_CREATED",
        "CATEGORY_CREATED",
    }
    # and afterwards it is masked
    again = client.execute(WEBHOOK_QUERY, {"id": webhook["id"]})
    assert again["webhook"]["secretKey"] == "****" + secret[-4:]


def test_webhook_create_keeps_a_given_secret_encrypted(
    api_client, apps_manager, partner, loopback_allowed
):
    # given
    variables = _input(partner, "https://127.0.0.1/hooks", secretKey="s3cret-of-the-partner")
    # when
    data = api_client.as_user(apps_manager).execute(WEBHOOK_CREATE, variables)["webhookCreate"]
    # then
    assert data["errors"] == []
    stored = Webhook.objects.get()
    assert "s3cret" not in stored.secret_key
    assert decrypt_secret(stored.secret_key) == "s3cret-of-the-partner"


def test_webhook_create_accepts_the_deprecated_events_field(
    api_client, apps_manager, partner, loopback_allowed
):
    # given
    variables = _input(
        partner, "http://127.0.0.1/hooks", asyncEvents=None, events=["CATEGORY_UPDATED"]
    )
    # when
    data = api_client.as_user(apps_manager).execute(WEBHOOK_CREATE, variables)["webhookCreate"]
    # then
    assert data["errors"] == []
    assert [e["eventType"] for e in data["webhook"]["asyncEvents"]] == ["CATEGORY_UPDATED"]


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"asyncEvents": []}, "asyncEvents", "MISSING_EVENT"),
        ({"asyncEvents": None}, "asyncEvents", "MISSING_EVENT"),
        ({"asyncEvents": None, "events": []}, "events", "MISSING_EVENT"),
        ({"syncEvents": ["TRANSACTION_PROCESS_SESSION"]}, "syncEvents", "INVALID"),
        ({"targetUrl": ""}, "targetUrl", "REQUIRED"),
        ({"targetUrl": "ftp://127.0.0.1/hooks"}, "targetUrl", "INVALID"),
        ({"targetUrl": "file:///etc/passwd"}, "targetUrl", "INVALID"),
        ({"targetUrl": "javascript:alert(1)"}, "targetUrl", "INVALID"),
        ({"targetUrl": "http://user:pw@127.0.0.1/"}, "targetUrl", "INVALID"),
        ({"targetUrl": "http://127.0.0.1/" + "x" * 250}, "targetUrl", "INVALID"),
        ({"name": "x" * 256}, "name", "INVALID"),
        ({"secretKey": "x" * 256}, "secretKey", "INVALID"),
        ({"app": to_global_id("App", 999999)}, "app", "NOT_FOUND"),
        ({"app": None}, "app", "REQUIRED"),
    ],
)
def test_webhook_create_errors_change_nothing(
    api_client, apps_manager, partner, loopback_allowed, extra, field, code
):
    # given
    variables = _input(partner, "http://127.0.0.1/hooks", **extra)
    # when
    data = api_client.as_user(apps_manager).execute(WEBHOOK_CREATE, variables)["webhookCreate"]
    # then
    assert data["webhook"] is None
    assert [(e["field"], e["code"]) for e in data["errors"]] == [(field, code)]
    assert not Webhook.objects.exists()
    assert not WebhookEvent.objects.exists()


@pytest.mark.parametrize("address", NON_GLOBAL_ADDRESSES)
def test_webhook_create_refuses_non_global_targets(
    api_client, apps_manager, partner, settings, address
):
    # given no network is allowed (production)
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    # when
    data = api_client.as_user(apps_manager).execute(
        WEBHOOK_CREATE, _input(partner, url_of(address, path="/"))
    )["webhookCreate"]
    # then
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("targetUrl", "INVALID")]
    assert "not a globally routable address" in data["errors"][0]["message"]
    assert not Webhook.objects.exists()


@pytest.mark.parametrize("role", [None, "customer_user", "entrepreneur", "staff_user"])
def test_webhook_create_is_denied_without_manage_apps(
    request, api_client, vendor, partner, loopback_allowed, role
):
    # given
    client = api_client if role is None else api_client.as_user(request.getfixturevalue(role))
    # when
    content = client.execute_raw(WEBHOOK_CREATE, _input(partner, "http://127.0.0.1/hooks"))
    # then
    assert content["data"]["webhookCreate"] is None
    assert [e["extensions"]["exception"]["code"] for e in content["errors"]] == ["PermissionDenied"]
    assert not Webhook.objects.exists()


def test_staff_granted_manage_apps_may_create_webhooks(
    api_client, staff_user, partner, loopback_allowed
):
    # given
    grant(staff_user, PermissionEnum.MANAGE_APPS, PermissionEnum.MANAGE_PRODUCTS)
    # when
    data = api_client.as_user(staff_user).execute(
        WEBHOOK_CREATE, _input(partner, "http://127.0.0.1/hooks")
    )
    # then
    assert data["webhookCreate"]["errors"] == []
    assert Webhook.objects.get().app == partner


def test_an_app_creates_its_own_webhook_with_its_token(app_client, make_app, loopback_allowed):
    # given an app without MANAGE_APPS, calling with its token, naming no app
    created = make_app(name="Self-serve", permissions=[PermissionEnum.MANAGE_PRODUCTS])
    variables = _input(created.app, "http://127.0.0.1/hooks", app=None)
    # when
    content = app_client(created.auth_token).execute_raw(WEBHOOK_CREATE, variables)
    # then
    assert content["data"]["webhookCreate"]["errors"] == []
    assert Webhook.objects.get().app == created.app


def test_an_app_cannot_create_a_webhook_for_another_app(
    app_client, make_app, partner, loopback_allowed
):
    # given
    created = make_app(name="Nosy")
    # when
    content = app_client(created.auth_token).execute_raw(
        WEBHOOK_CREATE, _input(partner, "http://127.0.0.1/hooks")
    )
    # then
    errors = content["data"]["webhookCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("app", "NOT_FOUND")]
    assert not Webhook.objects.exists()
