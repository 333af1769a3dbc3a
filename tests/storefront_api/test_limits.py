"""Query depth and cost limits (DESIGN.md: "Query depth and cost are limited"), checked before
anything executes. Served by the real GraphQLView on the tiny `plumbing_schema`."""

from __future__ import annotations

import json

import pytest
from django.conf import settings as django_settings
from graphql import parse

from bench.queries import ALL_QUERIES
from storefront_api.core.validation import check_batch_cost, check_limits, measure_operation
from storefront_api.schema import schema

from .plumbing_schema import URLCONF

plumbing = pytest.mark.urls(URLCONF)


def post(client, query: str, variables: dict | None = None):
    body = {"query": query, "variables": variables or {}}
    return client.post("/graphql/", json.dumps(body), content_type="application/json")


def nested_children(depth: int, first: int | str = 1) -> str:
    """`{ item { children { children ... { name } } } }`, `depth` fields from `item` to `name`."""
    selection = "name"
    for _ in range(depth - 2):
        selection = f"children(first: {first}) {{ {selection} }}"
    return f"{{ item {{ {selection} }} }}"


def error_code(response) -> str:
    return response.json()["errors"][0]["extensions"]["exception"]["code"]


def test_default_limits_are_configured():
    # then the settings carry the documented defaults (README, configuration table)
    assert django_settings.GRAPHQL_MAX_DEPTH == 12
    assert django_settings.GRAPHQL_MAX_COST == 50_000
    assert django_settings.GRAPHQL_LIST_COST_SIZE == 5
    assert django_settings.GRAPHQL_MAX_BATCH_SIZE == 20


@plumbing
def test_query_at_the_maximum_depth_runs(client):
    # given a query exactly as deep as allowed
    query = nested_children(django_settings.GRAPHQL_MAX_DEPTH)
    # when it is posted
    response = post(client, query)
    # then it runs
    assert response.status_code == 200
    assert "errors" not in response.json()


@plumbing
def test_query_deeper_than_the_maximum_is_refused(client):
    # given a query one level deeper than allowed
    query = nested_children(django_settings.GRAPHQL_MAX_DEPTH + 1)
    # when it is posted
    response = post(client, query)
    # then it is refused before execution, with Saleor-style code and the numbers
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert error_code(response) == "QueryDepthLimitExceeded"
    assert body["errors"][0]["message"] == (
        "The query exceeds the maximum depth of 12 (it has 13)."
    )


@plumbing
def test_depth_counts_through_fragments(client, settings):
    # given a low limit and a query whose depth hides in fragments
    settings.GRAPHQL_MAX_DEPTH = 3
    query = """
        query { item { ...Deeper } }
        fragment Deeper on Item { children { ... on Item { children { children { name } } } } }
    """
    # when it is posted
    response = post(client, query)
    # then the fragments' depth counts
    assert response.status_code == 400
    assert error_code(response) == "QueryDepthLimitExceeded"


@plumbing
def test_nested_pages_of_100_exceed_the_cost(client):
    # given three nested lists of 100 (a million rows)
    query = nested_children(5, first=100)
    # when it is posted
    response = post(client, query)
    # then it is refused before execution
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert error_code(response) == "QueryCostLimitExceeded"
    assert body["errors"][0]["message"] == (
        "The query exceeds the maximum cost of 50000 (it costs 1010102)."
    )


@plumbing
def test_cost_uses_page_sizes_given_as_variables(client):
    # given the page size in a variable
    query = """
        query Nested($size: Int) {
          item { children(first: $size) { children(first: $size) { children(first: $size) {
            name
          } } } }
        }
    """
    # when it is large
    large = post(client, query, {"size": 100})
    # and when it is small
    small = post(client, query, {"size": 2})
    # then only the large one is refused
    assert large.status_code == 400
    assert error_code(large) == "QueryCostLimitExceeded"
    assert small.status_code == 200
    assert "errors" not in small.json()


@plumbing
def test_cost_counts_fragments_and_aliases(client, settings):
    # given a limit that one page of 100 with two fields fits
    settings.GRAPHQL_MAX_COST = 250
    fits = "{ item { children(first: 100) { ...F } } } fragment F on Item { name greeting }"
    # one alias more multiplies the page again
    over = (
        "{ item { a: children(first: 100) { ...F } b: children(first: 100) { ...F } } }"
        " fragment F on Item { name greeting }"
    )
    # when both are posted
    fits_response = post(client, fits)
    over_response = post(client, over)
    # then the aliased copy tips it over
    assert fits_response.status_code == 200
    assert over_response.status_code == 400
    assert error_code(over_response) == "QueryCostLimitExceeded"


