import hashlib

import pytest

from backend.apps.models import App, AppToken
from backend.core.permissions import PermissionEnum
from tests.conftest import grant

APP_CREATE = """
mutation AppCreate($input: AppInput!) {
  appCreate(input: $input) {
    authToken
    app { id name identifier isActive type permissions { code name } tokens { name authToken } }
    errors { field code message permissions }
  }
}
"""


def test_app_create_returns_the_token_once_and_stores_only_its_hash(api_client, apps_manager):
    # given
    variables = {"input": {"name": "Courier sync", "permissions": ["MANAGE_PRODUCTS"]}}
    # when
    data = api_client.as_user(apps_manager).execute(APP_CREATE, variables)["appCreate"]
    # then
    assert data["errors"] == []
    token = data["authToken"]
    assert len(token) == 40 and "." not in token
    app = App.objects.get()
    assert data["app"]["name"] == "Courier sync"
    assert data["app"]["isActive"] is True
    assert data["app"]["type"] == "LOCAL"
    assert data["app"]["identifier"] == data["app"]["id"]
    assert [p["code"] for p in data["app"]["permissions"]] == ["MANAGE_PRODUCTS"]
    assert data["app"]["tokens"] == [{"name": "Default", "authToken": token[-4:]}]
    stored = AppToken.objects.get(app=app)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert stored.token_last_4 == token[-4:]
    assert token not in {stored.token_hash, stored.name}


def test_app_create_keeps_a_given_identifier(api_client, apps_manager):
    # given
    variables = {"input": {"name": "ERP", "identifier": "bd.gov.ekshop.erp"}}
    # when
    data = api_client.as_user(apps_manager).execute(APP_CREATE, variables)["appCreate"]
    # then
    assert data["errors"] == []
    assert data["app"]["identifier"] == "bd.gov.ekshop.erp"


def test_app_create_refuses_permissions_the_creator_lacks(api_client, apps_manager):
    # given a manager holding MANAGE_APPS and MANAGE_PRODUCTS only
    variables = {"input": {"name": "Greedy", "permissions": ["MANAGE_PRODUCTS", "MANAGE_ORDERS"]}}
    # when
    data = api_client.as_user(apps_manager).execute(APP_CREATE, variables)["appCreate"]
    # then
    assert data["authToken"] is None
    assert data["app"] is None
    assert data["errors"] == [
        {
            "field": "permissions",
            "code": "OUT_OF_SCOPE_PERMISSION",
            "message": "You can't give an app permissions you do not have yourself.",
            "permissions": ["MANAGE_ORDERS"],
        }
    ]
    assert not App.objects.exists()
    assert not AppToken.objects.exists()


def test_a_superuser_may_give_any_permission(api_client, superuser):
    # given
    variables = {"input": {"name": "Ops", "permissions": ["MANAGE_ORDERS", "MANAGE_APPS"]}}
    # when
    data = api_client.as_user(superuser).execute(APP_CREATE, variables)["appCreate"]
    # then
    assert data["errors"] == []
    assert sorted(p["code"] for p in data["app"]["permissions"]) == ["MANAGE_APPS", "MANAGE_ORDERS"]


@pytest.mark.parametrize("name", ["", "   "])
def test_app_create_needs_a_name(api_client, apps_manager, name):
    # when
    data = api_client.as_user(apps_manager).execute(APP_CREATE, {"input": {"name": name}})
    # then
    errors = data["appCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("name", "REQUIRED")]
    assert not App.objects.exists()


def test_app_create_refuses_a_name_too_long(api_client, apps_manager):
    # when
    data = api_client.as_user(apps_manager).execute(APP_CREATE, {"input": {"name": "x" * 61}})
    # then
    errors = data["appCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("name", "INVALID")]
    assert not App.objects.exists()


@pytest.mark.parametrize("role", [None, "customer_user", "entrepreneur", "staff_user"])
def test_app_create_is_denied_without_manage_apps(request, api_client, vendor, role):
    # given anonymous, a customer, an entrepreneur with a shop, staff without MANAGE_APPS
    client = api_client if role is None else api_client.as_user(request.getfixturevalue(role))
    # when
    content = client.execute_raw(APP_CREATE, {"input": {"name": "Sneaky"}})
    # then
    assert content["data"]["appCreate"] is None
    assert [e["extensions"]["exception"]["code"] for e in content["errors"]] == ["PermissionDenied"]
    assert not App.objects.exists()


def test_staff_granted_manage_apps_may_create(api_client, staff_user):
    # given
    grant(staff_user, PermissionEnum.MANAGE_APPS)
    # when
    data = api_client.as_user(staff_user).execute(APP_CREATE, {"input": {"name": "Mine"}})
    # then
    assert data["appCreate"]["errors"] == []
    assert App.objects.get().name == "Mine"
