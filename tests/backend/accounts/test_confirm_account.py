"""Account confirmation: the message sent on registration, and confirm_account's one-time token."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

import backend.celery  # noqa: F401 (the project's Celery app sends the messages eagerly)
from backend.accounts.models import User
from backend.accounts.services import confirm_account, register_account
from backend.accounts.tokens import AccountConfirmationTokenGenerator, account_confirmation_tokens
from backend.core.models import SiteSettings
from plugins.notifications.models import MessageStatus, MessageTransport, NotificationMessage
from tests.factories import UserFactory

PASSWORD = "mango-season-42"
CONFIRM_URL = "http://localhost:3000/account-confirm/?from=signup"


def errors_of(error: ValidationError) -> list[tuple[str, str, str]]:
    return [
        (field, item.code, item.messages[0])
        for field, items in error.error_dict.items()
        for item in items
    ]


INVALID_TOKEN = [("token", "invalid", "Invalid or expired token.")]


@pytest.fixture
def confirming_shop(db) -> SiteSettings:
    settings_row = SiteSettings.get_current()
    settings_row.enable_account_confirmation_by_email = True
    settings_row.allow_login_without_confirmation = False
    settings_row.save()
    return settings_row


@pytest.fixture
def unconfirmed(db) -> User:
    return UserFactory(phone="+8801712345678", email=None, is_confirmed=False)


class _IssuedAt(AccountConfirmationTokenGenerator):
    """The real generator, issuing as if the clock showed `moment` (a token from the past)."""

    def __init__(self, moment: datetime) -> None:
        super().__init__()
        self.moment = moment

    def _now(self) -> datetime:
        return self.moment


def test_register_by_number_sends_an_sms_with_the_confirmation_link(
    confirming_shop, django_capture_on_commit_callbacks
):
    # when a customer without an e-mail registers in a shop that confirms accounts
    with django_capture_on_commit_callbacks(execute=True):
        user = register_account(
            identifier_or_email="01712345678",
            password=PASSWORD,
            first_name="করিম",
            redirect_url=CONFIRM_URL,
            channel_slug="bd",
        ).user
    # then one Bangla SMS went to the number, carrying a link that confirms the account
    [message] = NotificationMessage.objects.all()
    assert (message.event, message.transport, message.recipient) == (
        "account_confirmation",
        MessageTransport.SMS,
        "+8801712345678",
    )
    assert (message.status, message.language_code, message.channel_slug) == (
        MessageStatus.SENT,
        "bn",
        "bd",
    )
    link = message.body.rsplit(": ", 1)[1]
    assert message.body == f"হাট: করিম, আপনার অ্যাকাউন্ট নিশ্চিত করতে এই লিংকে যান: {link}"
    assert link.startswith("http://localhost:3000/account-confirm/?")
    query = parse_qs(urlsplit(link).query)
    assert (query["from"], query["email"]) == (["signup"], ["+8801712345678"])
    assert mail.outbox == []
    # and the link's token confirms the account
    confirmed = confirm_account(identifier=query["email"][0], token=query["token"][0])
    assert confirmed == user
    user.refresh_from_db()
    assert user.is_confirmed is True


def test_register_by_email_sends_an_email_and_no_sms(
    confirming_shop, django_capture_on_commit_callbacks
):
    # when a customer registers with an e-mail and a number, in English
    with django_capture_on_commit_callbacks(execute=True):
        user = register_account(
            identifier_or_email="karim@example.com",
            phone="01812345678",
            password=PASSWORD,
            first_name="Karim",
            language_code="en",
            redirect_url=CONFIRM_URL,
        ).user
    # then one English e-mail was sent to the address, and no SMS
    [message] = NotificationMessage.objects.all()
    assert (message.transport, message.recipient, message.status) == (
        MessageTransport.EMAIL,
        "karim@example.com",
        MessageStatus.SENT,
    )
    [email] = mail.outbox
    assert email.to == ["karim@example.com"]
    assert email.subject == "Confirm your Haat account"
    link = next(line for line in email.body.splitlines() if line.startswith("http"))
    query = parse_qs(urlsplit(link).query)
    assert query["email"] == ["karim@example.com"]
    assert email.body == (
        f"Dear Karim,\n\nWelcome to Haat. Confirm your account here:\n{link}\n\n— Haat\n"
    )
    # and the token confirms the account
    assert confirm_account(identifier="karim@example.com", token=query["token"][0]) == user


def test_without_confirmation_nothing_is_sent(db, django_capture_on_commit_callbacks):
    # when customers register in a shop that does not confirm accounts
    with django_capture_on_commit_callbacks(execute=True):
        by_phone = register_account(identifier_or_email="01712345678", password=PASSWORD).user
        by_email = register_account(identifier_or_email="karim@example.com", password=PASSWORD).user
    # then they are confirmed and no message was written or sent
    assert (by_phone.is_confirmed, by_email.is_confirmed) == (True, True)
    assert NotificationMessage.objects.count() == 0
    assert mail.outbox == []


def test_registering_a_taken_number_sends_nothing(
    confirming_shop, django_capture_on_commit_callbacks
):
    # given a taken number
    UserFactory(phone="+8801712345678")
    # when someone registers it again
    with django_capture_on_commit_callbacks(execute=True):
        registration = register_account(
            identifier_or_email="01712345678", password=PASSWORD, redirect_url=CONFIRM_URL
        )
    # then no error, no user and no message: as if it were new, but nothing happened
    assert (registration.user, registration.requires_confirmation) == (None, True)
    assert NotificationMessage.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("identifier", ["01712345678", "+8801712345678", "০১৭১২৩৪৫৬৭৮"])
def test_confirm_by_number_in_any_form(unconfirmed, identifier):
    # given a token sent to the account
    token = account_confirmation_tokens.make_token(unconfirmed)
    # when it is used with the number in any accepted form
    user = confirm_account(identifier=identifier, token=token)
    # then the account is confirmed
    assert user.pk == unconfirmed.pk
    assert user.is_confirmed is True
    assert User.objects.get(pk=unconfirmed.pk).is_confirmed is True


def test_a_used_token_does_not_work_again(unconfirmed):
    # given an account confirmed with its token
    token = account_confirmation_tokens.make_token(unconfirmed)
    confirm_account(identifier="01712345678", token=token)
    updated_at = User.objects.get(pk=unconfirmed.pk).updated_at
    # when the same token is used again
    with pytest.raises(ValidationError) as caught:
        confirm_account(identifier="01712345678", token=token)
    # then INVALID on token, and the account is as it was
    assert errors_of(caught.value) == INVALID_TOKEN
    assert User.objects.get(pk=unconfirmed.pk).updated_at == updated_at


def _refused(identifier: str, token: str) -> list[tuple[str, str, str]]:
    with pytest.raises(ValidationError) as caught:
        confirm_account(identifier=identifier, token=token)
    return errors_of(caught.value)


def test_forged_tokens_are_refused_and_change_nothing(unconfirmed):
    # given another account's valid token
    other = UserFactory(phone="+8801812345678", is_confirmed=False)
    others_token = account_confirmation_tokens.make_token(other)
    before = User.objects.get(pk=unconfirmed.pk).updated_at
    # when forged, foreign or empty tokens are tried
    attempts = [
        _refused("01712345678", "cxyz12-0123456789abcdef0123456789abcdef"),
        _refused("01712345678", others_token),
        _refused("01712345678", ""),
        _refused("01712345678", "not-a-token-at-all"),
    ]
    # then each is INVALID on token, and neither account changed
    assert attempts == [INVALID_TOKEN] * 4
    unconfirmed.refresh_from_db()
    other.refresh_from_db()
    assert (unconfirmed.is_confirmed, other.is_confirmed) == (False, False)
    assert unconfirmed.updated_at == before


def test_an_expired_token_is_refused(unconfirmed, settings):
    # given a token issued longer ago than tokens live
    settings.PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
    issued = _IssuedAt(datetime.now() - timedelta(days=3, minutes=1))
    token = issued.make_token(unconfirmed)
    # when it is used
    errors = _refused("01712345678", token)
    # then INVALID on token, and the account stays unconfirmed
    assert errors == INVALID_TOKEN
    assert User.objects.get(pk=unconfirmed.pk).is_confirmed is False


def test_a_token_not_yet_expired_works(unconfirmed, settings):
    # given a token issued just within its lifetime
    settings.PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
    token = _IssuedAt(datetime.now() - timedelta(days=2, hours=23)).make_token(unconfirmed)
    # when it is used, then it confirms
    assert confirm_account(identifier="01712345678", token=token).is_confirmed is True


def test_a_password_change_voids_the_token(unconfirmed):
    # given a token, then a new password
    token = account_confirmation_tokens.make_token(unconfirmed)
    unconfirmed.set_password("another-secret-77")
    unconfirmed.save()
    # when the old token is used, then it is refused
    assert _refused("01712345678", token) == INVALID_TOKEN


def test_unknown_or_inactive_accounts_get_the_same_error(unconfirmed):
    # given an inactive account with a valid token
    inactive = UserFactory(email="gone@example.com", phone=None, is_confirmed=False)
    token = account_confirmation_tokens.make_token(inactive)
    User.objects.filter(pk=inactive.pk).update(is_active=False)
    # when confirmation is tried for it, for nobody, and without an identifier
    attempts = [
        _refused("gone@example.com", token),
        _refused("nobody@example.com", token),
        _refused("01912345678", token),
        _refused("", token),
    ]
    # then each gets the token error (who has an account is not revealed), and nothing changed
    assert attempts == [INVALID_TOKEN] * 4
    assert User.objects.get(pk=inactive.pk).is_confirmed is False
