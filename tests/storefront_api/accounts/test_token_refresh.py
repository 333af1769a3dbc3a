"""tokenRefresh: a new access token for a refresh token; every error code."""

from __future__ import annotations

import pytest

from backend.accounts import jwt
from backend.accounts.models import User
from backend.accounts.services import revoke_all_tokens, sign_in
from tests.factories import UserFactory

from .queries import TOKEN_REFRESH
from .tokens import signed_with, tampered


@pytest.fixture
def karim(db):
    return UserFactory(phone="+8801712345678", jwt_token_key="karim-key")


@pytest.fixture
def issued(karim):
    return sign_in(identifier="01712345678", password="password-123")


def refresh(api_client, **variables) -> dict:
    return api_client.execute(TOKEN_REFRESH, variables)["tokenRefresh"]


def test_refresh_gives_a_new_access_token(api_client, karim, issued):
    # when the refresh token is used with its CSRF token
    result = refresh(api_client, refreshToken=issued.refresh_token, csrfToken=issued.csrf_token)
    # then a new, valid access token for Karim
    assert result["errors"] == []
    assert result["user"]["phone"] == "+8801712345678"
    assert jwt.get_user_from_access_token(result["token"]) == karim
    assert result["token"] != issued.access_token


def test_refresh_without_the_csrf_token(api_client, karim, issued):
    # when the refresh token is used alone / then it works (the CSRF token guards cookies)
    result = refresh(api_client, refreshToken=issued.refresh_token)
    assert result["errors"] == []
    assert jwt.get_user_from_access_token(result["token"]) == karim


def _error(result: dict) -> list[tuple[str | None, str]]:
    assert result["token"] is None
    assert result["user"] is None
    return [(error["field"], error["code"]) for error in result["errors"]]


def test_missing_refresh_token(api_client, db):
    # when no refresh token is given / then JWT_MISSING_TOKEN
    assert _error(refresh(api_client)) == [("refreshToken", "JWT_MISSING_TOKEN")]


def test_wrong_csrf_token(api_client, issued):
    # when another CSRF token accompanies the refresh token / then JWT_INVALID_CSRF_TOKEN
    result = refresh(api_client, refreshToken=issued.refresh_token, csrfToken="not-the-one")
    assert _error(result) == [("csrfToken", "JWT_INVALID_CSRF_TOKEN")]


def test_expired_refresh_token(api_client, karim, settings):
    # given a refresh token already past its expiry
    settings.JWT_REFRESH_TTL_SECONDS = -60
    expired = jwt.create_refresh_token(karim)
    # when it is used / then JWT_SIGNATURE_EXPIRED
    result = refresh(api_client, refreshToken=expired)
    assert _error(result) == [("refreshToken", "JWT_SIGNATURE_EXPIRED")]


@pytest.mark.parametrize(
    "make_token",
    [
        lambda issued: "not-a-token",
        lambda issued: tampered(issued.refresh_token, user_id="1"),
        lambda issued: signed_with("another-secret-of-sufficient-length", issued.refresh_token),
    ],
    ids=["garbage", "tampered", "foreign-secret"],
)
def test_undecodable_refresh_token(api_client, issued, make_token):
    # when the token is garbage, tampered with, or signed by someone else
    result = refresh(api_client, refreshToken=make_token(issued))
    # then JWT_DECODE_ERROR
    assert _error(result) == [("refreshToken", "JWT_DECODE_ERROR")]


def test_an_access_token_does_not_refresh(api_client, issued):
    # when the access token is used as a refresh token / then JWT_INVALID_TOKEN
    result = refresh(api_client, refreshToken=issued.access_token)
    assert _error(result) == [("refreshToken", "JWT_INVALID_TOKEN")]


def test_a_revoked_refresh_token(api_client, karim, issued):
    # given every token revoked (the user's jwt_token_key changed)
    revoke_all_tokens(user=karim)
    # when the old refresh token is used / then JWT_INVALID_TOKEN
    result = refresh(api_client, refreshToken=issued.refresh_token)
    assert _error(result) == [("refreshToken", "JWT_INVALID_TOKEN")]


def test_a_deactivated_users_refresh_token(api_client, karim, issued):
    # given the user was deactivated after signing in
    User.objects.filter(pk=karim.pk).update(is_active=False)
    # when the refresh token is used / then JWT_INVALID_TOKEN
    result = refresh(api_client, refreshToken=issued.refresh_token)
    assert _error(result) == [("refreshToken", "JWT_INVALID_TOKEN")]
