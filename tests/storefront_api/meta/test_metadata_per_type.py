"""Every type with metadata: staff with the type's permission write its public and private
metadata; staff without it and anonymous callers are refused (Saleor's permission maps)."""

from __future__ import annotations

import pytest

from tests.conftest import grant
from tests.factories import UserFactory

from .helpers import UPDATE, UPDATE_PRIVATE, assert_permission_denied, gid, pairs
from .objects import KINDS, Kind

ALL_KINDS = pytest.mark.parametrize(
    "kind",
    KINDS,
    ids=[f"{kind}-{getattr(kind.permission, 'name', kind.permission)}" for kind in KINDS],
)


@pytest.fixture
def manager_of(staff_user):
    def make(kind: Kind):
        grant(staff_user, kind.permission)
        return staff_user

    return make


@ALL_KINDS
def test_staff_with_the_permission_write_public_metadata(api_client, manager_of, kind):
    # given an object with a key already stored
    instance = kind.make()
    instance.metadata = {"kept": "yes"}
    instance.save(update_fields=["metadata"])
    # when
    data = api_client.as_user(manager_of(kind)).execute(
        UPDATE, {"id": gid(kind.type_name, instance.pk), "input": pairs(erp="A-1")}
    )
    # then the object answers as its own type, with both keys
    payload = data["updateMetadata"]
    assert payload["errors"] == []
    assert payload["item"]["__typename"] == kind.type_name
    assert payload["item"]["metafields"] == {"kept": "yes", "erp": "A-1"}
    instance.refresh_from_db()
    assert instance.metadata == {"kept": "yes", "erp": "A-1"}
    assert instance.private_metadata == {}


@ALL_KINDS
def test_staff_with_the_permission_write_private_metadata(api_client, manager_of, kind):
    # given
    instance = kind.make()
    # when
    data = api_client.as_user(manager_of(kind)).execute(
        UPDATE_PRIVATE, {"id": gid(kind.type_name, instance.pk), "input": pairs(cost="90")}
    )
    # then
    payload = data["updatePrivateMetadata"]
    assert payload["errors"] == []
    assert payload["item"]["privateMetafields"] == {"cost": "90"}
    instance.refresh_from_db()
    assert instance.private_metadata == {"cost": "90"}
    assert instance.metadata == {}


@ALL_KINDS
@pytest.mark.parametrize("mutation", [UPDATE, UPDATE_PRIVATE], ids=["public", "private"])
def test_staff_without_the_permission_are_refused(api_client, staff_user, kind, mutation):
    # given an object that is nobody's own (a checkout attached to a customer)
    instance = kind.make()
    if kind.type_name == "Checkout":
        instance.user = UserFactory()
        instance.save(update_fields=["user"])
    # when
    content = api_client.as_user(staff_user).execute_raw(
        mutation, {"id": gid(kind.type_name, instance.pk), "input": pairs(erp="A-1")}
    )
    # then
    assert_permission_denied(content)
    instance.refresh_from_db()
    assert (instance.metadata, instance.private_metadata) == ({}, {})


@ALL_KINDS
def test_anonymous_callers_are_refused(db, api_client, kind):
    # given
    instance = kind.make()
    if kind.type_name == "Checkout":
        instance.user = UserFactory()
        instance.save(update_fields=["user"])
    # when
    content = api_client.execute_raw(
        UPDATE, {"id": gid(kind.type_name, instance.pk), "input": pairs(erp="A-1")}
    )
    # then
    assert_permission_denied(content)
    instance.refresh_from_db()
    assert instance.metadata == {}
