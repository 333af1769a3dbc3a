"""A bad access token in the Authorization header: Saleor's top-level error, except for the token
mutations a client uses to recover."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

from backend.accounts import jwt
from backend.accounts.models import User
from backend.accounts.services import revoke_all_tokens, sign_in
from tests.factories import UserFactory

from .accounts.queries import ACCOUNT_REGISTER, TOKEN_CREATE, TOKEN_REFRESH, TOKEN_VERIFY
from .accounts.tokens import tampered, without_claim

ME = "{ me { phone } }"
EXPIRED = {
    "message": "Signature has expired",
    "extensions": {"exception": {"code": "ExpiredSignatureError"}},
}
DECODE_ERROR = {
    "message": "Error decoding signature",
    "extensions": {"exception": {"code": "DecodeError"}},
}
INVALID = {"message": "Invalid token", "extensions": {"exception": {"code": "InvalidTokenError"}}}


@pytest.fixture
def karim(db):
    return UserFactory(phone="+8801712345678", jwt_token_key="karim-key")


@pytest.fixture
def issued(karim):
    return sign_in(identifier="01712345678", password="password-123")


@pytest.fixture
def expired(karim, settings):
    settings.JWT_ACCESS_TTL_SECONDS = -1
    return jwt.create_access_token(karim)


def post(client, body, token: str, **extra):
    return client.post(
        "/graphql/",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        **extra,
    )


def test_expired_token_is_refused_with_saleors_error(client, expired):
    # when a query carries an expired access token
    response = post(client, {"query": ME}, expired)
    # then a top-level ExpiredSignatureError (HTTP 200, as Saleor), so the client refreshes
    assert response.status_code == 200
    assert response.json() == {"errors": [EXPIRED]}


def test_expired_token_with_jwt_scheme_and_on_get(client, expired):
    # when the expired token comes with the JWT scheme, or on a GET
    by_scheme = client.post(
        "/graphql/",
        json.dumps({"query": ME}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"JWT {expired}",
    )
    by_get = client.get("/graphql/", {"query": ME}, HTTP_AUTHORIZATION=f"Bearer {expired}")
    # then both are refused the same way
    assert by_scheme.json() == {"errors": [EXPIRED]}
    assert by_get.json() == {"errors": [EXPIRED]}


@pytest.mark.parametrize("token", ["not-a-token", "eyJhbGciOiJIUzI1NiJ9.e30.x"])
def test_malformed_token_is_a_decode_error(client, db, token):
    # when the header carries something that is not a JWT / then DecodeError
    assert post(client, {"query": ME}, token).json() == {"errors": [DECODE_ERROR]}


def test_tampered_token_is_a_decode_error(client, issued):
    # when the claims were changed under the original signature / then DecodeError
    forged = tampered(issued.access_token, is_staff=True)
    assert post(client, {"query": ME}, forged).json() == {"errors": [DECODE_ERROR]}


def test_token_without_a_required_claim_is_invalid(client, issued):
    # when a correctly signed token lacks its type / then InvalidTokenError
    token = without_claim(issued.access_token, "type")
    assert post(client, {"query": ME}, token).json() == {"errors": [INVALID]}


def test_refresh_token_as_access_token_is_invalid(client, issued):
    # when the refresh token is sent as the access token / then InvalidTokenError
    assert post(client, {"query": ME}, issued.refresh_token).json() == {"errors": [INVALID]}


def test_revoked_token_is_invalid(client, karim, issued):
    # given all Karim's tokens revoked (a password change does this)
    revoke_all_tokens(user=karim)
    # when the old access token is used / then InvalidTokenError
    assert post(client, {"query": ME}, issued.access_token).json() == {"errors": [INVALID]}


def test_token_of_a_deactivated_user_is_invalid(client, karim, issued):
    # given Karim deactivated after signing in
    karim.is_active = False
    karim.save(update_fields=["is_active"])
    # when the token is used / then InvalidTokenError
    assert post(client, {"query": ME}, issued.access_token).json() == {"errors": [INVALID]}


def test_valid_token_still_authenticates(client, issued):
    # when a fresh token is used / then the user is known
    response = post(client, {"query": ME}, issued.access_token)
    assert response.json() == {"data": {"me": {"phone": "+8801712345678"}}}


def test_catalogue_query_is_refused_too(client, expired, channel):
    # when an anonymous-friendly query carries the expired token
    query = '{ products(first: 1, channel: "bd") { edges { node { name } } } }'
    response = post(client, {"query": query}, expired)
    # then it is refused rather than silently served as anonymous
    assert response.json() == {"errors": [EXPIRED]}


def test_refused_request_is_never_cached(client, expired, channel):
    # given the response cache on
    query = '{ products(first: 1, channel: "bd") { edges { node { name } } } }'
    with override_settings(STOREFRONT_CACHE_SECONDS=60):
        # when the expired token is sent
        response = post(client, {"query": query}, expired)
    # then the refusal is not marked as a cache answer
    assert "X-Haat-Cache" not in response
    assert response.json() == {"errors": [EXPIRED]}


def test_token_refresh_works_with_a_stale_header(client, issued, expired, settings):
    # when the client refreshes while still sending the expired access token
    settings.JWT_ACCESS_TTL_SECONDS = 300
    response = post(
        client,
        {
            "query": TOKEN_REFRESH,
            "variables": {"refreshToken": issued.refresh_token, "csrfToken": issued.csrf_token},
        },
        expired,
    )
    # then it gets a new access token
    result = response.json()["data"]["tokenRefresh"]
    assert result["errors"] == []
    assert result["user"]["phone"] == "+8801712345678"
    assert jwt.get_user_from_access_token(result["token"]).phone == "+8801712345678"


def test_token_create_works_with_a_broken_header(client, karim):
    # when the client signs in again while sending a broken token
    body = {
        "query": TOKEN_CREATE,
        "variables": {"email": "01712345678", "password": "password-123"},
    }
    result = post(client, body, "not-a-token").json()["data"]["tokenCreate"]
    # then it gets fresh tokens
    assert result["errors"] == []
    assert result["token"]
    assert result["user"]["phone"] == "+8801712345678"


def test_token_verify_works_with_a_stale_header(client, expired):
    # when the client verifies the very token its header carries
    body = {"query": TOKEN_VERIFY, "variables": {"token": expired}}
    result = post(client, body, expired).json()["data"]["tokenVerify"]
    # then tokenVerify answers (the token is expired) instead of a top-level error
    assert result["isValid"] is False
    assert [error["code"] for error in result["errors"]] == ["JWT_SIGNATURE_EXPIRED"]


def test_token_mutation_alongside_another_field_is_refused(client, issued, expired):
    # when the refresh is bundled with a field that needs the caller
    query = """
    mutation Refresh($refreshToken: String) {
      tokenRefresh(refreshToken: $refreshToken) { token }
      accountRegister(input: {email: "01812345678", password: "a-good-password"}) {
        errors { code }
      }
    }
    """
    body = {"query": query, "variables": {"refreshToken": issued.refresh_token}}
    response = post(client, body, expired)
    # then the whole operation is refused, and nothing was registered
    assert response.json() == {"errors": [EXPIRED]}
    assert not User.objects.filter(phone="+8801812345678").exists()


def test_other_mutations_are_refused_and_change_nothing(client, expired):
    # when an anonymous-friendly mutation carries the expired token
    body = {
        "query": ACCOUNT_REGISTER,
        "variables": {"input": {"email": "01812345678", "password": "a-good-password"}},
    }
    response = post(client, body, expired)
    # then it is refused and no account is created
    assert response.json() == {"errors": [EXPIRED]}
    assert not User.objects.filter(phone="+8801812345678").exists()


def test_each_operation_of_a_batch_is_refused(client, issued, expired):
    # when a batch holds a query and a token refresh
    batch = [
        {"query": ME},
        {"query": TOKEN_REFRESH, "variables": {"refreshToken": issued.refresh_token}},
    ]
    response = post(client, batch, expired)
    # then the query is refused and the refresh still works
    first, second = response.json()
    assert first == {"errors": [EXPIRED]}
    assert second["data"]["tokenRefresh"]["token"]


def test_syntax_errors_come_before_token_errors(client, expired):
    # when the query does not parse / then the parse error, as a 400
    response = post(client, {"query": "{ me {"}, expired)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["exception"]["code"] == "GraphQLError"
