"""A property-based fuzz of the whole GraphQL schema: no query or mutation, anonymous or with a
staff token, valid or with one schema violation, may answer 5xx or "Internal Server Error".

Queries and mutations are generated from the printed schema (hypothesis-graphql), with NUL bytes,
lone surrogates, huge and non-finite numbers among the values. Bounded to about a minute in all
(`FUZZ_EXAMPLES` examples per group)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import hypothesis_graphql
import pytest
from graphql import build_schema, print_ast
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes

from backend.accounts.jwt import create_access_token
from backend.core.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import UserFactory, create_listed_product

SCHEMA = build_schema(
    (Path(__file__).resolve().parents[2] / "storefront_api/schema.graphql").read_text()
)
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))

_numbers = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.sampled_from([0.0, -1.0, 1e300, -1e300, 0.01, 123.456]),
)
CUSTOM_SCALARS = {
    "DateTime": st.sampled_from(["2026-11-27T10:00:00+06:00", "not a date", "9999-99-99"]).map(
        nodes.String
    ),
    "Decimal": _numbers.map(nodes.Float),
    "PositiveDecimal": _numbers.map(nodes.Float),
    "WeightScalar": _numbers.map(nodes.Float),
    "JSONString": st.sampled_from(['{"blocks": []}', "{", '{"a": NaN}', '"\\u0000"', "[]"]).map(
        nodes.String
    ),
    "GenericScalar": st.text(max_size=20).map(nodes.String),
    "Upload": st.just(nodes.Null),
}


def _post(client, document: str, token: str | None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(
        "/graphql/",
        json.dumps({"query": document}),
        content_type="application/json",
        **headers,
    )


def _assert_handled(response) -> None:
    assert response.status_code < 500, response.content[:2000]
    assert b"Internal Server Error" not in response.content, response.content[:2000]


@pytest.fixture
def fuzz_world(db):
    """A little catalogue to read and a staff member holding every permission."""
    create_listed_product()
    staff = UserFactory(is_staff=True)
    grant(staff, *PermissionEnum)
    return create_access_token(staff)


def _fuzz(client, token, strategy) -> None:
    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @given(document=strategy)
    def run(document: str) -> None:
        _assert_handled(_post(client, document, token))

    run()


@pytest.mark.parametrize("as_staff", [False, True], ids=["anonymous", "staff"])
@pytest.mark.parametrize(
    "mode", [hypothesis_graphql.Mode.POSITIVE, hypothesis_graphql.Mode.NEGATIVE]
)
def test_queries_never_answer_an_internal_error(client, fuzz_world, as_staff, mode):
    strategy = hypothesis_graphql.queries(
        SCHEMA, custom_scalars=CUSTOM_SCALARS, mode=mode, print_ast=print_ast
    )
    _fuzz(client, fuzz_world if as_staff else None, strategy)


@pytest.mark.parametrize("as_staff", [False, True], ids=["anonymous", "staff"])
def test_mutations_never_answer_an_internal_error(client, fuzz_world, as_staff):
    strategy = hypothesis_graphql.mutations(
        SCHEMA, custom_scalars=CUSTOM_SCALARS, print_ast=print_ast
    )
    _fuzz(client, fuzz_world if as_staff else None, strategy)
