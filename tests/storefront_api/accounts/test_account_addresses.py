"""accountAddressCreate / Update / Delete and accountSetDefaultAddress, as Saleor 3.21."""

from __future__ import annotations

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from backend.accounts.addresses import create_address
from backend.accounts.models import Address, User
from storefront_api.core.ids import to_global_id
from tests.conftest import ApiClient
from tests.factories import UserFactory

ADDRESS_FIELDS = "id firstName streetAddress1 city cityArea postalCode countryArea phone"
USER_FIELDS = "defaultShippingAddress { id } defaultBillingAddress { id } addresses { id }"

CREATE = f"""
mutation Create($input: AddressInput!, $type: AddressTypeEnum) {{
  accountAddressCreate(input: $input, type: $type) {{
    address {{ {ADDRESS_FIELDS} }}
    user {{ {USER_FIELDS} }}
    errors {{ field message code }}
  }}
}}
"""

UPDATE = f"""
mutation Update($id: ID!, $input: AddressInput!) {{
  accountAddressUpdate(id: $id, input: $input) {{
    address {{ {ADDRESS_FIELDS} }}
    user {{ {USER_FIELDS} }}
    errors {{ field message code }}
  }}
}}
"""

DELETE = f"""
mutation Delete($id: ID!) {{
  accountAddressDelete(id: $id) {{
    address {{ id streetAddress1 }}
    user {{ {USER_FIELDS} }}
    errors {{ field message code }}
  }}
}}
"""

SET_DEFAULT = f"""
mutation SetDefault($id: ID!, $type: AddressTypeEnum!) {{
  accountSetDefaultAddress(id: $id, type: $type) {{
    user {{ {USER_FIELDS} }}
    errors {{ field message code }}
  }}
}}
"""

# countryArea the district, city its upazila, cityArea the upazila's union (issue 9's scheme).
GOOD = {
    "firstName": "Karim",
    "streetAddress1": "House 5, Road 2",
    "countryArea": "gazipur",
    "city": "কালিয়াকৈর",
    "cityArea": "Mouchak",
    "postalCode": "১৭৫০",
    "phone": "01712345678",
}
DOMAIN_GOOD = {
    "first_name": "Karim",
    "street_address_1": "House 5, Road 2",
    "country_area": "Gazipur",
    "city": "Kaliakair",
    "city_area": "Mouchak",
    "postal_code": "1750",
}

pytestmark = pytest.mark.usefixtures("bangladesh")


@pytest.fixture
def customer(db):
    return UserFactory()


def gid(address: Address) -> str:
    return to_global_id("Address", address.pk)


def snapshot() -> tuple[list[dict], list[tuple]]:
    addresses = [model_to_dict(address) for address in Address.objects.order_by("pk")]
    users = list(
        User.objects.order_by("pk").values_list(
            "pk", "default_shipping_address_id", "default_billing_address_id"
        )
    )
    links = list(User.addresses.through.objects.order_by("pk").values_list("user_id", "address_id"))
    return addresses, [*users, *links]


def own_address(user: User, **values) -> Address:
    address, _ = create_address(user=user, values={**DOMAIN_GOOD, **values})
    return address


# --- accountAddressCreate --------------------------------------------------------------------


def test_first_address_becomes_both_defaults_cleaned(api_client, customer):
    # when a customer without addresses adds one
    data = api_client.as_user(customer).execute(CREATE, {"input": GOOD})["accountAddressCreate"]
    # then it is stored cleaned and becomes the default shipping and billing address
    address = Address.objects.get()
    assert data == {
        "address": {
            "id": gid(address),
            "firstName": "Karim",
            "streetAddress1": "House 5, Road 2",
            "city": "Kaliakair",
            "cityArea": "Mouchak",
            "postalCode": "1750",
            "countryArea": "Gazipur",
            "phone": "+8801712345678",
        },
        "user": {
            "defaultShippingAddress": {"id": gid(address)},
            "defaultBillingAddress": {"id": gid(address)},
            "addresses": [{"id": gid(address)}],
        },
        "errors": [],
    }
    customer.refresh_from_db()
    assert customer.default_shipping_address_id == address.pk
    assert customer.default_billing_address_id == address.pk


