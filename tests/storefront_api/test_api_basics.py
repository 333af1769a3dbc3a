"""The HTTP side of /graphql/: methods, batches, uploads, error shapes and authentication.

Most tests mount the real GraphQLView on a tiny schema (`plumbing_schema`), so they test the
endpoint and nothing else; the others go through Haat's own URL and schema.
"""

from __future__ import annotations

import json
import logging
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.accounts.jwt import create_access_token
from tests.factories import UserFactory

from .plumbing_schema import URLCONF

plumbing = pytest.mark.urls(URLCONF)


def post_json(client, body, **headers):
    return client.post("/graphql/", json.dumps(body), content_type="application/json", **headers)


def test_graphiql_page_is_served_on_get(client, db):
    # when a browser opens the endpoint
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    # then it gets GraphiQL
    assert response.status_code == 200
    assert b"GraphiQL" in response.content


def test_syntax_error_is_a_clear_graphql_error(api_client):
    # when the query does not parse
    response = api_client.post("{ products(")
    # then a 400 with a GraphQL error, not a 500
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "GraphQLError"


@plumbing
def test_post_json_executes_the_query(client):
    # when a query with variables is posted as JSON
    response = post_json(
        client,
        {"query": "query Hi($name: String) { hello(name: $name) }", "variables": {"name": "হাট"}},
    )
    # then the data comes back, Bangla unescaped
    assert response.status_code == 200
    assert response.json() == {"data": {"hello": "Hello, হাট!"}}
    assert "হাট".encode() in response.content


@plumbing
def test_post_selects_the_named_operation(client):
    # given a document with two operations
    query = 'query A { hello(name: "A") } query B { hello(name: "B") }'
    # when operation B is asked for
    response = post_json(client, {"query": query, "operationName": "B"})
    # then only B runs
    assert response.json() == {"data": {"hello": "Hello, B!"}}


@plumbing
def test_get_with_a_query_parameter_runs_the_query(client):
    # when a query comes as GET parameters, variables as JSON text
    response = client.get(
        "/graphql/",
        {"query": "query Hi($name: String) { hello(name: $name) }", "variables": '{"name": "GET"}'},
    )
    # then it runs
    assert response.status_code == 200
    assert response.json() == {"data": {"hello": "Hello, GET!"}}


@plumbing
def test_get_refuses_a_mutation(client):
    # when a mutation comes as a GET (a link could trigger it)
    response = client.get("/graphql/", {"query": 'mutation { echo(text: "x") }'})
    # then it is refused and nothing runs
    assert response.status_code == 405
    assert response.json() == {
        "errors": [{"message": "Only queries can be sent with GET; use POST."}]
    }


@plumbing
def test_get_with_invalid_variables_is_a_400(client):
    # when the variables are not JSON
    response = client.get("/graphql/", {"query": "{ hello }", "variables": "{nope"})
    # then the client is told
    assert response.status_code == 400
    assert response.json() == {"errors": [{"message": "Variables are invalid JSON."}]}


@plumbing
def test_post_mutation_runs(client):
    # when a mutation is posted
    response = post_json(client, {"query": 'mutation { echo(text: "ok") }'})
    # then it runs
    assert response.json() == {"data": {"echo": "ok"}}


@plumbing
def test_batch_runs_each_operation_in_order(client):
    # given a batch of a query, a mutation and an invalid query
    batch = [
        {"query": "{ hello }"},
        {"query": 'mutation { echo(text: "second") }'},
        {"query": "{ nope }"},
    ]
    # when it is posted as a JSON list
    response = post_json(client, batch)
    # then there is one result per operation, in order, each with its own errors
    assert response.status_code == 200
    results = response.json()
    assert len(results) == 3
    assert results[0] == {"data": {"hello": "Hello, world!"}}
    assert results[1] == {"data": {"echo": "second"}}
    assert results[2]["errors"][0]["message"] == "Cannot query field 'nope' on type 'Query'."


@plumbing
@pytest.mark.parametrize("size", [0, 21])
def test_batch_size_is_limited(client, size):
    # when a batch is empty or too large
    response = post_json(client, [{"query": "{ hello }"}] * size)
    # then it is refused as a whole
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "A batch must hold between 1 and 20 operations."
    )


