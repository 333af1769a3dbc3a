"""tokenCreate: sign in by mobile number (any form, Bangla digits) or e-mail; every error code."""

from __future__ import annotations

import pytest

from backend.accounts import jwt
from backend.accounts.models import User
from backend.core.models import SiteSettings
from storefront_api.core.ids import to_global_id
from tests.factories import UserFactory

from .queries import TOKEN_CREATE

PASSWORD = "password-123"


@pytest.fixture
def karim(db):
    return UserFactory(phone="+8801712345678", email="karim@example.com", first_name="Karim")


@pytest.mark.parametrize(
    "identifier", ["০১৭১২৩৪৫৬৭৮", "01712-345678", "+8801712345678", "Karim@Example.com"]
)
def test_sign_in_by_number_in_bangla_digits_or_by_email(api_client, karim, identifier):
    # when Karim signs in with his number in any form, or his e-mail
    data = api_client.execute(TOKEN_CREATE, {"email": identifier, "password": PASSWORD})
    # then he gets an access token for himself, a refresh token and a CSRF token
    result = data["tokenCreate"]
    assert result["errors"] == []
    assert result["user"] == {
        "id": to_global_id("User", karim.pk),
        "email": "karim@example.com",
        "phone": "+8801712345678",
        "firstName": "Karim",
    }
    assert jwt.get_user_from_access_token(result["token"]) == karim
    refresh = jwt.decode_token(result["refreshToken"])
    assert (refresh["type"], refresh["csrf_token"]) == ("refresh", result["csrfToken"])
    karim.refresh_from_db()
    assert karim.last_login is not None


def test_the_token_signs_in_the_api(api_client, karim):
    # given a token from tokenCreate
    data = api_client.execute(TOKEN_CREATE, {"email": "01712345678", "password": PASSWORD})
    token = data["tokenCreate"]["token"]
    # when it is sent as a Bearer token
    response = api_client.client.post(
        "/graphql/",
        {"query": "{ me { phone } }"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    # then the API knows Karim
    assert response.json()["data"] == {"me": {"phone": "+8801712345678"}}


def test_sign_in_with_an_audience(api_client, karim):
    # when a token is asked for an audience
    data = api_client.execute(
        TOKEN_CREATE, {"email": "01712345678", "password": PASSWORD, "audience": "pos"}
    )
    # then the token names it
    assert jwt.decode_token(data["tokenCreate"]["token"])["aud"] == "custom:pos"


@pytest.mark.parametrize(
    ("identifier", "password"),
    [
        ("01712345678", "wrong-password"),
        ("01812345678", PASSWORD),
        ("01212345678", PASSWORD),
        ("nobody@example.com", PASSWORD),
    ],
)
def test_wrong_credentials(api_client, karim, identifier, password):
    # when the number, e-mail or password is wrong
    data = api_client.execute(TOKEN_CREATE, {"email": identifier, "password": password})
    # then one INVALID_CREDENTIALS error on email, no tokens, no login recorded
    result = data["tokenCreate"]
    assert result["errors"] == [
        {
            "field": "email",
            "message": "Please enter a valid mobile number or e-mail address and password.",
            "code": "INVALID_CREDENTIALS",
            "addressType": None,
        }
    ]
    assert (result["token"], result["refreshToken"], result["user"]) == (None, None, None)
    karim.refresh_from_db()
    assert karim.last_login is None


def test_inactive_account(api_client, karim):
    # given a deactivated account
    User.objects.filter(pk=karim.pk).update(is_active=False)
    # when its owner signs in
    data = api_client.execute(TOKEN_CREATE, {"email": "01712345678", "password": PASSWORD})
    # then INACTIVE and no token
    result = data["tokenCreate"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("email", "INACTIVE")]
    assert result["token"] is None


def test_unconfirmed_account_when_confirmation_is_required(api_client, karim):
    # given an unconfirmed account in a shop that requires confirmation
    User.objects.filter(pk=karim.pk).update(is_confirmed=False)
    SiteSettings.objects.update_or_create(
        pk=1, defaults={"allow_login_without_confirmation": False}
    )
    # when its owner signs in
    data = api_client.execute(TOKEN_CREATE, {"email": "karim@example.com", "password": PASSWORD})
    # then ACCOUNT_NOT_CONFIRMED and no token
    result = data["tokenCreate"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("email", "ACCOUNT_NOT_CONFIRMED")
    ]
    assert result["token"] is None