def test_second_address_with_a_type_becomes_that_default_only(api_client, customer):
    # given a customer with an address (both defaults)
    first = own_address(customer)
    # when they add another as their billing address
    data = api_client.as_user(customer).execute(
        CREATE, {"input": {**GOOD, "streetAddress1": "Shop 3"}, "type": "BILLING"}
    )["accountAddressCreate"]
    # then billing moves to it, shipping stays
    second = Address.objects.get(street_address_1="Shop 3")
    assert data["errors"] == []
    assert data["user"] == {
        "defaultShippingAddress": {"id": gid(first)},
        "defaultBillingAddress": {"id": gid(second)},
        "addresses": [{"id": gid(first)}, {"id": gid(second)}],
    }


def test_second_address_without_a_type_changes_no_default(api_client, customer):
    first = own_address(customer)
    data = api_client.as_user(customer).execute(CREATE, {"input": GOOD})["accountAddressCreate"]
    assert data["user"]["defaultShippingAddress"] == {"id": gid(first)}
    assert data["user"]["defaultBillingAddress"] == {"id": gid(first)}
    assert len(data["user"]["addresses"]) == 2


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (
            {"streetAddress1": ""},
            {"field": "streetAddress1", "message": "This field is required.", "code": "REQUIRED"},
        ),
        (
            {"countryArea": ""},
            {"field": "countryArea", "message": "This field is required.", "code": "REQUIRED"},
        ),
        (
            {"countryArea": "Nowhere"},
            {"field": "countryArea", "message": "Unknown district.", "code": "INVALID"},
        ),
        (
            {"city": ""},
            {"field": "city", "message": "This field is required.", "code": "REQUIRED"},
        ),
        (
            {"city": "Savar"},
            {
                "field": "city",
                "message": "Not an upazila or thana of Gazipur district.",
                "code": "INVALID",
            },
        ),
        (
            {"cityArea": "Basan"},
            {
                "field": "cityArea",
                "message": "Not a union of Kaliakair upazila.",
                "code": "INVALID",
            },
        ),
        (
            {"postalCode": "17500"},
            {"field": "postalCode", "message": "A postcode is four digits.", "code": "INVALID"},
        ),
        (
            {"postalCode": "1000"},
            {
                "field": "postalCode",
                "message": "Not a postcode of Gazipur district.",
                "code": "INVALID",
            },
        ),
        (
            {"firstName": "k" * 257},
            {"field": "firstName", "message": "At most 256 characters.", "code": "INVALID"},
        ),
    ],
)
def test_create_refuses_a_bad_address_and_writes_nothing(api_client, customer, change, error):
    # given the state before
    before = snapshot()
    # when the address breaks one rule
    data = api_client.as_user(customer).execute(CREATE, {"input": {**GOOD, **change}})
    # then that field is named, nothing is returned and nothing written
    assert data["accountAddressCreate"] == {"address": None, "user": None, "errors": [error]}
    assert snapshot() == before


def test_create_reports_every_rule_error_at_once(api_client, customer):
    data = api_client.as_user(customer).execute(
        CREATE, {"input": {"firstName": "", "streetAddress1": "", "city": "", "postalCode": ""}}
    )["accountAddressCreate"]
    assert [(error["field"], error["code"]) for error in data["errors"]] == [
        ("city", "REQUIRED"),
        ("countryArea", "REQUIRED"),
        ("firstName", "REQUIRED"),
        ("postalCode", "REQUIRED"),
        ("streetAddress1", "REQUIRED"),
    ]
    assert Address.objects.count() == 0


def test_a_bad_phone_is_invalid(api_client, customer):
    data = api_client.as_user(customer).execute(CREATE, {"input": {**GOOD, "phone": "12345"}})
    errors = data["accountAddressCreate"]["errors"]
    assert [(error["field"], error["code"]) for error in errors] == [("phone", "INVALID")]
    assert Address.objects.count() == 0


# --- city thanas ------------------------------------------------------------------------------