@plumbing
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "The request body is not valid JSON."),
        ('"a string"', "The request body must be a JSON object."),
        ("{}", "Must provide a query string."),
        ('{"query": "{ hello }", "variables": [1]}', "Variables must be an object."),
    ],
)
def test_malformed_post_body_is_a_400(client, body, message):
    # when the body is not a GraphQL request
    response = client.post("/graphql/", body, content_type="application/json")
    # then a 400 says why
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == message


@plumbing
def test_query_longer_than_the_limit_is_refused(client, settings):
    # given a small limit on query text
    settings.GRAPHQL_QUERY_MAX_LENGTH = 50
    # when a longer query arrives
    response = post_json(client, {"query": "{ hello }" + " " * 50})
    # then it is refused before parsing
    assert response.status_code == 400
    assert response.json() == {"errors": [{"message": "The query is too long."}]}


@plumbing
def test_multipart_upload_reaches_the_resolver(client):
    # given a file sent by the GraphQL multipart request spec
    operations = {
        "query": "mutation($file: Upload!) { uploadSize(file: $file) }",
        "variables": {"file": None},
    }
    data = {
        "operations": json.dumps(operations),
        "map": json.dumps({"0": ["variables.file"]}),
        "0": SimpleUploadedFile("photo.jpg", b"12345", content_type="image/jpeg"),
    }
    # when it is posted
    response = client.post("/graphql/", data)
    # then the resolver gets the file
    assert response.status_code == 200
    assert response.json() == {"data": {"uploadSize": 5}}


@plumbing
def test_multipart_upload_into_a_list(client):
    # given two files mapped into a list variable
    operations = {
        "query": "mutation($files: [Upload!]!) { uploadSizes(files: $files) }",
        "variables": {"files": [None, None]},
    }
    data = {
        "operations": json.dumps(operations),
        "map": json.dumps({"a": ["variables.files.0"], "b": ["variables.files.1"]}),
        "a": SimpleUploadedFile("a.txt", b"1"),
        "b": SimpleUploadedFile("b.txt", b"123"),
    }
    # when they are posted
    response = client.post("/graphql/", data)
    # then each lands in its place
    assert response.json() == {"data": {"uploadSizes": [1, 3]}}


@plumbing
@pytest.mark.parametrize(
    ("operations", "files_map", "message"),
    [
        (
            "{not json",
            {"0": ["variables.file"]},
            "Invalid multipart request: `operations` and `map` must be JSON.",
        ),
        (
            None,
            {"0": ["variables.file"]},
            "Invalid multipart request: `operations` and `map` must be JSON.",
        ),
        (
            '"text"',
            {"0": ["variables.file"]},
            "Invalid multipart request: `operations` must be an object or a list.",
        ),
        (
            "VALID",
            ["variables.file"],
            "Invalid multipart request: `map` must be an object.",
        ),
        (
            "VALID",
            {"0": "variables.file"},
            "Invalid multipart request: `map` entry '0' must be a list of paths.",
        ),
        (
            "VALID",
            {"missing": ["variables.file"]},
            "Invalid multipart request: file 'missing' is missing.",
        ),
        (
            "VALID",
            {"0": ["variables.nowhere.deep"]},
            "Invalid multipart request: no place for a file at 'variables.nowhere.deep'.",
        ),
    ],
)
def test_malformed_multipart_request_is_a_400(client, operations, files_map, message):
    # given a multipart request that breaks the spec
    valid = json.dumps(
        {"query": "mutation($file: Upload!) { uploadSize(file: $file) }", "variables": {}}
    )
    data = {"map": json.dumps(files_map), "0": SimpleUploadedFile("a.txt", b"1")}
    if operations is not None:
        data["operations"] = valid if operations == "VALID" else operations
    # when it is posted
    response = client.post("/graphql/", data)
    # then a 400 says what is wrong
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"message": message, "extensions": {"exception": {"code": "GraphQLError"}}}]
    }


@plumbing
def test_syntax_error_is_a_400_with_its_location(client):
    # when the query does not parse
    response = post_json(client, {"query": "{ hello("})
    # then a 400 with the parser's message and where
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["message"].startswith("Syntax Error:")
    assert error["locations"] == [{"line": 1, "column": 9}]
    assert error["extensions"] == {"exception": {"code": "GraphQLError"}}


