"""The benchmark is never run as a test; this only proves it imports and its queries are valid."""

from __future__ import annotations

import pytest
from graphql import parse, validate

from bench import queries, run
from storefront_api.schema import schema


def test_bench_harness_imports_and_parses_its_arguments():
    # when
    args = run.parse_args(["--quick"])

    # then
    assert args.products == 2_000
    assert args.name == "quick"
    assert run.parse_args([]).products == 100_000


@pytest.mark.parametrize("name", sorted(queries.ALL_QUERIES))
def test_bench_queries_are_valid_against_the_schema(name):
    # given
    document = parse(queries.ALL_QUERIES[name])

    # when
    errors = validate(schema.graphql_schema, document)

    # then
    assert errors == []