DHANMONDI = {
    **GOOD,
    "countryArea": "Dhaka",
    "city": "Dhanmondi",
    "cityArea": "",
    "postalCode": "1209",
}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ({}, ("Dhaka", "Dhanmondi", "1209")),
        ({"countryArea": "ঢাকা", "city": "গুলশান", "postalCode": "১২১২"}, ("Dhaka", "Gulshan", "1212")),
        ({"city": "MIRPUR", "postalCode": "1216"}, ("Dhaka", "Mirpur", "1216")),
    ],
)
def test_a_dhaka_city_address_is_created(api_client, customer, typed, stored):
    # when a customer in Dhaka city adds an address naming their thana
    data = api_client.as_user(customer).execute(CREATE, {"input": {**DHANMONDI, **typed}})
    # then it is stored by the thana's English name, with no city area
    result = data["accountAddressCreate"]
    assert result["errors"] == []
    address = result["address"]
    assert (address["countryArea"], address["city"], address["postalCode"]) == stored
    assert address["cityArea"] == ""
    assert Address.objects.get().city == stored[1]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (
            {"city": "Panchlaish"},  # Chattogram's
            {
                "field": "city",
                "message": "Not an upazila or thana of Dhaka district.",
                "code": "INVALID",
            },
        ),
        (
            {"cityArea": "Ashulia"},  # a union of Savar upazila, Dhaka
            {
                "field": "cityArea",
                "message": "Dhanmondi thana has no unions: leave the city area empty.",
                "code": "INVALID",
            },
        ),
    ],
)
def test_a_bad_dhaka_city_address_is_refused(api_client, customer, change, error):
    before = snapshot()
    data = api_client.as_user(customer).execute(CREATE, {"input": {**DHANMONDI, **change}})
    assert data["accountAddressCreate"] == {"address": None, "user": None, "errors": [error]}
    assert snapshot() == before


