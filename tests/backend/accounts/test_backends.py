"""Django's own authenticate() (the dashboard's login) by number in any form or by e-mail."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate

from backend.accounts.backends import find_user_by_identifier
from backend.accounts.models import User
from tests.factories import UserFactory


@pytest.fixture
def karim(db):
    return UserFactory(phone="+8801712345678", email="karim@example.com")


@pytest.mark.parametrize("username", ["০১৭১২৩৪৫৬৭৮", "01712345678", "karim@example.com"])
def test_dashboard_login_by_number_or_email(karim, username):
    # when the dashboard authenticates / then the number in any form or the e-mail works
    assert authenticate(username=username, password="password-123") == karim


@pytest.mark.parametrize(
    ("username", "password"),
    [("01712345678", "wrong"), ("01812345678", "password-123"), ("", "password-123")],
)
def test_dashboard_login_refuses_wrong_credentials(karim, username, password):
    # when the number or password is wrong / then nobody is authenticated
    assert authenticate(username=username, password=password) is None


def test_dashboard_login_refuses_inactive_users(karim):
    # given a deactivated account / when it logs in / then it is refused
    User.objects.filter(pk=karim.pk).update(is_active=False)
    assert authenticate(username="01712345678", password="password-123") is None


@pytest.mark.parametrize(
    ("identifier", "found"),
    [("+880 1712 345678", True), ("KARIM@EXAMPLE.COM", True), ("0171234567", False), ("x", False)],
)
def test_find_user_by_identifier(karim, identifier, found):
    # when a user is looked up / then by number (any form) or e-mail (any case) only
    assert (find_user_by_identifier(identifier) == karim) is found


def test_create_user_stores_the_e164_number_and_lower_case_email(db):
    # when a user is created with a local number and a mixed-case e-mail
    user = User.objects.create_user(phone="01812-345678", email="Rahim@Example.COM", password="x")
    # then both are stored normalised
    assert (user.phone, user.email) == ("+8801812345678", "rahim@example.com")


def test_create_user_needs_a_number_or_an_email(db):
    # when neither is given / then it is refused
    with pytest.raises(ValueError, match="mobile number or an e-mail"):
        User.objects.create_user(password="x")
