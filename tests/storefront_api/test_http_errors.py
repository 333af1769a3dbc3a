"""Malformed requests and unexpected failures get GraphQL errors in JSON (the GraphQL-over-HTTP
statuses), never Django's HTML pages or a traceback; a request's SQL runs under a time budget."""

from __future__ import annotations

import json
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory

from storefront_api.views import server_error

from .plumbing_schema import URLCONF

plumbing = pytest.mark.urls(URLCONF)


def graphql_error(message: str) -> dict:
    return {"errors": [{"message": message, "extensions": {"exception": {"code": "GraphQLError"}}}]}


@plumbing
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "The request body is not valid JSON."),
        ("[" * 100_000, "The request body is not valid JSON."),
        ('"{ hello }"', "The request body must be a JSON object."),
        ("42", "The request body must be a JSON object."),
        ("null", "The request body must be a JSON object."),
        ("[]", "A batch must hold between 1 and 20 operations."),
    ],
)
def test_unreadable_json_body_is_a_400(client, body, message):
    # when the body is not a GraphQL request in JSON
    response = client.post("/graphql/", body, content_type="application/json")
    # then a 400 in JSON says so
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == graphql_error(message)


@plumbing
@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/graphql"]
)
def test_other_content_types_are_a_415(client, content_type):
    # when a valid JSON request is sent as another media type (what a cross-site form can send)
    response = client.post("/graphql/", '{"query": "{ hello }"}', content_type=content_type)
    # then it is refused as an unsupported media type
    assert response.status_code == 415
    assert response.json() == graphql_error(
        "The request's Content-Type must be application/json or multipart/form-data."
    )


@plumbing
def test_json_body_over_the_upload_limit_is_a_413(client, settings):
    # given a small limit on the body
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    body = json.dumps({"query": "{ hello }", "variables": {"padding": "x" * 100}})
    # when a larger body is posted
    response = client.post("/graphql/", body, content_type="application/json")
    # then it is refused as too large
    assert response.status_code == 413
    assert response.json() == graphql_error("The request body is too large.")


@plumbing
def test_multipart_fields_over_the_upload_limit_are_a_413(client, settings):
    # given a small limit on the non-file fields
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    operations = json.dumps(
        {"query": "mutation($file: Upload!) { uploadSize(file: $file) }", "variables": {}}
    )
    data = {
        "operations": operations + " " * 100,
        "map": json.dumps({"0": ["variables.file"]}),
        "0": SimpleUploadedFile("a.txt", b"1"),
    }
    # when the multipart request is posted
    response = client.post("/graphql/", data)
    # then it is refused as too large
    assert response.status_code == 413
    assert response.json() == graphql_error("The request body is too large.")


@plumbing
def test_malformed_multipart_body_is_a_400(client):
    # when the multipart body has no boundary
    response = client.post("/graphql/", "garbage", content_type="multipart/form-data")
    # then a 400 in JSON
    assert response.status_code == 400
    assert response.json() == graphql_error("The request body could not be read.")


@plumbing
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_a_405(client, method):
    # when the endpoint is called with a method GraphQL does not use
    response = getattr(client, method)(
        "/graphql/", '{"query": "{ hello }"}', content_type="application/json"
    )
    # then a 405 in JSON names the allowed ones
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"
    assert response.json() == graphql_error(
        f"The method {method.upper()} is not allowed: use GET or POST."
    )


@plumbing
def test_operation_name_that_is_not_a_string_is_a_400(client):
    # when the operation name is a list
    body = {"query": "query A { hello }", "operationName": ["A"]}
    response = client.post("/graphql/", json.dumps(body), content_type="application/json")
    # then a 400 says so
    assert response.status_code == 400
    assert response.json() == {"errors": [{"message": "The operation name must be a string."}]}


@plumbing
def test_query_nested_too_deeply_to_parse_is_a_400(client):
    # given a query within the length limit nested beyond the parser's recursion
    query = "{ item " * 10_000 + "}" * 10_000
    # when it is posted
    response = client.post(
        "/graphql/", json.dumps({"query": query}), content_type="application/json"
    )
    # then the parser refuses it in a 400 (graphql-core bounds its recursion)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["message"] == "Syntax Error: Document is nested too deeply. Parsing aborted."