@plumbing
def test_unknown_field_is_a_400_validation_error(client):
    # when the query asks for a field that does not exist
    response = post_json(client, {"query": "{ hello nope }"})
    # then a 400 names it and nothing executes
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert [error["message"] for error in body["errors"]] == [
        "Cannot query field 'nope' on type 'Query'."
    ]


@plumbing
def test_deeply_nested_introspection_is_refused(client):
    # given an introspection query nesting `fields` over and over (cheap to write, costly to run)
    nested = "name"
    for _ in range(4):
        nested = f"fields {{ type {{ {nested} }} }}"
    # when it is posted
    response = post_json(client, {"query": f"{{ __schema {{ types {{ {nested} }} }} }}"})
    # then validation refuses it
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "Maximum introspection depth exceeded"


@plumbing
def test_graphiql_introspection_query_is_allowed(client):
    # given the introspection query GraphiQL sends
    from graphql import get_introspection_query

    # when it is posted
    response = post_json(client, {"query": get_introspection_query()})
    # then the schema is described
    assert response.status_code == 200
    assert response.json()["data"]["__schema"]["queryType"]["name"] == "Query"


@plumbing
def test_resolver_exception_is_hidden_when_debug_is_off(client, settings):
    # given production settings
    settings.DEBUG = False
    # when a resolver raises
    response = post_json(client, {"query": "{ hello broken }"})
    # then the other fields still resolve and the error says nothing about the internals
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"hello": "Hello, world!", "broken": None}
    (error,) = body["errors"]
    request_id = error["extensions"]["requestId"]
    assert error == {
        "message": "Internal Server Error",
        "locations": [{"line": 1, "column": 9}],
        "path": ["broken"],
        "extensions": {"exception": {"code": "INTERNAL_ERROR"}, "requestId": request_id},
    }
    assert str(uuid.UUID(request_id)) == request_id
    assert b"hunter2" not in response.content
    assert b"RuntimeError" not in response.content
    assert b"Traceback" not in response.content


@plumbing
def test_resolver_exception_is_logged_with_the_request_id(client, settings, caplog):
    # given production settings
    settings.DEBUG = False
    # when a resolver raises
    with caplog.at_level(logging.ERROR, logger="storefront_api.views"):
        response = post_json(client, {"query": "{ broken }"})
    # then the log holds the traceback under the id the client was given
    request_id = response.json()["errors"][0]["extensions"]["requestId"]
    (record,) = caplog.records
    assert record.getMessage() == (f"Unhandled error in GraphQL execution (request {request_id})")
    assert record.request_id == request_id
    assert record.exc_info[0] is RuntimeError
    assert str(record.exc_info[1]) == "database password is hunter2"


@plumbing
def test_errors_of_one_request_share_its_request_id(client, settings):
    # given production settings
    settings.DEBUG = False
    # when two resolvers raise in one request
    response = post_json(client, {"query": "{ a: broken b: broken }"})
    # then both errors carry the request's one id
    ids = {error["extensions"]["requestId"] for error in response.json()["errors"]}
    assert len(ids) == 1


@plumbing
def test_dataloader_results_and_failures_are_per_field(client, settings):
    # given production settings
    settings.DEBUG = False
    # when a list resolves through a loader, and another field's batch fails
    query = "{ item { children(first: 2) { ok: greeting bad: greeting(fail: true) } } }"
    response = post_json(client, {"query": query})
    # then the good batch resolves and each failed field is its own located error
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {
        "item": {"children": [{"ok": "hi root.0", "bad": None}, {"ok": "hi root.1", "bad": None}]}
    }
    assert [error["path"] for error in body["errors"]] == [
        ["item", "children", 0, "bad"],
        ["item", "children", 1, "bad"],
    ]
    assert {error["message"] for error in body["errors"]} == {"Internal Server Error"}


@plumbing
def test_error_in_a_non_null_field_nulls_its_parent(client):
    # when a required field fails inside a nullable object
    response = post_json(client, {"query": "{ hello maybeItem { name required } }"})
    # then the object becomes null, its siblings survive, and there is one error
    body = response.json()
    assert response.status_code == 200
    assert body["data"] == {"hello": "Hello, world!", "maybeItem": None}
    assert [error["path"] for error in body["errors"]] == [["maybeItem", "required"]]


