"""Who a checkout is for: checkoutEmailUpdate, checkoutCustomerAttach, checkoutCustomerDetach,
checkoutLanguageCodeUpdate and checkoutCustomerNoteUpdate."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from backend.checkout.models import Checkout
from backend.core.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import UserFactory

from .conftest import ERROR_FIELDS

EMAIL = f"""
mutation($id: ID, $email: String!) {{
  checkoutEmailUpdate(id: $id, email: $email) {{ checkout {{ email }} {ERROR_FIELDS} }}
}}"""
ATTACH = f"""
mutation($id: ID, $customerId: ID) {{
  checkoutCustomerAttach(id: $id, customerId: $customerId) {{
    checkout {{ email user {{ id }} }} {ERROR_FIELDS}
  }}
}}"""
DETACH = f"""
mutation($id: ID) {{
  checkoutCustomerDetach(id: $id) {{ checkout {{ user {{ id }} }} {ERROR_FIELDS} }}
}}"""
LANGUAGE = f"""
mutation($id: ID, $language: LanguageCodeEnum!) {{
  checkoutLanguageCodeUpdate(id: $id, languageCode: $language) {{
    checkout {{ languageCode }} {ERROR_FIELDS}
  }}
}}"""
NOTE = f"""
mutation($id: ID!, $note: String!) {{
  checkoutCustomerNoteUpdate(id: $id, customerNote: $note) {{
    checkout {{ customerNote note }} {ERROR_FIELDS}
  }}
}}"""
READ = "query($id: ID) { checkout(id: $id) { id } }"


def _errors(result) -> list[tuple]:
    return [(error["field"], error["code"]) for error in result["errors"]]


def _denied(response) -> bool:
    return response["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


# --- checkoutEmailUpdate ----------------------------------------------------------------------


def test_email_update_keeps_it_lower_case(api_client, new_checkout):
    result = api_client.execute(EMAIL, {"id": new_checkout["id"], "email": " Rahim@Example.COM "})[
        "checkoutEmailUpdate"
    ]
    assert result == {"checkout": {"email": "rahim@example.com"}, "errors": []}
    assert Checkout.objects.get().email == "rahim@example.com"


@pytest.mark.parametrize(
    ("email", "code"),
    [("", "REQUIRED"), ("not-an-email", "INVALID"), ("a" * 250 + "@example.com", "INVALID")],
    ids=["blank", "malformed", "too-long"],
)
def test_email_update_refuses_a_bad_address(api_client, new_checkout, email, code):
    result = api_client.execute(EMAIL, {"id": new_checkout["id"], "email": email})[
        "checkoutEmailUpdate"
    ]
    assert result["checkout"] is None
    assert _errors(result) == [("email", code)]
    assert Checkout.objects.get().email is None


# --- checkoutCustomerAttach / checkoutCustomerDetach ------------------------------------------


def test_a_customer_attaches_a_guest_checkout_and_owns_it(api_client, new_checkout):
    customer = UserFactory(email="karim@example.com")
    result = api_client.as_user(customer).execute(ATTACH, {"id": new_checkout["id"]})[
        "checkoutCustomerAttach"
    ]
    assert result["errors"] == []
    assert result["checkout"] == {
        "email": "karim@example.com",
        "user": {"id": to_global_id("User", customer.pk)},
    }
    assert Checkout.objects.get().user == customer
    # from then on the id alone no longer opens it
    assert api_client.execute(READ, {"id": new_checkout["id"]})["checkout"] is None


def test_attach_needs_a_signed_in_customer(api_client, new_checkout):
    assert _denied(api_client.execute_raw(ATTACH, {"id": new_checkout["id"]}))
    assert Checkout.objects.get().user is None


def test_attaching_someone_else_needs_impersonate_user(api_client, new_checkout, staff_user):
    customer = UserFactory()
    variables = {"id": new_checkout["id"], "customerId": to_global_id("User", customer.pk)}
    # without the permission: refused
    for caller in (UserFactory(), staff_user):
        assert _denied(api_client.as_user(caller).execute_raw(ATTACH, variables))
    assert Checkout.objects.get().user is None
    # with it: attached to that customer
    grant(staff_user, PermissionEnum.IMPERSONATE_USER)
    result = api_client.as_user(staff_user).execute(ATTACH, variables)["checkoutCustomerAttach"]
    assert result["errors"] == []
    assert Checkout.objects.get().user == customer


def test_attaching_an_unknown_customer(api_client, new_checkout, staff_user):
    grant(staff_user, PermissionEnum.IMPERSONATE_USER)
    variables = {"id": new_checkout["id"], "customerId": to_global_id("User", 999999)}
    result = api_client.as_user(staff_user).execute(ATTACH, variables)["checkoutCustomerAttach"]
    assert _errors(result) == [("customerId", "NOT_FOUND")]
    assert Checkout.objects.get().user is None


def test_its_customer_detaches_it_and_the_id_opens_it_again(
    api_client, new_checkout, customer_user
):
    client = api_client.as_user(customer_user)
    client.execute(ATTACH, {"id": new_checkout["id"]})
    result = client.execute(DETACH, {"id": new_checkout["id"]})["checkoutCustomerDetach"]
    assert result == {"checkout": {"user": None}, "errors": []}
    assert Checkout.objects.get().user is None
    assert api_client.execute(READ, {"id": new_checkout["id"]})["checkout"] is not None


def test_detach_needs_a_signed_in_customer(api_client, new_checkout):
    assert _denied(api_client.execute_raw(DETACH, {"id": new_checkout["id"]}))


def test_a_guest_checkout_cannot_be_detached(api_client, new_checkout, customer_user):
    response = api_client.as_user(customer_user).execute_raw(DETACH, {"id": new_checkout["id"]})
    assert _denied(response)


# --- checkoutLanguageCodeUpdate / checkoutCustomerNoteUpdate ----------------------------------


def test_language_code_update(api_client, new_checkout):
    assert Checkout.objects.get().language_code == "bn"
    result = api_client.execute(LANGUAGE, {"id": new_checkout["id"], "language": "EN"})[
        "checkoutLanguageCodeUpdate"
    ]
    assert result == {"checkout": {"languageCode": "EN"}, "errors": []}
    assert Checkout.objects.get().language_code == "en"


def test_an_unknown_language_is_a_graphql_error(api_client, new_checkout):
    response = api_client.execute_raw(LANGUAGE, {"id": new_checkout["id"], "language": "XX"})
    assert "errors" in response
    assert Checkout.objects.get().language_code == "bn"


def test_customer_note_update(api_client, new_checkout):
    note = "ফোন করে আসবেন"
    result = api_client.execute(NOTE, {"id": new_checkout["id"], "note": note})[
        "checkoutCustomerNoteUpdate"
    ]
    assert result == {"checkout": {"customerNote": note, "note": note}, "errors": []}
    assert Checkout.objects.get().customer_note == note


def test_a_note_that_cannot_be_stored_is_invalid(api_client, new_checkout):
    result = api_client.execute(NOTE, {"id": new_checkout["id"], "note": "bad\x00note"})[
        "checkoutCustomerNoteUpdate"
    ]
    assert _errors(result) == [("customerNote", "INVALID")]
    assert Checkout.objects.get().customer_note == ""


@pytest.mark.parametrize("mutation", [EMAIL, LANGUAGE, NOTE, DETACH])
def test_an_unknown_checkout_is_not_found(api_client, customer_user, mutation):
    unknown = to_global_id("Checkout", "00000000-0000-4000-8000-000000000000")
    variables = {"id": unknown, "email": "a@example.com", "language": "EN", "note": "x"}
    data = api_client.as_user(customer_user).execute(mutation, variables)
    (payload,) = data.values()
    assert _errors(payload) == [("id", "NOT_FOUND")]