@plumbing
def test_unexpected_failure_outside_resolvers_is_a_json_500(client, settings):
    # given production settings
    settings.DEBUG = False
    # when the response itself cannot be encoded (a scalar gave a set)
    response = client.post(
        "/graphql/", json.dumps({"query": "{ unserializable }"}), content_type="application/json"
    )
    # then a 500 in JSON with a generic message and the request id, nothing about the internals
    assert response.status_code == 500
    (error,) = response.json()["errors"]
    request_id = error["extensions"]["requestId"]
    assert error == {
        "message": "Internal Server Error",
        "extensions": {"exception": {"code": "INTERNAL_ERROR"}, "requestId": request_id},
    }
    assert str(uuid.UUID(request_id)) == request_id
    assert b"TypeError" not in response.content
    assert b"serializable" not in response.content


def test_unknown_path_under_the_api_is_a_json_404(client, settings):
    # given production settings (DEBUG shows Django's technical page)
    settings.DEBUG = False
    # when a path under /graphql/ that does not exist is called
    response = client.post("/graphql/nope/", "{}", content_type="application/json")
    # then a 404 in JSON
    assert response.status_code == 404
    assert response.json() == graphql_error("Not found: the GraphQL endpoint is /graphql/.")


def test_unknown_path_elsewhere_keeps_django_404_page(client, settings):
    # given production settings
    settings.DEBUG = False
    # when a path outside the API does not exist
    response = client.get("/nope/")
    # then Django's own page answers
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_suspicious_request_to_the_api_is_a_json_400(client, settings):
    # given production settings
    settings.DEBUG = False
    # when the API is called with a host Haat does not serve
    response = client.post(
        "/graphql/",
        '{"query": "{ shop { name } }"}',
        content_type="application/json",
        HTTP_HOST="evil.example",
    )
    # then a 400 in JSON
    assert response.status_code == 400
    assert response.json() == graphql_error("Bad request.")


def test_django_server_error_on_the_api_is_json():
    # given a request to the API that failed outside the view (in a middleware)
    request = RequestFactory().post("/graphql/")
    # when Django answers it with its 500 handler
    response = server_error(request)
    # then the answer is a GraphQL error in JSON
    assert response.status_code == 500
    (error,) = json.loads(response.content)["errors"]
    assert error["message"] == "Internal Server Error"
    assert error["extensions"]["exception"] == {"code": "INTERNAL_ERROR"}


def _statement_timeout() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@plumbing
@pytest.mark.postgres
def test_statement_over_the_timeout_is_stopped_with_a_graphql_error(
    client, settings, transactional_db
):
    # given a tiny statement timeout
    settings.GRAPHQL_STATEMENT_TIMEOUT_MS = 50
    settings.DEBUG = False
    before = _statement_timeout()
    # when a resolver's SQL runs longer
    response = client.post(
        "/graphql/",
        json.dumps({"query": "{ hello sleep(seconds: 5) }"}),
        content_type="application/json",
    )
    # then PostgreSQL stops it, the other fields resolve and the client gets a clear error
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"hello": "Hello, world!", "sleep": None}
    (error,) = body["errors"]
    assert error["message"] == "The request took too long and was stopped."
    assert error["path"] == ["sleep"]
    assert error["extensions"]["exception"] == {"code": "QueryTimeout"}
    assert b"pg_sleep" not in response.content
    # and the connection, which later requests reuse, is back to its own timeout
    assert _statement_timeout() == before


@plumbing
@pytest.mark.postgres
def test_statement_within_the_timeout_runs(client, settings, transactional_db):
    # given a timeout well above the statement's time
    settings.GRAPHQL_STATEMENT_TIMEOUT_MS = 5000
    # when a resolver's SQL runs
    response = client.post(
        "/graphql/",
        json.dumps({"query": "{ sleep(seconds: 0.01) }"}),
        content_type="application/json",
    )
    # then it completes
    assert response.json() == {"data": {"sleep": 0.01}}


@plumbing
@pytest.mark.postgres
def test_statement_timeout_of_zero_sets_nothing(client, settings, transactional_db):
    # given the timeout disabled
    settings.GRAPHQL_STATEMENT_TIMEOUT_MS = 0
    # when a statement runs longer than the tests' tiny timeouts
    response = client.post(
        "/graphql/",
        json.dumps({"query": "{ sleep(seconds: 0.1) }"}),
        content_type="application/json",
    )
    # then nothing stops it
    assert response.json() == {"data": {"sleep": 0.1}}