@plumbing
def test_resolver_exception_is_shown_in_debug(client, settings):
    # given development settings
    settings.DEBUG = True
    # when a resolver raises
    response = post_json(client, {"query": "{ broken }"})
    # then the developer sees the message, with the code and id production gives
    (error,) = response.json()["errors"]
    assert error["message"] == "database password is hunter2"
    assert error["extensions"]["exception"] == {"code": "INTERNAL_ERROR"}


@plumbing
def test_valid_access_token_authenticates(client, db):
    # given a user and their access token
    user = UserFactory(phone="+8801712345678")
    token = create_access_token(user)
    # when a request carries it
    response = post_json(client, {"query": "{ viewer }"}, HTTP_AUTHORIZATION=f"Bearer {token}")
    # then the resolver sees that user
    assert response.json() == {"data": {"viewer": "+8801712345678"}}


@plumbing
@pytest.mark.parametrize("header", ["Bearer ", "Basic dXNlcjpwYXNz"])
def test_header_without_a_token_is_anonymous(client, db, header):
    # when a request carries an empty or foreign Authorization header (a broken or stale token
    # is refused instead: test_auth_header.py)
    response = post_json(client, {"query": "{ viewer }"}, HTTP_AUTHORIZATION=header)
    # then it is served as anonymous, not refused
    assert response.status_code == 200
    assert response.json() == {"data": {"viewer": None}}


# Haat's own endpoint and schema.


def test_real_endpoint_answers_a_json_post(api_client, db):
    # when the storefront asks for the shop
    response = api_client.post("{ shop { name } }")
    # then it gets it
    assert response.status_code == 200
    assert response.json()["data"]["shop"]["name"]


def test_real_endpoint_answers_a_get_query(client, db):
    # when the shop is asked for with GET (cacheable by a CDN)
    response = client.get("/graphql/", {"query": "{ shop { name } }"})
    # then it runs
    assert response.status_code == 200
    assert response.json()["data"]["shop"]["name"]


def test_real_endpoint_refuses_a_mutation_over_get(client, db):
    # when a mutation comes as a GET
    response = client.get(
        "/graphql/", {"query": 'mutation { tokenVerify(token: "x") { isValid } }'}
    )
    # then it is refused
    assert response.status_code == 405


def test_real_endpoint_reports_an_unknown_field(api_client):
    # when the query asks for a field Haat does not have
    response = api_client.post("{ shop { name } nope }")
    # then a 400 names it
    assert response.status_code == 400
    assert [error["message"] for error in response.json()["errors"]] == [
        "Cannot query field 'nope' on type 'Query'."
    ]


def test_real_endpoint_me_follows_the_token(api_client, customer_user):
    # when `me` is asked for with the customer's token, and with a broken one
    signed_in = api_client.as_user(customer_user).execute("{ me { id } }")
    broken = api_client.post("{ me { id } }", HTTP_AUTHORIZATION="Bearer broken").json()
    # then the first is the customer and the second refused as Saleor does
    assert signed_in["me"]["id"]
    assert broken["errors"][0]["extensions"]["exception"]["code"] == "DecodeError"


def test_real_endpoint_refuses_nested_pages_over_the_cost(api_client):
    # given categories of categories of products, 100 of each
    query = """
        { categories(first: 100) { edges { node {
            children(first: 100) { edges { node {
              products(first: 100, channel: "bd") { edges { node { name } } }
            } } }
        } } } }
    """
    # when it is posted
    response = api_client.post(query)
    # then it is refused before touching the database
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == (
        "QueryCostLimitExceeded"
    )


def test_real_endpoint_refuses_a_query_over_the_depth(api_client):
    # given a category tree walked deeper than allowed
    selection = "name"
    for _ in range(4):
        selection = f"children(first: 1) {{ edges {{ node {{ {selection} }} }} }}"
    # when it is posted
    response = api_client.post(f'{{ category(slug: "x") {{ {selection} }} }}')
    # then it is refused
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == (
        "QueryDepthLimitExceeded"
    )
