"""Saleor's MetadataErrorCode for bad ids and keys, and deletes that keep the other keys."""

from __future__ import annotations

import pytest

from backend.core.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import CentreFactory, OrderFactory, ProductFactory

from .helpers import DELETE, DELETE_PRIVATE, UPDATE, assert_permission_denied, gid, pairs


@pytest.fixture
def product_staff(product_manager):
    return product_manager


def _errors(client, variables, query=UPDATE, name="updateMetadata"):
    payload = client.execute(query, variables)[name]
    assert payload["item"] is None
    return [(error["field"], error["code"]) for error in payload["errors"]]


def test_a_malformed_id_is_a_graphql_error(api_client, product_staff):
    client = api_client.as_user(product_staff)
    assert _errors(client, {"id": "not-an-id", "input": pairs(a="1")}) == [("id", "GRAPHQL_ERROR")]


@pytest.mark.parametrize(
    "global_id",
    [
        gid("Product", 987654),  # no such row
        gid("Checkout", "197"),  # a pk no checkout can have
        gid("Channel", 1),  # Haat's channels keep no metadata
        gid("Shop", 1),  # not a node that updateMetadata reaches
    ],
)
def test_an_id_of_nothing_with_metadata_is_not_found(api_client, product_staff, global_id):
    client = api_client.as_user(product_staff)
    assert _errors(client, {"id": global_id, "input": pairs(a="1")}) == [("id", "NOT_FOUND")]


def test_a_centre_has_no_metadata(api_client, product_staff):
    centre = CentreFactory()
    client = api_client.as_user(product_staff)
    assert _errors(client, {"id": gid("Centre", centre.pk), "input": pairs(a="1")}) == [
        ("id", "NOT_FOUND")
    ]


def test_staff_only_types_refuse_before_saying_whether_the_row_exists(api_client):
    # when an anonymous caller names an order that does not exist
    content = api_client.execute_raw(
        UPDATE, {"id": gid("Order", "6b1d2f43-3f0e-4c59-a0a4-6c0f9a1f5d11"), "input": pairs()}
    )
    # then the answer is the refusal, as Saleor checks permissions first
    assert_permission_denied(content)


@pytest.mark.parametrize("key", ["", "  "])
def test_a_blank_key_is_required(api_client, product_staff, key):
    # given
    product = ProductFactory(metadata={"kept": "yes"})
    client = api_client.as_user(product_staff)
    # when
    errors = _errors(client, {"id": gid("Product", product.pk), "input": pairs(**{key: "x"})})
    # then
    assert errors == [("input", "REQUIRED")]
    product.refresh_from_db()
    assert product.metadata == {"kept": "yes"}


def test_a_value_postgresql_cannot_store_is_invalid(api_client, product_staff):
    # given
    product = ProductFactory()
    client = api_client.as_user(product_staff)
    # when
    errors = _errors(client, {"id": gid("Product", product.pk), "input": pairs(a="nul\x00")})
    # then
    assert errors == [("input", "INVALID")]
    product.refresh_from_db()
    assert product.metadata == {}


def test_delete_metadata_removes_only_the_keys_named(api_client, product_staff):
    # given
    product = ProductFactory(metadata={"a": "1", "b": "2"}, private_metadata={"a": "secret"})
    # when
    data = api_client.as_user(product_staff).execute(
        DELETE, {"id": gid("Product", product.pk), "keys": ["a", "absent"]}
    )
    # then
    assert data["deleteMetadata"] == {
        "errors": [],
        "item": {"__typename": "Product", "metafields": {"b": "2"}},
    }
    product.refresh_from_db()
    assert product.private_metadata == {"a": "secret"}


def test_delete_private_metadata_removes_only_private_keys(api_client, staff_user):
    # given an order and staff with MANAGE_ORDERS
    order = OrderFactory(metadata={"a": "1"}, private_metadata={"a": "x", "b": "y"})
    grant(staff_user, PermissionEnum.MANAGE_ORDERS)
    # when
    data = api_client.as_user(staff_user).execute(
        DELETE_PRIVATE, {"id": gid("Order", order.pk), "keys": ["a"]}
    )
    # then
    assert data["deletePrivateMetadata"] == {
        "errors": [],
        "item": {"__typename": "Order", "privateMetafields": {"b": "y"}},
    }
    order.refresh_from_db()
    assert order.metadata == {"a": "1"}


@pytest.mark.parametrize("query", [DELETE, DELETE_PRIVATE], ids=["public", "private"])
def test_deletes_are_refused_without_the_permission(api_client, staff_user, query):
    # given
    product = ProductFactory(metadata={"a": "1"}, private_metadata={"a": "1"})
    # when
    content = api_client.as_user(staff_user).execute_raw(
        query, {"id": gid("Product", product.pk), "keys": ["a"]}
    )
    # then
    assert_permission_denied(content)
    product.refresh_from_db()
    assert (product.metadata, product.private_metadata) == ({"a": "1"}, {"a": "1"})


def test_delete_errors_name_the_id(api_client, product_staff):
    client = api_client.as_user(product_staff)
    errors = _errors(
        client, {"id": "not-an-id", "keys": ["a"]}, query=DELETE, name="deleteMetadata"
    )
    assert errors == [("id", "GRAPHQL_ERROR")]
