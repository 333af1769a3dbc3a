"""Owners write without a staff permission: a user their own public metadata, a vendor's owner
their shop's and their products', an app its own (public and private, as saleor-app-sdk keeps
its settings there). Each refusal is Saleor's PermissionDenied."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from backend.apps import services as app_services
from backend.core.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import (
    CategoryFactory,
    ProductFactory,
    ProductVariantFactory,
    UserFactory,
)

from .helpers import UPDATE, UPDATE_PRIVATE, assert_permission_denied, gid, pairs


def test_a_user_writes_their_own_public_metadata(api_client, customer_user):
    data = api_client.as_user(customer_user).execute(
        UPDATE, {"id": gid("User", customer_user.pk), "input": pairs(theme="dark")}
    )
    assert data["updateMetadata"]["item"]["metafields"] == {"theme": "dark"}


def test_a_user_cannot_write_their_own_private_metadata(api_client, customer_user):
    content = api_client.as_user(customer_user).execute_raw(
        UPDATE_PRIVATE, {"id": gid("User", customer_user.pk), "input": pairs(vip="yes")}
    )
    assert_permission_denied(content)
    customer_user.refresh_from_db()
    assert customer_user.private_metadata == {}


def test_a_customer_cannot_write_another_users_metadata(api_client, customer_user):
    other = UserFactory()
    content = api_client.as_user(customer_user).execute_raw(
        UPDATE, {"id": gid("User", other.pk), "input": pairs(theme="dark")}
    )
    assert_permission_denied(content)


def test_a_staff_users_metadata_needs_manage_staff(api_client, staff_user):
    # given a user manager, and a staff member's account
    manager = UserFactory(is_staff=True)
    grant(manager, PermissionEnum.MANAGE_USERS)
    colleague = UserFactory(is_staff=True)
    # when
    content = api_client.as_user(manager).execute_raw(
        UPDATE, {"id": gid("User", colleague.pk), "input": pairs(a="1")}
    )
    # then MANAGE_USERS is not enough; MANAGE_STAFF is
    assert_permission_denied(content)
    assert "MANAGE_STAFF" in content["errors"][0]["message"]
    grant(manager, PermissionEnum.MANAGE_STAFF)
    data = api_client.as_user(manager).execute(
        UPDATE, {"id": gid("User", colleague.pk), "input": pairs(a="1")}
    )
    assert data["updateMetadata"]["errors"] == []


@pytest.mark.parametrize("mutation", [UPDATE, UPDATE_PRIVATE], ids=["public", "private"])
@pytest.mark.parametrize("type_name", ["Product", "ProductVariant"])
def test_a_vendors_owner_writes_their_products_metadata(
    api_client, vendor, entrepreneur, type_name, mutation
):
    # given a product of the entrepreneur's shop (as productUpdate lets them change it)
    variant = ProductVariantFactory(product=ProductFactory(vendor=vendor))
    instance = variant if type_name == "ProductVariant" else variant.product
    # when
    data = api_client.as_user(entrepreneur).execute(
        mutation, {"id": gid(type_name, instance.pk), "input": pairs(a="1")}
    )
    # then
    assert next(iter(data.values()))["errors"] == []


@pytest.mark.parametrize("type_name", ["Product", "ProductVariant"])
def test_another_vendors_owner_is_refused(
    api_client, vendor, other_entrepreneur, other_vendor, type_name
):
    variant = ProductVariantFactory(product=ProductFactory(vendor=vendor))
    instance = variant if type_name == "ProductVariant" else variant.product
    content = api_client.as_user(other_entrepreneur).execute_raw(
        UPDATE, {"id": gid(type_name, instance.pk), "input": pairs(a="1")}
    )
    assert_permission_denied(content)


def test_a_vendors_owner_writes_the_shops_public_metadata_only(api_client, vendor, entrepreneur):
    client = api_client.as_user(entrepreneur)
    variables = {"id": gid("Vendor", vendor.pk), "input": pairs(hours="9-5")}
    assert client.execute(UPDATE, variables)["updateMetadata"]["errors"] == []
    assert_permission_denied(client.execute_raw(UPDATE_PRIVATE, variables))
    vendor.refresh_from_db()
    assert (vendor.metadata, vendor.private_metadata) == ({"hours": "9-5"}, {})


def test_a_vendors_owner_cannot_write_shared_catalogue_objects(api_client, vendor, entrepreneur):
    category = CategoryFactory()
    content = api_client.as_user(entrepreneur).execute_raw(
        UPDATE, {"id": gid("Category", category.pk), "input": pairs(a="1")}
    )
    assert_permission_denied(content)


def _app_client(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _post(client: Client, query: str, variables: dict) -> dict:
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
    )
    return response.json()


def test_an_app_writes_its_own_private_metadata(db):
    # given an app with no permissions at all, calling with its token
    created = app_services.create_app(name="Settings keeper", permissions=[])
    client = _app_client(created.auth_token)
    variables = {"id": gid("App", created.app.pk), "input": pairs(config="{}")}
    # when
    content = _post(client, UPDATE_PRIVATE, variables)
    # then
    assert content["data"]["updatePrivateMetadata"]["errors"] == []
    created.app.refresh_from_db()
    assert created.app.private_metadata == {"config": "{}"}


def test_an_app_cannot_write_another_apps_metadata(db):
    created = app_services.create_app(name="Nosy", permissions=[])
    other = app_services.create_app(name="Other", permissions=[])
    content = _post(
        _app_client(created.auth_token),
        UPDATE,
        {"id": gid("App", other.app.pk), "input": pairs(a="1")},
    )
    assert_permission_denied(content)
