"""authenticate and sign_in: by number in any form or by e-mail; every refusal."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from backend.accounts import jwt
from backend.accounts.models import User
from backend.accounts.services import (
    authenticate,
    refresh_access_token,
    revoke_all_tokens,
    sign_in,
    verify_access_token,
)
from backend.core.models import SiteSettings
from tests.factories import UserFactory

PASSWORD = "password-123"


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [item.code for item in items] for field, items in error.error_dict.items()}


@pytest.fixture
def karim(db):
    return UserFactory(phone="+8801712345678", email="karim@example.com")


@pytest.mark.parametrize(
    "identifier",
    ["০১৭১২৩৪৫৬৭৮", "01712345678", "+880 1712-345678", "8801712345678", "KARIM@example.com"],
)
def test_authenticate_by_number_in_any_form_or_by_email(karim, identifier):
    # when the customer signs in with any form of the number, or the e-mail
    user = authenticate(identifier=identifier, password=PASSWORD)
    # then it is Karim
    assert user == karim


@pytest.mark.parametrize(
    ("identifier", "password"),
    [
        ("01712345678", "wrong-password"),
        ("01812345678", PASSWORD),  # nobody has this number
        ("01212345678", PASSWORD),  # not a mobile number at all
        ("nobody@example.com", PASSWORD),
        ("", PASSWORD),
    ],
)
def test_wrong_credentials_are_one_error(karim, identifier, password):
    # when the number, e-mail or password is wrong
    with pytest.raises(ValidationError) as caught:
        authenticate(identifier=identifier, password=password)
    # then the same INVALID_CREDENTIALS, whichever was wrong
    assert codes(caught.value) == {"email": ["invalid_credentials"]}


def test_an_inactive_account_is_told_only_to_its_owner(karim):
    # given a deactivated account
    User.objects.filter(pk=karim.pk).update(is_active=False)
    # when its owner signs in, and when someone guesses the password wrong
    with pytest.raises(ValidationError) as owner:
        authenticate(identifier="01712345678", password=PASSWORD)
    with pytest.raises(ValidationError) as guesser:
        authenticate(identifier="01712345678", password="guess-guess")
    # then the owner learns it is inactive; the guesser learns nothing
    assert codes(owner.value) == {"email": ["inactive"]}
    assert codes(guesser.value) == {"email": ["invalid_credentials"]}


def test_an_unconfirmed_account_may_not_sign_in_when_the_shop_requires_it(karim):
    # given an unconfirmed account and a shop that requires confirmation
    User.objects.filter(pk=karim.pk).update(is_confirmed=False)
    SiteSettings.objects.update_or_create(
        pk=1, defaults={"allow_login_without_confirmation": False}
    )
    # when its owner signs in
    with pytest.raises(ValidationError) as caught:
        authenticate(identifier="karim@example.com", password=PASSWORD)
    # then ACCOUNT_NOT_CONFIRMED
    assert codes(caught.value) == {"email": ["account_not_confirmed"]}


def test_an_unconfirmed_account_signs_in_when_the_shop_allows_it(karim):
    # given an unconfirmed account and the default settings
    User.objects.filter(pk=karim.pk).update(is_confirmed=False)
    # when its owner signs in / then it works
    assert authenticate(identifier="karim@example.com", password=PASSWORD) == karim


def test_sign_in_issues_tokens_and_records_the_login(karim):
    # when Karim signs in
    result = sign_in(identifier="01712345678", password=PASSWORD, audience="pos")
    # then the tokens name him, the refresh token carries the CSRF token, and the login is kept
    access = jwt.decode_token(result.access_token)
    refresh = jwt.decode_token(result.refresh_token)
    assert (access["type"], access["user_id"], access["aud"]) == (
        "access",
        str(karim.pk),
        "custom:pos",
    )
    assert (refresh["type"], refresh["csrf_token"]) == ("refresh", result.csrf_token)
    karim.refresh_from_db()
    assert karim.last_login is not None


def test_a_failed_sign_in_records_nothing(karim):
    # when the password is wrong
    with pytest.raises(ValidationError) as caught:
        sign_in(identifier="01712345678", password="wrong-password")
    # then the credentials are refused, and no login is recorded
    assert codes(caught.value) == {"email": ["invalid_credentials"]}
    karim.refresh_from_db()
    assert karim.last_login is None


def test_refresh_keeps_the_audience(karim):
    # given tokens issued for an audience
    issued = sign_in(identifier="01712345678", password=PASSWORD, audience="pos")
    # when the access token is refreshed
    refreshed = refresh_access_token(refresh_token=issued.refresh_token)
    # then the new access token has the same audience
    assert jwt.decode_token(refreshed.access_token)["aud"] == "custom:pos"


def test_revoking_stops_every_earlier_token(karim):
    # given tokens issued before a revocation
    issued = sign_in(identifier="01712345678", password=PASSWORD)
    # when every token is revoked
    revoke_all_tokens(user=karim)
    # then neither the access nor the refresh token works
    with pytest.raises(ValidationError) as access:
        verify_access_token(token=issued.access_token)
    with pytest.raises(ValidationError) as refresh:
        refresh_access_token(refresh_token=issued.refresh_token)
    assert codes(access.value) == {"token": ["jwt_invalid_token"]}
    assert codes(refresh.value) == {"refresh_token": ["jwt_invalid_token"]}
