"""tokenVerify: valid, expired, tampered, wrong type, revoked, missing."""

from __future__ import annotations

import pytest

from backend.accounts import jwt
from backend.accounts.services import revoke_all_tokens, sign_in
from storefront_api.core.ids import to_global_id
from tests.factories import UserFactory

from .queries import TOKEN_VERIFY
from .tokens import signed_with, tampered, without_claim


@pytest.fixture
def karim(db):
    return UserFactory(phone="+8801712345678", jwt_token_key="karim-key")


@pytest.fixture
def issued(karim):
    return sign_in(identifier="01712345678", password="password-123")


def verify(api_client, token: str) -> dict:
    return api_client.execute(TOKEN_VERIFY, {"token": token})["tokenVerify"]


def test_a_valid_token(api_client, karim, issued):
    # when a fresh access token is verified
    result = verify(api_client, issued.access_token)
    # then it is valid, names Karim, and its claims are returned
    assert result["errors"] == []
    assert result["isValid"] is True
    assert result["user"] == {"id": to_global_id("User", karim.pk), "phone": "+8801712345678"}
    assert result["payload"] == jwt.decode_token(issued.access_token)
    assert result["payload"]["type"] == "access"


def _invalid(result: dict) -> list[tuple[str | None, str]]:
    assert result["isValid"] is False
    assert (result["user"], result["payload"]) == (None, None)
    return [(error["field"], error["code"]) for error in result["errors"]]


def test_an_expired_token(api_client, karim, settings):
    # given an access token past its expiry
    settings.JWT_ACCESS_TTL_SECONDS = -1
    expired = jwt.create_access_token(karim)
    # when it is verified / then JWT_SIGNATURE_EXPIRED
    assert _invalid(verify(api_client, expired)) == [("token", "JWT_SIGNATURE_EXPIRED")]


def test_a_tampered_token(api_client, karim, issued):
    # given a token whose claims were changed to make Karim staff
    forged = tampered(issued.access_token, is_staff=True)
    # when it is verified / then JWT_DECODE_ERROR
    assert _invalid(verify(api_client, forged)) == [("token", "JWT_DECODE_ERROR")]


def test_a_token_signed_with_another_secret(api_client, issued):
    # when a token signed by someone else is verified / then JWT_DECODE_ERROR
    forged = signed_with("another-secret-of-sufficient-length", issued.access_token)
    assert _invalid(verify(api_client, forged)) == [("token", "JWT_DECODE_ERROR")]


def test_a_refresh_token_is_not_an_access_token(api_client, issued):
    # when the refresh token is verified as an access token / then JWT_INVALID_TOKEN
    assert _invalid(verify(api_client, issued.refresh_token)) == [("token", "JWT_INVALID_TOKEN")]


def test_a_token_revoked_by_a_new_token_key(api_client, karim, issued):
    # given the user's jwt_token_key changed after the token was issued
    revoke_all_tokens(user=karim)
    # when the old token is verified / then JWT_INVALID_TOKEN
    assert _invalid(verify(api_client, issued.access_token)) == [("token", "JWT_INVALID_TOKEN")]


def test_a_token_without_its_type(api_client, karim):
    # given a correctly signed token lacking the required `type` claim
    token = without_claim(jwt.create_access_token(karim), "type")
    # when it is verified / then JWT_INVALID_TOKEN
    assert _invalid(verify(api_client, token)) == [("token", "JWT_INVALID_TOKEN")]


def test_an_empty_token(api_client, db):
    # when an empty token is verified / then JWT_MISSING_TOKEN
    assert _invalid(verify(api_client, "")) == [("token", "JWT_MISSING_TOKEN")]
