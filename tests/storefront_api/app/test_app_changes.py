"""appUpdate, appDelete, appActivate, appDeactivate, appTokenCreate."""

import hashlib

import pytest

from backend.apps.models import App, AppToken
from backend.apps.permissions import app_permission_names
from backend.core.permissions import PermissionEnum
from plugins.webhook.models import Webhook
from storefront_api.core.ids import to_global_id

APP_UPDATE = """
mutation AppUpdate($id: ID!, $input: AppInput!) {
  appUpdate(id: $id, input: $input) {
    app { name identifier permissions { code } }
    errors { field code permissions }
  }
}
"""
APP_DELETE = """
mutation AppDelete($id: ID!) { appDelete(id: $id) { app { id name } errors { field code } } }
"""
APP_ACTIVATE = """
mutation AppActivate($id: ID!) { appActivate(id: $id) { app { isActive } errors { code } } }
"""
APP_DEACTIVATE = """
mutation AppDeactivate($id: ID!) { appDeactivate(id: $id) { app { isActive } errors { code } } }
"""
APP_TOKEN_CREATE = """
mutation AppTokenCreate($input: AppTokenInput!) {
  appTokenCreate(input: $input) {
    authToken
    appToken { id name authToken }
    errors { field code }
  }
}
"""


def _id(app) -> str:
    return to_global_id("App", app.pk)


def test_app_update_renames_and_changes_permissions(api_client, apps_manager, make_app):
    # given
    app = make_app(name="Old", permissions=[PermissionEnum.MANAGE_PRODUCTS]).app
    variables = {"id": _id(app), "input": {"name": "New", "permissions": ["MANAGE_APPS"]}}
    # when
    data = api_client.as_user(apps_manager).execute(APP_UPDATE, variables)["appUpdate"]
    # then
    assert data["errors"] == []
    assert data["app"]["name"] == "New"
    assert data["app"]["permissions"] == [{"code": "MANAGE_APPS"}]
    assert app_permission_names(App.objects.get()) == {"core.manage_apps"}


def test_app_update_refuses_adding_a_permission_out_of_scope(api_client, apps_manager, make_app):
    # given
    app = make_app(name="Old").app
    variables = {"id": _id(app), "input": {"name": "New", "permissions": ["MANAGE_ORDERS"]}}
    # when
    data = api_client.as_user(apps_manager).execute(APP_UPDATE, variables)["appUpdate"]
    # then
    assert data["errors"] == [
        {
            "field": "permissions",
            "code": "OUT_OF_SCOPE_PERMISSION",
            "permissions": ["MANAGE_ORDERS"],
        }
    ]
    app.refresh_from_db()
    assert app.name == "Old"
    assert app_permission_names(app) == set()


@pytest.mark.parametrize("query", [APP_UPDATE, APP_DELETE, APP_DEACTIVATE])
def test_a_more_powerful_app_is_out_of_scope(api_client, apps_manager, make_app, query):
    # given an app holding MANAGE_ORDERS, which the manager lacks
    app = make_app(permissions=[PermissionEnum.MANAGE_ORDERS]).app
    variables = {"id": _id(app), "input": {"name": "Mine now"}}
    if query is not APP_UPDATE:
        variables.pop("input")
    # when
    data = api_client.as_user(apps_manager).execute(query, variables)
    # then
    (payload,) = data.values()
    assert [e["code"] for e in payload["errors"]] == ["OUT_OF_SCOPE_APP"]
    app.refresh_from_db()
    assert (app.name, app.is_active) == ("Partner", True)


def test_app_update_needs_a_known_app(api_client, apps_manager):
    # when
    data = api_client.as_user(apps_manager).execute(
        APP_UPDATE, {"id": to_global_id("App", 4242), "input": {"name": "x"}}
    )
    # then
    assert data["appUpdate"]["errors"] == [
        {"field": "id", "code": "NOT_FOUND", "permissions": None}
    ]


def test_app_delete_removes_the_app_its_tokens_and_webhooks(
    api_client, apps_manager, make_app, loopback_allowed
):
    # given
    from plugins.webhook.services import create_webhook

    app = make_app(name="Gone", permissions=[PermissionEnum.MANAGE_PRODUCTS]).app
    create_webhook(app=app, target_url="http://127.0.0.1/h", events=["PRODUCT_CREATED"])
    # when
    data = api_client.as_user(apps_manager).execute(APP_DELETE, {"id": _id(app)})["appDelete"]
    # then
    assert data == {"app": {"id": _id(app), "name": "Gone"}, "errors": []}
    assert not App.objects.exists()
    assert not AppToken.objects.exists()
    assert not Webhook.objects.exists()


def test_app_deactivate_and_activate(api_client, apps_manager, make_app):
    # given
    app = make_app().app
    client = api_client.as_user(apps_manager)
    # when
    off = client.execute(APP_DEACTIVATE, {"id": _id(app)})["appDeactivate"]
    state_after_off = App.objects.get().is_active
    on = client.execute(APP_ACTIVATE, {"id": _id(app)})["appActivate"]
    # then
    assert off == {"app": {"isActive": False}, "errors": []}
    assert state_after_off is False
    assert on == {"app": {"isActive": True}, "errors": []}
    assert App.objects.get().is_active is True


def test_app_token_create_returns_a_new_token_once(api_client, apps_manager, make_app):
    # given
    app = make_app().app
    variables = {"input": {"app": _id(app), "name": "CI"}}
    # when
    data = api_client.as_user(apps_manager).execute(APP_TOKEN_CREATE, variables)["appTokenCreate"]
    # then
    assert data["errors"] == []
    token = data["authToken"]
    assert data["appToken"]["name"] == "CI"
    assert data["appToken"]["authToken"] == token[-4:]
    stored = AppToken.objects.get(name="CI")
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert AppToken.objects.filter(app=app).count() == 2


def test_app_token_create_needs_a_known_app(api_client, apps_manager):
    # when
    data = api_client.as_user(apps_manager).execute(
        APP_TOKEN_CREATE, {"input": {"app": to_global_id("App", 4242)}}
    )
    # then
    assert data["appTokenCreate"]["errors"] == [{"field": "app", "code": "NOT_FOUND"}]
    assert data["appTokenCreate"]["authToken"] is None
    assert not AppToken.objects.exists()


@pytest.mark.parametrize("role", [None, "customer_user", "entrepreneur", "staff_user"])
@pytest.mark.parametrize(
    ("query", "variables"),
    [
        (APP_UPDATE, {"input": {"name": "x"}}),
        (APP_DELETE, {}),
        (APP_ACTIVATE, {}),
        (APP_DEACTIVATE, {}),
        (APP_TOKEN_CREATE, None),
    ],
)
def test_app_mutations_are_denied_without_manage_apps(
    request, api_client, vendor, make_app, role, query, variables
):
    # given
    app = make_app(name="Untouched").app
    variables = {"input": {"app": _id(app)}} if variables is None else {"id": _id(app), **variables}
    client = api_client if role is None else api_client.as_user(request.getfixturevalue(role))
    # when
    content = client.execute_raw(query, variables)
    # then
    assert list(content["data"].values()) == [None]
    assert [e["extensions"]["exception"]["code"] for e in content["errors"]] == ["PermissionDenied"]
    assert App.objects.filter(name="Untouched", is_active=True).count() == 1
    assert AppToken.objects.count() == 1
