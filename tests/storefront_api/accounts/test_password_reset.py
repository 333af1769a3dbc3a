"""requestPasswordReset and setPassword: receive the SMS or e-mail, set a new password with its
link, sign in with it; unknown accounts, throttling, used and forged tokens, weak passwords."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.test import override_settings

from backend.accounts.models import User
from backend.accounts.tokens import password_reset_tokens
from plugins.notifications.models import NotificationMessage
from storefront_api.core.ids import to_global_id
from tests.factories import UserFactory

# The BulkSMSBD simulator on loopback and the plugin configured to send through it.
from tests.plugins.notifications.conftest import http_backend, sms_gateway  # noqa: F401

from .queries import TOKEN_CREATE

OLD_PASSWORD = "password-123"  # UserFactory's
NEW_PASSWORD = "jackfruit-monsoon-7"
REDIRECT_URL = "http://localhost:3000/reset-password/?from=app"

REQUEST = """
mutation Request($email: String!, $redirectUrl: String!, $channel: String) {
  requestPasswordReset(email: $email, redirectUrl: $redirectUrl, channel: $channel) {
    errors { field message code }
  }
}
"""

SET_PASSWORD = """
mutation Set($email: String!, $password: String!, $token: String!) {
  setPassword(email: $email, password: $password, token: $token) {
    token refreshToken csrfToken
    user { id phone email }
    errors { field message code }
  }
}
"""

ME = "{ me { id } }"
INVALID_TOKEN = [{"field": "token", "message": "Invalid or expired token.", "code": "INVALID"}]


def request_reset(api_client, email: str, redirect_url: str = REDIRECT_URL) -> dict:
    variables = {"email": email, "redirectUrl": redirect_url, "channel": "bd"}
    return api_client.execute(REQUEST, variables)["requestPasswordReset"]


def set_password(api_client, email: str, token: str, password: str = NEW_PASSWORD) -> dict:
    variables = {"email": email, "token": token, "password": password}
    return api_client.execute(SET_PASSWORD, variables)["setPassword"]


def link_params(link: str) -> tuple[str, str, str]:
    query = parse_qs(urlsplit(link).query)
    return query["from"][0], query["email"][0], query["token"][0]


def state(user: User) -> tuple[str, str]:
    user.refresh_from_db()
    return user.password, user.jwt_token_key


@pytest.fixture
def number_only(db) -> User:
    return UserFactory(phone="+8801712345678", email=None, first_name="করিম")


@pytest.fixture
def with_email(db) -> User:
    return UserFactory(
        phone="+8801812345678", email="karim@example.com", first_name="Karim", language_code="en"
    )


def test_a_number_only_customer_resets_by_sms(
    api_client,
    number_only,
    http_backend,  # noqa: F811
    sms_gateway,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    # given a signed-in session from before
    old_session = api_client.as_user(number_only)
    # when a reset is asked for with the number in local form
    with django_capture_on_commit_callbacks(execute=True):
        assert request_reset(api_client, "01712345678") == {"errors": []}
    # then one Bangla SMS carries the reset link, and no e-mail was sent
    [sms] = sms_gateway.messages
    assert sms.number == "8801712345678"
    link = sms.message.split("যান: ", 1)[1].split(" ", 1)[0]
    assert sms.message == (f"হাট: পাসওয়ার্ড বদলাতে এই লিংকে যান: {link} আপনি না চাইলে এই বার্তাটি উপেক্ষা করুন।")
    assert link.startswith("http://localhost:3000/reset-password/?")
    assert mail.outbox == []
    [message] = NotificationMessage.objects.all()
    assert (message.event, message.recipient) == ("account_password_reset", "+8801712345678")
    number_only.refresh_from_db()
    assert number_only.last_password_reset_request is not None
    # when the link's token sets a new password
    source, email, token = link_params(link)
    assert (source, email) == ("app", "+8801712345678")
    result = set_password(api_client, email, token)
    # then the user is signed in with fresh tokens, and the old session is signed out
    assert result["errors"] == []
    assert result["user"] == {
        "id": to_global_id("User", number_only.pk),
        "phone": "+8801712345678",
        "email": "",
    }
    assert result["token"] and result["refreshToken"] and result["csrfToken"]
    assert old_session.execute_raw(ME)["errors"][0]["extensions"]["exception"]["code"] == (
        "InvalidTokenError"
    )
    # and the new password signs in, the old one does not
    new = api_client.execute(TOKEN_CREATE, {"email": email, "password": NEW_PASSWORD})
    assert new["tokenCreate"]["errors"] == []
    old = api_client.execute(TOKEN_CREATE, {"email": email, "password": OLD_PASSWORD})
    assert [error["code"] for error in old["tokenCreate"]["errors"]] == ["INVALID_CREDENTIALS"]
    # and the token is used up
    assert set_password(api_client, email, token, "another-long-pass-9")["errors"] == INVALID_TOKEN


def test_a_customer_with_an_email_resets_by_email(
    api_client,
    with_email,
    http_backend,  # noqa: F811
    sms_gateway,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        assert request_reset(api_client, "Karim@Example.com") == {"errors": []}
    # then one English e-mail with the link, and no SMS
    assert sms_gateway.messages == []
    [email] = mail.outbox
    assert (email.to, email.subject) == (["karim@example.com"], "Reset your Haat password")
    link = next(line for line in email.body.splitlines() if line.startswith("http"))
    assert email.body == (
        f"Dear Karim,\n\nReset your password here:\n{link}\n\n"
        "If you did not ask for this, ignore this e-mail.\n\n— Haat\n"
    )
    _, identifier, token = link_params(link)
    assert identifier == "karim@example.com"
    assert set_password(api_client, identifier, token)["errors"] == []
    assert with_email.__class__.objects.get(pk=with_email.pk).check_password(NEW_PASSWORD)


@pytest.mark.parametrize("identifier", ["01999999999", "nobody@example.com", "not an account"])
def test_an_unknown_account_gets_the_same_answer_and_nothing_is_sent(
    api_client,
    number_only,
    identifier,
    http_backend,  # noqa: F811
    sms_gateway,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert request_reset(api_client, identifier) == {"errors": []}
    assert callbacks == []
    assert sms_gateway.messages == []
    assert mail.outbox == []
    assert NotificationMessage.objects.count() == 0


def test_an_inactive_account_gets_the_same_answer_and_nothing_is_sent(
    api_client, db, django_capture_on_commit_callbacks
):
    UserFactory(phone="+8801712345678", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert request_reset(api_client, "01712345678") == {"errors": []}
    assert NotificationMessage.objects.count() == 0


@pytest.mark.parametrize(
    ("redirect_url", "message"),
    [
        (
            "https://evil.example.org/reset/",
            "evil.example.org is not allowed. Please check `ALLOWED_CLIENT_HOSTS` configuration.",
        ),
        ("not a url", "Enter a valid URL."),
    ],
)
def test_the_link_must_lead_to_a_known_storefront(
    api_client, number_only, redirect_url, message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = request_reset(api_client, "01712345678", redirect_url)
    assert result == {"errors": [{"field": "redirectUrl", "message": message, "code": "INVALID"}]}
    assert NotificationMessage.objects.count() == 0


@override_settings(PASSWORD_RESET_MAX_PER_ACCOUNT=2, PASSWORD_RESET_MAX_PER_ADDRESS=100)
def test_requests_for_one_account_are_throttled(
    api_client, number_only, django_capture_on_commit_callbacks
):
    # when a reset is asked for three times, in two forms of the number
    with django_capture_on_commit_callbacks(execute=True):
        first = request_reset(api_client, "01712345678")
        second = request_reset(api_client, "+8801712345678")
        third = request_reset(api_client, "০১৭১২৩৪৫৬৭৮")
    # then the third is delayed and sends nothing
    assert first == second == {"errors": []}
    [error] = third["errors"]
    assert (error["field"], error["code"]) == (None, "LOGIN_ATTEMPT_DELAYED")
    assert error["message"].startswith("Too many password reset requests. Try again after ")
    assert NotificationMessage.objects.count() == 2


@override_settings(PASSWORD_RESET_MAX_PER_ACCOUNT=1, PASSWORD_RESET_MAX_PER_ADDRESS=100)
def test_unknown_accounts_are_throttled_like_known_ones(api_client, db):
    assert request_reset(api_client, "01999999999") == {"errors": []}
    codes = [error["code"] for error in request_reset(api_client, "01999999999")["errors"]]
    assert codes == ["LOGIN_ATTEMPT_DELAYED"]


@pytest.mark.parametrize(
    "token",
    ["", "forged-token", "c0ffee-0123456789abcdef0123456789abcdef"],
)
def test_a_forged_token_is_invalid_and_changes_nothing(api_client, number_only, token):
    before = state(number_only)
    assert set_password(api_client, "01712345678", token) == {
        "token": None,
        "refreshToken": None,
        "csrfToken": None,
        "user": None,
        "errors": INVALID_TOKEN,
    }
    assert state(number_only) == before


def test_another_accounts_token_is_invalid(api_client, number_only, with_email):
    token = password_reset_tokens.make_token(with_email)
    before = state(number_only)
    assert set_password(api_client, "01712345678", token)["errors"] == INVALID_TOKEN
    assert state(number_only) == before


def test_an_unknown_account_is_told_only_that_the_token_is_invalid(api_client, db):
    assert set_password(api_client, "01999999999", "whatever")["errors"] == INVALID_TOKEN


@pytest.mark.parametrize(
    ("password", "codes"),
    [
        ("short", ["PASSWORD_TOO_SHORT"]),
        ("01712345678", ["PASSWORD_TOO_SIMILAR", "PASSWORD_ENTIRELY_NUMERIC"]),
        ("password", ["PASSWORD_TOO_COMMON"]),
    ],
)
def test_a_weak_password_is_refused_and_the_token_stays_usable(
    api_client, number_only, password, codes
):
    token = password_reset_tokens.make_token(number_only)
    before = state(number_only)
    result = set_password(api_client, "01712345678", token, password)
    assert [(error["field"], error["code"]) for error in result["errors"]] == [
        ("password", code) for code in codes
    ]
    assert result["user"] is None
    assert state(number_only) == before
    # the token was not spent on the refusal
    assert set_password(api_client, "01712345678", token)["errors"] == []
