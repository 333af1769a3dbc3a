"""me: null when anonymous, the signed-in user otherwise, with relations by DataLoader."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.accounts.models import Address, User
from backend.accounts.services import revoke_all_tokens
from backend.core.permissions import PermissionEnum
from storefront_api.core.ids import to_global_id
from tests.conftest import ApiClient, grant
from tests.factories import UserFactory

from .queries import ME


def test_anonymous_me_is_null(api_client, db):
    # when nobody is signed in / then me is null, without error
    assert api_client.execute(ME) == {"me": None}


def test_me_with_a_revoked_token_is_refused(api_client, customer_user):
    # given a token revoked after it was issued
    client = api_client.as_user(customer_user)
    headers = client._headers()
    revoke_all_tokens(user=customer_user)
    # when it is used
    response = client.client.post(
        "/graphql/", {"query": "{ me { id } }"}, content_type="application/json", **headers
    )
    # then Saleor's top-level token error, so the client signs in again (test_auth_header.py)
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "InvalidTokenError"


def _address(**fields) -> Address:
    values = {
        "first_name": "Karim",
        "last_name": "Mia",
        "street_address_1": "House 5, Road 2",
        "city": "Paba",
        "city_area": "Parila",
        "postal_code": "6000",
        "country_area": "Rajshahi",
        "phone": "+8801712345678",
    }
    values.update(fields)
    return Address.objects.create(**values)


@pytest.fixture
def karim(db):
    user = UserFactory(
        phone="+8801712345678",
        email=None,
        first_name="Karim",
        last_name="Mia",
        metadata={"source": "centre"},
        private_metadata={"risk": "low"},
    )
    home, shop = _address(), _address(street_address_1="Shop 9", phone="")
    user.addresses.add(home, shop)
    user.default_shipping_address = home
    user.default_billing_address = shop
    user.save()
    return user


def test_me_with_a_token(api_client, karim):
    # when Karim asks who he is
    me = api_client.as_user(karim).execute(ME)["me"]
    # then he sees himself: no e-mail is "", his number, his addresses and defaults
    home, shop = karim.addresses.order_by("pk")
    assert me["id"] == to_global_id("User", karim.pk)
    assert (me["email"], me["phone"], me["firstName"], me["lastName"]) == (
        "",
        "+8801712345678",
        "Karim",
        "Mia",
    )
    assert (me["isStaff"], me["isActive"], me["isConfirmed"], me["languageCode"]) == (
        False,
        True,
        True,
        "BN",
    )
    assert me["dateJoined"] and me["updatedAt"]
    assert me["lastLogin"] is None
    assert me["metadata"] == [{"key": "source", "value": "centre"}]
    assert me["userPermissions"] == []
    assert me["addresses"] == [
        {
            "id": to_global_id("Address", home.pk),
            "firstName": "Karim",
            "lastName": "Mia",
            "companyName": "",
            "streetAddress1": "House 5, Road 2",
            "streetAddress2": "",
            "city": "Paba",
            "cityArea": "Parila",
            "postalCode": "6000",
            "countryArea": "Rajshahi",
            "phone": "+8801712345678",
            "isDefaultShippingAddress": True,
            "isDefaultBillingAddress": False,
            "country": {"code": "BD", "country": "Bangladesh", "vat": None},
        },
        {
            "id": to_global_id("Address", shop.pk),
            "firstName": "Karim",
            "lastName": "Mia",
            "companyName": "",
            "streetAddress1": "Shop 9",
            "streetAddress2": "",
            "city": "Paba",
            "cityArea": "Parila",
            "postalCode": "6000",
            "countryArea": "Rajshahi",
            "phone": None,
            "isDefaultShippingAddress": False,
            "isDefaultBillingAddress": True,
            "country": {"code": "BD", "country": "Bangladesh", "vat": None},
        },
    ]
    assert me["defaultShippingAddress"] == {
        "id": to_global_id("Address", home.pk),
        "isDefaultShippingAddress": True,
        "isDefaultBillingAddress": False,
    }
    assert me["defaultBillingAddress"] == {
        "id": to_global_id("Address", shop.pk),
        "isDefaultShippingAddress": False,
        "isDefaultBillingAddress": True,
    }


def test_staff_permissions_direct_and_through_groups(api_client, db):
    # given staff with one permission directly and one through a group
    from django.contrib.auth.models import Group, Permission

    staff = UserFactory(is_staff=True)
    grant(staff, PermissionEnum.MANAGE_ORDERS)
    group = Group.objects.create(name="catalogue team")
    group.permissions.add(Permission.objects.get(codename="manage_products"))
    staff.groups.add(group)
    # when they ask for their permissions
    me = api_client.as_user(staff).execute("{ me { userPermissions { code name } } }")["me"]
    # then both are listed by Saleor's names
    assert me["userPermissions"] == [
        {"code": "MANAGE_ORDERS", "name": "Manage orders."},
        {"code": "MANAGE_PRODUCTS", "name": "Manage products."},
    ]


def test_a_superuser_holds_every_permission(api_client, db):
    # given a superuser
    admin = UserFactory(is_staff=True, is_superuser=True)
    # when they ask for their permissions
    me = api_client.as_user(admin).execute("{ me { userPermissions { code } } }")["me"]
    # then every Saleor permission Haat has is listed
    assert [item["code"] for item in me["userPermissions"]] == sorted(
        permission.name for permission in PermissionEnum
    )


NOTE = "{ me { note } }"


def test_customer_cannot_read_the_staff_note(api_client, karim):
    # when a customer asks for the staff note on themselves
    content = api_client.as_user(karim).execute_raw(NOTE)
    # then permission is denied at the top level, and the note is null
    assert content["data"] == {"me": {"note": None}}
    assert [error["extensions"]["exception"]["code"] for error in content["errors"]] == [
        "PermissionDenied"
    ]


def test_staff_without_user_permissions_cannot_read_the_note(api_client, staff_user):
    # when staff without MANAGE_USERS or MANAGE_STAFF ask / then permission is denied
    content = api_client.as_user(staff_user).execute_raw(NOTE)
    assert content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


@pytest.mark.parametrize("permission", [PermissionEnum.MANAGE_USERS, PermissionEnum.MANAGE_STAFF])
def test_staff_who_manage_users_read_the_note(api_client, db, permission):
    # given staff with MANAGE_USERS or MANAGE_STAFF, and a note
    staff = UserFactory(is_staff=True, note="Prefers calls after 5pm")
    grant(staff, permission)
    # when they ask / then they see it (private metadata: test_private_metadata.py)
    assert api_client.as_user(staff).execute(NOTE) == {"me": {"note": "Prefers calls after 5pm"}}


def _queries_for_me(user: User) -> int:
    client = ApiClient(user)
    with CaptureQueriesContext(connection) as captured:
        me = client.execute(ME)["me"]
    assert me is not None
    return len(captured)


def test_one_address_and_twenty_run_the_same_queries(db):
    # given a customer with one address and one with twenty, all with defaults and permissions
    few = UserFactory()
    many = UserFactory()
    few.addresses.add(_address())
    many.addresses.add(*[_address(street_address_1=f"House {n}") for n in range(20)])
    for user in (few, many):
        user.default_shipping_address = user.addresses.first()
        user.default_billing_address = user.addresses.last()
        user.save()
        grant(user, PermissionEnum.MANAGE_ORDERS)
    # when each asks for everything about themselves
    # then the number of SQL queries does not grow with the addresses
    assert _queries_for_me(few) == _queries_for_me(many)


def test_me_avatar_is_null(api_client, customer_user):
    # given a signed-in customer (Haat's users have no avatar)
    client = api_client.as_user(customer_user)
    # when the storefront asks for the avatar on every page, with and without a size
    data = client.execute(
        "{ me { avatar { url alt } small: avatar(size: 64, format: WEBP) { url } } }"
    )
    # then null, without errors
    assert data == {"me": {"avatar": None, "small": None}}