# --- anonymous -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "variables"),
    [
        (CREATE, {"input": GOOD}),
        (UPDATE, {"id": "QWRkcmVzczox", "input": GOOD}),
        (DELETE, {"id": "QWRkcmVzczox"}),
        (SET_DEFAULT, {"id": "QWRkcmVzczox", "type": "SHIPPING"}),
    ],
)
def test_anonymous_is_denied(api_client, customer, document, variables):
    # given an address (Address:1 or another)
    own_address(customer)
    before = snapshot()
    # when nobody is signed in
    response = api_client.execute_raw(document, variables)
    # then Saleor's permission error, and nothing changes
    assert response["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert list(response["data"].values()) == [None]
    assert snapshot() == before


# --- accountAddressUpdate --------------------------------------------------------------------


def test_update_writes_the_given_fields_and_keeps_the_rest(api_client, customer):
    address = own_address(customer, phone="01812345678")
    data = api_client.as_user(customer).execute(
        UPDATE,
        {
            "id": gid(address),
            "input": {
                "streetAddress1": "House 9",
                "countryArea": "Dhaka",
                "city": "Savar",
                "cityArea": "",
                "postalCode": "1340",
            },
        },
    )["accountAddressUpdate"]
    assert data["errors"] == []
    assert data["address"] == {
        "id": gid(address),
        "firstName": "Karim",
        "streetAddress1": "House 9",
        "city": "Savar",
        "cityArea": "",
        "postalCode": "1340",
        "countryArea": "Dhaka",
        "phone": "+8801812345678",
    }
    address.refresh_from_db()
    assert (address.street_address_1, address.city) == ("House 9", "Savar")


def test_update_refuses_a_bad_change_and_writes_nothing(api_client, customer):
    address = own_address(customer)
    before = snapshot()
    data = api_client.as_user(customer).execute(
        UPDATE, {"id": gid(address), "input": {"countryArea": "Dhaka", "streetAddress1": "New"}}
    )["accountAddressUpdate"]
    # then the kept upazila, union and postcode are not Dhaka's: each is named
    assert data == {
        "address": None,
        "user": None,
        "errors": [
            {
                "field": "city",
                "message": "Not an upazila or thana of Dhaka district.",
                "code": "INVALID",
            },
            {
                "field": "postalCode",
                "message": "Not a postcode of Dhaka district.",
                "code": "INVALID",
            },
        ],
    }
    assert snapshot() == before


# --- another customer's address, unknown and malformed ids ----------------------------------


@pytest.mark.parametrize(
    ("document", "variables"),
    [
        (UPDATE, {"input": {"firstName": "Thief"}}),
        (DELETE, {}),
        (SET_DEFAULT, {"type": "BILLING"}),
    ],
)
def test_another_customers_address_is_not_found(api_client, customer, document, variables):
    # given someone else's address
    other = UserFactory()
    theirs = own_address(other)
    before = snapshot()
    # when the customer names it
    response = api_client.as_user(customer).execute(document, {"id": gid(theirs), **variables})
    # then it does not exist for them, and nothing changes
    payload = next(iter(response.values()))
    assert payload["errors"] == [
        {
            "field": "id",
            "message": f"Couldn't resolve to an address: {theirs.pk}.",
            "code": "NOT_FOUND",
        }
    ]
    assert payload["user"] is None
    assert snapshot() == before


def test_a_deleted_address_is_not_found(api_client, customer):
    address = own_address(customer)
    client = api_client.as_user(customer)
    client.execute(DELETE, {"id": gid(address)})
    errors = client.execute(DELETE, {"id": gid(address)})["accountAddressDelete"]["errors"]
    assert [(error["field"], error["code"]) for error in errors] == [("id", "NOT_FOUND")]


def test_a_malformed_id_is_graphql_error(api_client, customer):
    user_id = to_global_id("User", customer.pk)
    data = api_client.as_user(customer).execute(DELETE, {"id": user_id})["accountAddressDelete"]
    assert data["errors"] == [
        {
            "field": "id",
            "message": f"Invalid ID: {user_id}. Expected: Address.",
            "code": "GRAPHQL_ERROR",
        }
    ]


# --- accountAddressDelete --------------------------------------------------------------------


def test_delete_removes_the_address_and_unsets_its_defaults(api_client, customer):
    # given two addresses, the first the default of both types
    first = own_address(customer)
    second = own_address(customer, street_address_1="Shop 3")
    # when the first is deleted
    data = api_client.as_user(customer).execute(DELETE, {"id": gid(first)})["accountAddressDelete"]
    # then the payload reports it, and the user has no defaults and one address left
    assert data == {
        "address": {"id": gid(first), "streetAddress1": "House 5, Road 2"},
        "user": {
            "defaultShippingAddress": None,
            "defaultBillingAddress": None,
            "addresses": [{"id": gid(second)}],
        },
        "errors": [],
    }
    assert list(Address.objects.values_list("pk", flat=True)) == [second.pk]


# --- accountSetDefaultAddress ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("address_type", "field"),
    [("SHIPPING", "default_shipping_address_id"), ("BILLING", "default_billing_address_id")],
)
def test_set_default_address(api_client, customer, address_type, field):
    first = own_address(customer)
    second = own_address(customer, street_address_1="Shop 3")
    data = api_client.as_user(customer).execute(
        SET_DEFAULT, {"id": gid(second), "type": address_type}
    )["accountSetDefaultAddress"]
    assert data["errors"] == []
    customer.refresh_from_db()
    assert getattr(customer, field) == second.pk
    other = {"default_shipping_address_id", "default_billing_address_id"} - {field}
    assert getattr(customer, other.pop()) == first.pk
    key = "defaultShippingAddress" if address_type == "SHIPPING" else "defaultBillingAddress"
    assert data["user"][key] == {"id": gid(second)}


# --- me { addresses } reads without N+1 -------------------------------------------------------

ME_ADDRESSES = """
{ me {
  addresses { id city isDefaultShippingAddress isDefaultBillingAddress }
  defaultShippingAddress { id city }
  defaultBillingAddress { id city }
} }
"""


def _queries(user: User) -> int:
    with CaptureQueriesContext(connection) as captured:
        me = ApiClient(user).execute(ME_ADDRESSES)["me"]
    assert me["defaultShippingAddress"] is not None
    return len(captured)


def test_me_addresses_one_and_ten_run_the_same_queries(db):
    few = UserFactory()
    many = UserFactory()
    own_address(few)
    for number in range(10):
        own_address(many, street_address_1=f"House {number}")
    assert len(ApiClient(many).execute(ME_ADDRESSES)["me"]["addresses"]) == 10
    assert _queries(few) == _queries(many)
