"""checkoutLinesAdd, checkoutLinesUpdate, checkoutLinesDelete, checkoutLineDelete; and who may."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from backend.checkout.models import Checkout, CheckoutLine
from backend.core.models import SiteSettings
from tests.factories import ProductVariantFactory, UserFactory, create_listed_product

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


# --- each refusal of checkoutLinesAdd and checkoutLinesUpdate ---------------------------------


def _add(client, checkout, lines) -> dict:
    return client.execute(ADD, {"id": checkout["id"], "lines": lines})["checkoutLinesAdd"]


def _update(client, checkout, lines) -> dict:
    return client.execute(UPDATE, {"id": checkout["id"], "lines": lines})["checkoutLinesUpdate"]


def _refused(result, field: str, code: str) -> dict:
    assert result["checkout"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    assert [line.quantity for line in CheckoutLine.objects.all()] == [2]
    return result["errors"][0]


def test_add_a_variant_not_sold_in_the_channel(api_client, new_checkout, variant):
    unlisted = ProductVariantFactory(product=variant.product)
    error = _refused(
        _add(api_client, new_checkout, [{"variantId": variant_id(unlisted), "quantity": 1}]),
        "lines",
        "UNAVAILABLE_VARIANT_IN_CHANNEL",
    )
    assert error["variants"] == [variant_id(unlisted)]


def test_add_an_unpublished_product(api_client, channel, new_checkout):
    other = create_listed_product(channel=channel).variants.get()
    other.product.channel_listings.update(is_published=False)
    error = _refused(
        _add(api_client, new_checkout, [{"variantId": variant_id(other), "quantity": 1}]),
        "lines",
        "PRODUCT_NOT_PUBLISHED",
    )
    assert error["variants"] == [variant_id(other)]


def test_add_a_product_not_yet_for_sale(api_client, channel, new_checkout):
    other = create_listed_product(channel=channel).variants.get()
    other.product.channel_listings.update(
        available_for_purchase_at=timezone.now() + timedelta(days=1)
    )
    _refused(
        _add(api_client, new_checkout, [{"variantId": variant_id(other), "quantity": 1}]),
        "lines",
        "PRODUCT_UNAVAILABLE_FOR_PURCHASE",
    )


@pytest.mark.parametrize(
    ("lines", "field", "code"),
    [
        ([{"quantity": 0}], "quantity", "ZERO_QUANTITY"),
        ([{"quantity": 1, "price": "1.00"}], "price", "INVALID"),
        ([{"variantId": to_global_id("ProductVariant", 999999)}], "variantId", "NOT_FOUND"),
        ([{"variantId": to_global_id("Product", 1)}], "variantId", "GRAPHQL_ERROR"),
    ],
    ids=["zero", "custom-price", "unknown-variant", "malformed-id"],
)
def test_add_refusals(api_client, new_checkout, variant, lines, field, code):
    wanted = [{"variantId": variant_id(variant), "quantity": 1, **item} for item in lines]
    _refused(_add(api_client, new_checkout, wanted), field, code)


def test_add_beyond_the_shops_limit(api_client, new_checkout, variant):
    SiteSettings.objects.update_or_create(pk=1, defaults={"limit_quantity_per_checkout": 3})
    _refused(
        _add(api_client, new_checkout, [{"variantId": variant_id(variant), "quantity": 2}]),
        "quantity",
        "QUANTITY_GREATER_THAN_LIMIT",
    )


def test_a_forced_new_line_keeps_the_variant_on_two_lines(api_client, new_checkout, variant):
    result = _add(
        api_client,
        new_checkout,
        [{"variantId": variant_id(variant), "quantity": 1, "forceNewLine": True}],
    )
    assert result["errors"] == []
    assert sorted(line["quantity"] for line in result["checkout"]["lines"]) == [1, 2]


def test_update_beyond_stock(api_client, new_checkout, variant):
    error = _refused(
        _update(
            api_client, new_checkout, [{"lineId": new_checkout["lines"][0]["id"], "quantity": 11}]
        ),
        "quantity",
        "INSUFFICIENT_STOCK",
    )
    assert error["variants"] == [variant_id(variant)]


def test_update_beyond_the_variants_limit_per_customer(api_client, new_checkout, variant):
    variant.quantity_limit_per_customer = 3
    variant.save()
    _refused(
        _update(
            api_client, new_checkout, [{"lineId": new_checkout["lines"][0]["id"], "quantity": 4}]
        ),
        "quantity",
        "QUANTITY_GREATER_THAN_LIMIT",
    )


def test_update_by_the_deprecated_variant_id(api_client, new_checkout, variant):
    result = _update(api_client, new_checkout, [{"variantId": variant_id(variant), "quantity": 5}])
    assert result["errors"] == []
    assert [line["quantity"] for line in result["checkout"]["lines"]] == [5]


def test_update_a_variant_not_in_the_checkout(api_client, channel, new_checkout):
    other = create_listed_product(channel=channel).variants.get()
    error = _refused(
        _update(api_client, new_checkout, [{"variantId": variant_id(other), "quantity": 1}]),
        "variantId",
        "NOT_FOUND",
    )
    assert error["variants"] == [variant_id(other)]


def test_update_needs_a_line_or_a_variant(api_client, new_checkout):
    _refused(_update(api_client, new_checkout, [{"quantity": 1}]), "lineId", "GRAPHQL_ERROR")


def test_deprecated_line_delete_of_a_foreign_line(api_client, new_checkout):
    foreign = to_global_id("CheckoutLine", "00000000-0000-4000-8000-000000000000")
    result = api_client.execute(DELETE_ONE, {"id": new_checkout["id"], "lineId": foreign})[
        "checkoutLineDelete"
    ]
    assert [(e["field"], e["code"], e["lines"]) for e in result["errors"]] == [
        ("lineId", "INVALID", [foreign])
    ]
    assert CheckoutLine.objects.count() == 1
