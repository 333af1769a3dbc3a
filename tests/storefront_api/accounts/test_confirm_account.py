"""confirmAccount: register, receive the SMS or e-mail, confirm with its link, then sign in."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail

from backend.accounts.models import User
from backend.accounts.tokens import account_confirmation_tokens
from backend.core.models import SiteSettings
from plugins.notifications.models import NotificationMessage
from storefront_api.core.ids import to_global_id
from tests.factories import UserFactory

# The BulkSMSBD simulator on loopback and the plugin configured to send through it.
from tests.plugins.notifications.conftest import http_backend, sms_gateway  # noqa: F401

from .queries import ACCOUNT_REGISTER, CONFIRM_ACCOUNT, TOKEN_CREATE

PASSWORD = "mango-season-42"
REDIRECT_URL = "http://localhost:3000/account-confirm/"
INVALID_TOKEN = [{"field": "token", "message": "Invalid or expired token.", "code": "INVALID"}]


@pytest.fixture
def confirming_shop(db) -> SiteSettings:
    settings_row = SiteSettings.get_current()
    settings_row.enable_account_confirmation_by_email = True
    settings_row.allow_login_without_confirmation = False
    settings_row.save()
    return settings_row


def register(api_client, **fields) -> dict:
    variables = {"input": {"password": PASSWORD, "redirectUrl": REDIRECT_URL, **fields}}
    return api_client.execute(ACCOUNT_REGISTER, variables)["accountRegister"]


def confirm(api_client, email: str, token: str, password: str | None = None) -> dict:
    variables = {"email": email, "token": token, "password": password}
    return api_client.execute(CONFIRM_ACCOUNT, variables)["confirmAccount"]


def sign_in(api_client, email: str) -> dict:
    return api_client.execute(TOKEN_CREATE, {"email": email, "password": PASSWORD})["tokenCreate"]


def link_params(link: str) -> tuple[str, str]:
    query = parse_qs(urlsplit(link).query)
    return query["email"][0], query["token"][0]


def test_a_number_only_customer_confirms_with_the_sms_link(
    api_client,
    confirming_shop,
    http_backend,  # noqa: F811
    sms_gateway,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    # when a customer registers with a number only, and the registration commits
    with django_capture_on_commit_callbacks(execute=True):
        registered = register(api_client, email="01712345678", firstName="করিম", channel="bd")
    # then the account awaits confirmation and the gateway got one Bangla SMS with the link
    assert registered["errors"] == []
    assert registered["requiresConfirmation"] is True
    [sms] = sms_gateway.messages
    assert sms.number == "8801712345678"
    link = sms.message.rsplit(": ", 1)[1]
    assert sms.message == f"হাট: করিম, আপনার অ্যাকাউন্ট নিশ্চিত করতে এই লিংকে যান: {link}"
    assert link.startswith(REDIRECT_URL + "?")
    assert mail.outbox == []
    # and signing in is refused until the account is confirmed
    assert sign_in(api_client, "01712345678")["errors"][0]["code"] == "ACCOUNT_NOT_CONFIRMED"
    # when the link's e-mail (the number) and token are sent to confirmAccount
    email, token = link_params(link)
    result = confirm(api_client, email, token)
    # then the account is confirmed and its owner can sign in
    user = User.objects.get()
    assert result == {
        "user": {
            "id": to_global_id("User", user.pk),
            "email": "",
            "phone": "+8801712345678",
            "isConfirmed": True,
        },
        "errors": [],
    }
    assert user.is_confirmed is True
    assert sign_in(api_client, "01712345678")["errors"] == []


def test_an_email_customer_confirms_with_the_email_link(
    api_client, confirming_shop, django_capture_on_commit_callbacks
):
    # when a customer registers with an e-mail address
    with django_capture_on_commit_callbacks(execute=True):
        registered = register(api_client, email="karim@example.com", languageCode="EN")
    # then an English e-mail carries the link, and no SMS was written
    assert registered["requiresConfirmation"] is True
    [email] = mail.outbox
    assert (email.to, email.subject) == (["karim@example.com"], "Confirm your Haat account")
    link = next(line for line in email.body.splitlines() if line.startswith(REDIRECT_URL))
    assert NotificationMessage.objects.get().transport == "email"
    # when the link's parameters confirm the account
    result = confirm(api_client, *link_params(link), password="anything")
    # then it is confirmed
    assert result["errors"] == []
    assert result["user"]["isConfirmed"] is True
    assert User.objects.get().is_confirmed is True


def test_without_confirmation_nothing_is_sent(api_client, db, django_capture_on_commit_callbacks):
    # when customers register in a shop that does not confirm accounts
    with django_capture_on_commit_callbacks(execute=True):
        by_number = register(api_client, email="01712345678")
        by_email = register(api_client, email="karim@example.com")
    # then both are confirmed and no message was written or sent
    assert (by_number["requiresConfirmation"], by_email["requiresConfirmation"]) == (False, False)
    assert NotificationMessage.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("redirect_url", "code"),
    [
        (None, "REQUIRED"),
        ("not a url", "INVALID"),
        ("https://phishing.example/confirm", "INVALID"),
    ],
)
def test_registration_needs_a_link_to_a_known_storefront(
    api_client, confirming_shop, redirect_url, code
):
    # when the confirmation link would be missing, malformed or foreign
    result = register(api_client, email="01712345678", redirectUrl=redirect_url)
    # then one error on redirectUrl, and no account and no message
    assert [(error["field"], error["code"]) for error in result["errors"]] == [
        ("redirectUrl", code)
    ]
    assert result["user"] is None
    assert User.objects.count() == 0
    assert NotificationMessage.objects.count() == 0


@pytest.fixture
def unconfirmed(db) -> User:
    return UserFactory(phone="+8801712345678", email="karim@example.com", is_confirmed=False)


def assert_unchanged(user: User) -> None:
    stored = User.objects.get(pk=user.pk)
    assert (stored.is_confirmed, stored.updated_at) == (False, user.updated_at)


def test_a_used_token_is_refused(api_client, unconfirmed):
    # given an account confirmed with its token
    token = account_confirmation_tokens.make_token(unconfirmed)
    assert confirm(api_client, "karim@example.com", token)["errors"] == []
    confirmed_at = User.objects.get(pk=unconfirmed.pk).updated_at
    # when the token is sent again
    result = confirm(api_client, "karim@example.com", token)
    # then INVALID on token, and nothing changed
    assert result == {"user": None, "errors": INVALID_TOKEN}
    assert User.objects.get(pk=unconfirmed.pk).updated_at == confirmed_at


@pytest.mark.parametrize(
    "token",
    ["", "not-a-token", "cxyz12-0123456789abcdef0123456789abcdef"],
)
def test_a_forged_token_is_refused(api_client, unconfirmed, token):
    # when a forged token is sent
    result = confirm(api_client, "01712345678", token)
    # then INVALID on token, and the account is unchanged
    assert result == {"user": None, "errors": INVALID_TOKEN}
    assert_unchanged(unconfirmed)


def test_another_accounts_token_is_refused(api_client, unconfirmed):
    # given a valid token of another unconfirmed account
    other = UserFactory(phone="+8801812345678", is_confirmed=False)
    token = account_confirmation_tokens.make_token(other)
    # when it is sent for this account
    result = confirm(api_client, "karim@example.com", token)
    # then INVALID on token, and neither account changed
    assert result == {"user": None, "errors": INVALID_TOKEN}
    assert_unchanged(unconfirmed)
    assert User.objects.get(pk=other.pk).is_confirmed is False


def test_an_expired_token_is_refused(api_client, unconfirmed, settings):
    # given a token, and then tokens living no time at all (so this one has expired)
    token = account_confirmation_tokens.make_token(unconfirmed)
    settings.PASSWORD_RESET_TIMEOUT = -1
    # when it is sent
    result = confirm(api_client, "karim@example.com", token)
    # then INVALID on token, and the account is unchanged
    assert result == {"user": None, "errors": INVALID_TOKEN}
    assert_unchanged(unconfirmed)


@pytest.mark.parametrize("email", ["nobody@example.com", "01912345678", "karim@"])
def test_an_unknown_account_gets_the_same_error(api_client, unconfirmed, email):
    # when a valid token is sent with another identifier
    token = account_confirmation_tokens.make_token(unconfirmed)
    result = confirm(api_client, email, token)
    # then the same INVALID on token (who has an account is not revealed), and nothing changed
    assert result == {"user": None, "errors": INVALID_TOKEN}
    assert_unchanged(unconfirmed)
