"""Private metadata of users and their addresses, as Saleor: MANAGE_USERS for a customer's,
MANAGE_STAFF for a staff user's; not even the user themselves may read it without that permission.
A refusal is a top-level PermissionDenied naming the permission (the non-null field then nulls
`me`). Haat's addresses store no metadata yet: those who may read theirs read an empty list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.core.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import AddressFactory, UserFactory

USER_PRIVATE = "{ me { privateMetadata { key value } } }"
ADDRESS_PRIVATE = "{ me { addresses { privateMetadata { key value } } } }"
# The data left by a refusal. graphql-sync-dataloaders 0.1 raises a non-null error met inside a
# loaded list (the addresses) up to the root instead of nulling `me`: the whole data is null.
REFUSED_DATA = {USER_PRIVATE: {"me": None}, ADDRESS_PRIVATE: None}


def _with_address(user):
    address = AddressFactory(street_address_1="House 5")
    user.addresses.add(address)
    return user


@pytest.fixture
def customer(db):
    return _with_address(UserFactory(private_metadata={"risk": "low"}))


@pytest.fixture
def staff(db):
    return _with_address(
        UserFactory(is_staff=True, phone=None, email="ops@haat.test", private_metadata={"a": "b"})
    )


def _refusal(content: dict) -> list[tuple[str, str]]:
    return [
        (error["extensions"]["exception"]["code"], error["message"]) for error in content["errors"]
    ]


@pytest.mark.parametrize("query", [USER_PRIVATE, ADDRESS_PRIVATE])
def test_anonymous_reach_no_user(api_client, db, query):
    # when nobody is signed in / then there is no user to read, and no error
    assert api_client.execute(query) == {"me": None}


@pytest.mark.parametrize("query", [USER_PRIVATE, ADDRESS_PRIVATE])
def test_a_customer_may_not_read_their_own_private_metadata(api_client, customer, query):
    # when a customer asks for their own (or their address's) private metadata
    content = api_client.as_user(customer).execute_raw(query)
    # then it is refused at the top level, naming MANAGE_USERS
    assert content["data"] == REFUSED_DATA[query]
    assert _refusal(content) == [
        ("PermissionDenied", "You need the following permission: MANAGE_USERS")
    ]


@pytest.mark.parametrize("permission", [None, PermissionEnum.MANAGE_USERS])
@pytest.mark.parametrize("query", [USER_PRIVATE, ADDRESS_PRIVATE])
def test_staff_without_manage_staff_may_not_read_a_staff_users(
    api_client, staff, permission, query
):
    # given staff with no permission, or with MANAGE_USERS (which covers customers only)
    if permission is not None:
        grant(staff, permission)
    # when they ask for their own (or their address's) private metadata
    content = api_client.as_user(staff).execute_raw(query)
    # then it is refused, naming MANAGE_STAFF
    assert content["data"] == REFUSED_DATA[query]
    assert _refusal(content) == [
        ("PermissionDenied", "You need the following permission: MANAGE_STAFF")
    ]


def test_manage_staff_reads_a_staff_users_private_metadata(api_client, staff):
    # given staff with MANAGE_STAFF
    grant(staff, PermissionEnum.MANAGE_STAFF)
    # when they ask / then they read theirs and their address's
    assert api_client.as_user(staff).execute(USER_PRIVATE) == {
        "me": {"privateMetadata": [{"key": "a", "value": "b"}]}
    }
    assert api_client.as_user(staff).execute(ADDRESS_PRIVATE) == {
        "me": {"addresses": [{"privateMetadata": []}]}
    }


def test_manage_users_reads_a_customers_private_metadata(api_client, customer):
    # given a customer account that holds MANAGE_USERS (staff reach others' accounts only
    # through `me` so far: this is the customer rule, seen from the inside)
    grant(customer, PermissionEnum.MANAGE_USERS)
    # when / then they read theirs and their address's
    assert api_client.as_user(customer).execute(USER_PRIVATE) == {
        "me": {"privateMetadata": [{"key": "risk", "value": "low"}]}
    }
    assert api_client.as_user(customer).execute(ADDRESS_PRIVATE) == {
        "me": {"addresses": [{"privateMetadata": []}]}
    }


def test_manage_staff_alone_does_not_read_a_customers(api_client, customer):
    # given a customer account holding MANAGE_STAFF only
    grant(customer, PermissionEnum.MANAGE_STAFF)
    # when / then a customer's private metadata needs MANAGE_USERS
    content = api_client.as_user(customer).execute_raw(USER_PRIVATE)
    assert _refusal(content) == [
        ("PermissionDenied", "You need the following permission: MANAGE_USERS")
    ]


@pytest.mark.parametrize("size", [1, 20])
def test_address_private_metadata_query_count_does_not_grow(api_client, db, size):
    # given a staff user holding MANAGE_STAFF with `size` addresses
    staff = UserFactory(is_staff=True, phone=None, email="ops@haat.test")
    grant(staff, PermissionEnum.MANAGE_STAFF)
    for _ in range(size):
        _with_address(staff)
    client = api_client.as_user(staff)
    # when they read every address's private metadata
    with CaptureQueriesContext(connection) as captured:
        data = client.execute(ADDRESS_PRIVATE)
    # then each address answers, in the same number of queries for 1 and for 20
    assert len(data["me"]["addresses"]) == size
    assert len(captured) == 4
