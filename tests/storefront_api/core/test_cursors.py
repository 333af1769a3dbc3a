"""A cursor the API did not write (garbage, base64 of junk, values of the wrong type) is a
GraphQL error naming it, never a 500."""

import base64
import json

import pytest

from tests.factories import CategoryFactory, ProductChannelListingFactory, ProductFactory


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


MALFORMED = [
    "garbage",
    "%%%",
    _cursor("garbage"),
    _cursor("null"),
    _cursor("{}"),
    _cursor("[-1]"),
    _cursor('["1"]'),
    _cursor('["a", "b"]'),
    _cursor("[null, null]"),
    _cursor('["a", 1.5]'),
    _cursor('["a", true]'),
    _cursor('[["a"], 1]'),
    _cursor('[{"a": 1}, 1]'),
    _cursor('["a", 99999999999999999999999999]'),
    _cursor('["a\\u0000", 1]'),
    _cursor('["\\ud800", 1]'),
    _cursor("[NaN, 1]"),
    _cursor("[1e400, 1]"),
    _cursor("[" * 5000 + "]" * 5000),
    base64.urlsafe_b64encode(b"\xff\xfe").decode(),
]

PRODUCTS = """
query Q($after: String, $before: String, $sort: ProductOrder) {
  products(channel: "bd", first: 2, after: $after, before: $before, sortBy: $sort) {
    edges { node { id } }
  }
}
"""
CATEGORIES = """
query Q($after: String) { categories(first: 2, after: $after) { edges { node { id } } } }
"""
CHILDREN = """
query Q($after: String) {
  categories(first: 1) { edges { node { children(first: 2, after: $after) { totalCount } } } }
}
"""


@pytest.fixture
def catalogue(channel):
    ProductChannelListingFactory(product=ProductFactory(), channel=channel)
    CategoryFactory()


@pytest.mark.parametrize("cursor", MALFORMED)
@pytest.mark.parametrize(
    ("query", "argument", "variables"),
    [
        (PRODUCTS, "after", {}),
        (PRODUCTS, "before", {"sort": {"field": "PRICE", "direction": "ASC"}}),
        (PRODUCTS, "after", {"sort": {"field": "CREATED_AT", "direction": "DESC"}}),
        (CATEGORIES, "after", {}),
        (CHILDREN, "after", {}),
    ],
)
def test_a_malformed_cursor_is_a_graphql_error(
    api_client, catalogue, cursor, query, argument, variables
):
    # when
    response = api_client.post(query, {**variables, argument: cursor})
    # then
    assert response.status_code == 200
    content = response.json()
    messages = [error["message"] for error in content["errors"]]
    assert len(messages) == 1
    assert messages[0].startswith("Received cursor (")
    assert messages[0].endswith(") is invalid.")
    assert "Internal Server Error" not in json.dumps(content)