@plumbing
def test_limits_are_checked_per_operation_in_a_batch(client):
    # given a batch with one acceptable and one too costly operation
    batch = [{"query": "{ hello }"}, {"query": nested_children(5, first=100)}]
    # when it is posted
    response = client.post("/graphql/", json.dumps(batch), content_type="application/json")
    # then each gets its own answer
    first, second = response.json()
    assert first == {"data": {"hello": "Hello, world!"}}
    assert second["errors"][0]["extensions"]["exception"]["code"] == "QueryCostLimitExceeded"


@plumbing
def test_typename_and_introspection_fields_are_free(client, settings):
    # given the smallest limits a query can meet
    settings.GRAPHQL_MAX_DEPTH = 1
    settings.GRAPHQL_MAX_COST = 1
    # when a query adds __typename and a type lookup
    response = post(client, '{ hello __typename __type(name: "Item") { name } }')
    # then they cost nothing
    assert response.status_code == 200
    assert response.json()["data"]["__type"] == {"name": "Item"}


@plumbing
def test_paginated_field_without_page_size_counts_the_default_page(client):
    # given three nested paginated lists that ask for no page size (each returns its default page)
    query = "{ item { children { children { children { name } } } } }"
    # when it is posted
    response = post(client, query)
    # then each counts the default page of 100, as if it asked for `first: 100`
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "The query exceeds the maximum cost of 50000 (it costs 1010102).",
                "extensions": {"exception": {"code": "QueryCostLimitExceeded"}},
            }
        ]
    }


def test_products_collections_products_without_page_sizes_is_refused(api_client, db):
    # given the storefront query that returned ~200,000 products anonymously: every product's
    # collections (a plain list) and each collection's products, with no page sizes
    query = """
        { products(channel: "bd") { edges { node { name
            collections { name products { edges { node { name } } } }
        } } } }
    """
    # when an anonymous client posts it
    response = api_client.post(query)
    # then it is refused before anything runs: 100 products x 5 collections x 100 products
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "The query exceeds the maximum cost of 50000 (it costs 151401).",
                "extensions": {"exception": {"code": "QueryCostLimitExceeded"}},
            }
        ]
    }


@plumbing
def test_each_alias_of_an_unpaged_list_is_counted(client, settings):
    # given a limit that one unpaged list of two fields fits (1 + 1 + 100 x 2)
    settings.GRAPHQL_MAX_COST = 250
    fits = "{ item { a: children { name greeting } } }"
    # and the same list under a second alias
    over = "{ item { a: children { name greeting } b: children { name greeting } } }"
    # when both are posted
    fits_response = post(client, fits)
    over_response = post(client, over)
    # then the second alias doubles the cost and tips it over
    assert fits_response.status_code == 200
    assert over_response.status_code == 400
    assert over_response.json()["errors"][0]["message"] == (
        "The query exceeds the maximum cost of 250 (it costs 403)."
    )


@plumbing
def test_batch_within_the_cost_together_runs(client):
    # given four operations of cost 10102 each (40408 together)
    batch = [{"query": nested_children(4, first=100)}] * 4
    # when the batch is posted
    response = client.post("/graphql/", json.dumps(batch), content_type="application/json")
    # then every operation runs
    assert response.status_code == 200
    assert [("errors" in result) for result in response.json()] == [False] * 4


@plumbing
def test_batch_over_the_cost_together_is_refused(client):
    # given five operations each within the limit, over it together (5 x 10102)
    batch = [{"query": nested_children(4, first=100)}] * 5
    # when the batch is posted
    response = client.post("/graphql/", json.dumps(batch), content_type="application/json")
    # then the whole batch is refused before any operation runs
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": (
                    "The batch exceeds the maximum cost of 50000 (its operations cost 50510 "
                    "together)."
                ),
                "extensions": {"exception": {"code": "QueryCostLimitExceeded"}},
            }
        ]
    }


@pytest.mark.parametrize("name", sorted(ALL_QUERIES))
@pytest.mark.parametrize("page_size", [20, 100])
def test_storefront_queries_are_within_the_limits(name, page_size):
    # given a query a Saleor storefront sends (the benchmark's), with a page of 20 or 100
    variables = {"channel": "bd", "first": page_size, "slug": "rice", "search": "rice"}
    document = parse(ALL_QUERIES[name])
    # when it is measured
    measured = measure_operation(schema.graphql_schema, document, variables, None)
    # then it is within the depth and cost limits
    assert measured is not None
    assert check_limits(measured) is None


def test_the_storefront_queries_fit_in_one_batch():
    # given the benchmark's queries with pages of 20, as a storefront page may batch them
    variables = {"channel": "bd", "first": 20, "slug": "rice", "search": "rice"}
    costs = [
        measure_operation(schema.graphql_schema, parse(query), variables, None)
        for query in ALL_QUERIES.values()
    ]
    # then the batch is within the cost limit
    assert check_batch_cost(measured.cost for measured in costs if measured is not None) is None
