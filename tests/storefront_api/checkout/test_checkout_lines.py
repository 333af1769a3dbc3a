"""checkoutLinesAdd, checkoutLinesUpdate, checkoutLinesDelete, checkoutLineDelete; and who may."""

from __future__ import annotations

from graphql_relay import to_global_id

from backend.checkout.models import Checkout, CheckoutLine
from tests.factories import UserFactory

from .conftest import ERROR_FIELDS, checkout_id, create_checkout, variant_id

ADD = f"""
mutation($id: ID, $lines: [CheckoutLineInput!]!) {{
  checkoutLinesAdd(id: $id, lines: $lines) {{ checkout {{ quantity lines {{ id quantity }} }}
    {ERROR_FIELDS} }}
}}"""
UPDATE = f"""
mutation($id: ID, $lines: [CheckoutLineUpdateInput!]!) {{
  checkoutLinesUpdate(id: $id, lines: $lines) {{ checkout {{ quantity lines {{ id quantity }} }}
    {ERROR_FIELDS} }}
}}"""
DELETE = f"""
mutation($id: ID, $ids: [ID!]!) {{
  checkoutLinesDelete(id: $id, linesIds: $ids) {{ checkout {{ quantity }} {ERROR_FIELDS} }}
}}"""
DELETE_ONE = f"""
mutation($id: ID, $lineId: ID) {{
  checkoutLineDelete(id: $id, lineId: $lineId) {{ checkout {{ quantity }} {ERROR_FIELDS} }}
}}"""


def test_adding_a_variant_already_in_the_checkout_raises_its_quantity(
    api_client, new_checkout, variant
):
    result = api_client.execute(
        ADD,
        {"id": new_checkout["id"], "lines": [{"variantId": variant_id(variant), "quantity": 3}]},
    )["checkoutLinesAdd"]
    assert result["errors"] == []
    assert [line["quantity"] for line in result["checkout"]["lines"]] == [5]


def test_adding_beyond_stock_changes_nothing(api_client, new_checkout, variant):
    result = api_client.execute(
        ADD,
        {"id": new_checkout["id"], "lines": [{"variantId": variant_id(variant), "quantity": 9}]},
    )["checkoutLinesAdd"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("quantity", "INSUFFICIENT_STOCK")
    ]
    assert CheckoutLine.objects.get().quantity == 2


def test_update_sets_the_quantity_and_zero_removes_the_line(api_client, new_checkout):
    line_id = new_checkout["lines"][0]["id"]
    result = api_client.execute(
        UPDATE, {"id": new_checkout["id"], "lines": [{"lineId": line_id, "quantity": 4}]}
    )["checkoutLinesUpdate"]
    assert result["checkout"]["quantity"] == 4
    result = api_client.execute(
        UPDATE, {"id": new_checkout["id"], "lines": [{"lineId": line_id, "quantity": 0}]}
    )["checkoutLinesUpdate"]
    assert result["errors"] == []
    assert result["checkout"]["lines"] == []


def test_update_of_a_foreign_line_is_not_found(api_client, new_checkout):
    foreign = to_global_id("CheckoutLine", "00000000-0000-4000-8000-000000000000")
    result = api_client.execute(
        UPDATE, {"id": new_checkout["id"], "lines": [{"lineId": foreign, "quantity": 1}]}
    )["checkoutLinesUpdate"]
    assert [(e["field"], e["code"], e["lines"]) for e in result["errors"]] == [
        ("lineId", "NOT_FOUND", [foreign])
    ]


def test_negative_quantity_in_update(api_client, new_checkout):
    line_id = new_checkout["lines"][0]["id"]
    result = api_client.execute(
        UPDATE, {"id": new_checkout["id"], "lines": [{"lineId": line_id, "quantity": -1}]}
    )["checkoutLinesUpdate"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("quantity", "ZERO_QUANTITY")]


def test_delete_lines(api_client, new_checkout):
    result = api_client.execute(
        DELETE, {"id": new_checkout["id"], "ids": [new_checkout["lines"][0]["id"]]}
    )["checkoutLinesDelete"]
    assert result == {"checkout": {"quantity": 0}, "errors": []}


def test_delete_a_line_not_in_the_checkout(api_client, new_checkout):
    foreign = to_global_id("CheckoutLine", "00000000-0000-4000-8000-000000000000")
    result = api_client.execute(DELETE, {"id": new_checkout["id"], "ids": [foreign]})[
        "checkoutLinesDelete"
    ]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("linesIds", "INVALID")]
    assert CheckoutLine.objects.count() == 1


def test_deprecated_line_delete(api_client, new_checkout):
    result = api_client.execute(
        DELETE_ONE, {"id": new_checkout["id"], "lineId": new_checkout["lines"][0]["id"]}
    )["checkoutLineDelete"]
    assert result == {"checkout": {"quantity": 0}, "errors": []}


def test_missing_id_is_a_graphql_error(api_client, new_checkout, variant):
    result = api_client.execute(ADD, {"lines": []})["checkoutLinesAdd"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("id", "GRAPHQL_ERROR")]


def test_a_customers_checkout_is_not_found_for_anyone_else(api_client, customer_user, variant):
    # given a checkout attached to a customer
    owned = create_checkout(
        api_client.as_user(customer_user), [{"variantId": variant_id(variant), "quantity": 1}]
    )["checkout"]
    lines = [{"variantId": variant_id(variant), "quantity": 1}]
    # when an anonymous client or another customer changes it
    for client in (api_client, api_client.as_user(UserFactory())):
        result = client.execute(ADD, {"id": owned["id"], "lines": lines})["checkoutLinesAdd"]
        # then it does not exist for them, and nothing changes
        assert [(e["field"], e["code"]) for e in result["errors"]] == [("id", "NOT_FOUND")]
    assert CheckoutLine.objects.get().quantity == 1
    # and its customer may
    result = api_client.as_user(customer_user).execute(ADD, {"id": owned["id"], "lines": lines})
    assert result["checkoutLinesAdd"]["checkout"]["quantity"] == 2
    assert Checkout.objects.get().user == customer_user


def test_unknown_checkout(api_client, variant):
    unknown = checkout_id("00000000-0000-4000-8000-000000000000")
    result = api_client.execute(ADD, {"id": unknown, "lines": []})["checkoutLinesAdd"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("id", "NOT_FOUND")]
