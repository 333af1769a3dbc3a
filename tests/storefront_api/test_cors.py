"""CORS: a Saleor storefront on another origin may call /graphql/ from the browser, with its
bearer token, when its origin is listed in CORS_ALLOWED_ORIGINS; nothing else gets CORS headers."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

STOREFRONT = "https://shop.example.com"

allowed = override_settings(CORS_ALLOWED_ORIGINS=[STOREFRONT])


def preflight(path: str, origin: str):
    return Client().options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


@allowed
def test_preflight_from_an_allowed_origin_is_allowed(db):
    # when the storefront's browser asks before posting a query with a bearer token
    response = preflight("/graphql/", STOREFRONT)
    # then the origin, the method and the Authorization header are allowed
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == STOREFRONT
    assert "POST" in response["Access-Control-Allow-Methods"].split(", ")
    assert "authorization" in response["Access-Control-Allow-Headers"].split(", ")
    assert "Access-Control-Allow-Credentials" not in response


@allowed
def test_preflight_from_another_origin_gets_no_cors_header(db):
    # when a page of an origin not listed asks
    response = preflight("/graphql/", "https://evil.example.com")
    # then no Access-Control-Allow-Origin: the browser refuses the request
    assert "Access-Control-Allow-Origin" not in response


def test_no_origin_is_allowed_by_default(db, settings):
    # given the default configuration (CORS_ALLOWED_ORIGINS empty)
    assert settings.CORS_ALLOWED_ORIGINS == []
    # when the storefront's browser asks / then it is not allowed
    assert "Access-Control-Allow-Origin" not in preflight("/graphql/", STOREFRONT)


@allowed
@pytest.mark.parametrize("path", ["/dashboard/login/", "/thumbnail/1/64/webp/"])
def test_cors_covers_only_the_graphql_endpoint(db, path):
    # when the allowed origin asks for another path / then no CORS headers
    assert "Access-Control-Allow-Origin" not in preflight(path, STOREFRONT)


@allowed
def test_a_query_from_an_allowed_origin_gets_the_header(db):
    # when the storefront posts a query
    response = Client().post(
        "/graphql/",
        {"query": "{ __typename }"},
        content_type="application/json",
        headers={"Origin": STOREFRONT},
    )
    # then the answer is readable by the storefront's page
    assert response.json() == {"data": {"__typename": "Query"}}
    assert response["Access-Control-Allow-Origin"] == STOREFRONT
