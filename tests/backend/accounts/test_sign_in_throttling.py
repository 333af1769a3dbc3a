"""sign_in throttling: per account and per address, growing lockouts, cleared by success."""

from __future__ import annotations

import re
import time

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from backend.accounts.services import sign_in
from tests.factories import UserFactory

PASSWORD = "password-123"
ADDRESS = "203.0.113.7"
DELAYED = re.compile(
    r"Too many failed sign-ins\. Try again after (\S+) \(in (\d+) seconds\)\.", re.ASCII
)

pytestmark = pytest.mark.usefixtures("karim")


@pytest.fixture
def karim(db):
    return UserFactory(phone="+8801712345678", email="karim@example.com")


def refusal(identifier: str, password: str, address: str | None = ADDRESS) -> tuple[str, str]:
    with pytest.raises(ValidationError) as caught:
        sign_in(identifier=identifier, password=password, client_address=address)
    (field, errors), *others = caught.value.error_dict.items()
    assert others == [] and len(errors) == 1
    # Wrong credentials are reported on the identifier; a lockout on the input as a whole.
    assert field == ("email" if errors[0].code == "invalid_credentials" else "__all__")
    return errors[0].code, errors[0].messages[0]


def delay_of(message: str) -> int:
    match = DELAYED.fullmatch(message)
    assert match, message
    return int(match.group(2))


@override_settings(SIGN_IN_MAX_FAILURES=3, SIGN_IN_LOCKOUT_SECONDS=60)
def test_the_third_failure_locks_the_account_even_against_the_right_password():
    # given three wrong passwords for Karim's number, typed in three forms
    outcomes = [
        refusal(identifier, "wrong-guess")[0]
        for identifier in ("01712345678", "+880 1712-345678", "০১৭১২৩৪৫৬৭৮")
    ]
    # when the right password follows
    code, message = refusal("01712345678", PASSWORD)
    # then the three were refused as wrong, and the fourth is delayed for the first lockout
    assert outcomes == ["invalid_credentials"] * 3
    assert code == "login_attempt_delayed"
    assert 59 <= delay_of(message) <= 60


@override_settings(SIGN_IN_MAX_FAILURES=3)
def test_the_lockout_covers_the_account_from_any_address():
    # given an account locked by failures from one address
    for _ in range(3):
        refusal("karim@example.com", "wrong-guess", address="198.51.100.1")
    # when its owner tries from another address, with the right password
    code, _ = refusal("KARIM@example.com", PASSWORD, address="198.51.100.2")
    # then the account is still locked
    assert code == "login_attempt_delayed"


@override_settings(
    SIGN_IN_MAX_FAILURES=2, SIGN_IN_LOCKOUT_SECONDS=1, SIGN_IN_MAX_LOCKOUT_SECONDS=10
)
def test_each_lockout_lasts_twice_as_long_as_the_one_before():
    # given a first lockout of one second
    refusal("01712345678", "wrong-guess")
    refusal("01712345678", "wrong-guess")
    first = delay_of(refusal("01712345678", PASSWORD)[1])
    time.sleep(1.1)
    # when the guessing resumes after it and spends the budget again
    refusal("01712345678", "wrong-guess")
    refusal("01712345678", "wrong-guess")
    second = delay_of(refusal("01712345678", PASSWORD)[1])
    # then the second lockout is twice the first
    assert (first, second) == (1, 2)


@override_settings(SIGN_IN_MAX_FAILURES=3)
def test_a_successful_sign_in_clears_the_accounts_failures():
    # given two failures, then the right password
    refusal("01712345678", "wrong-guess")
    refusal("01712345678", "wrong-guess")
    sign_in(identifier="01712345678", password=PASSWORD, client_address=ADDRESS)
    # when two more failures follow
    outcomes = [refusal("01712345678", "wrong-guess")[0] for _ in range(2)]
    # then they start a new count: not locked, the right password still works
    assert outcomes == ["invalid_credentials"] * 2
    assert sign_in(identifier="01712345678", password=PASSWORD, client_address=ADDRESS).user


@override_settings(SIGN_IN_MAX_FAILURES=100, SIGN_IN_MAX_FAILURES_PER_ADDRESS=4)
def test_one_address_guessing_many_accounts_is_locked(karim):
    # given four failures from one address, each for another account
    for identifier in ("01811111111", "01822222222", "nobody@example.com", "01712345678"):
        refusal(identifier, "wrong-guess")
    # when that address tries Karim with his right password, and Karim tries from home
    from_guesser, _ = refusal("01712345678", PASSWORD)
    from_home = sign_in(identifier="01712345678", password=PASSWORD, client_address="192.0.2.9")
    # then the address is locked, the account is not
    assert from_guesser == "login_attempt_delayed"
    assert from_home.user == karim


@override_settings(SIGN_IN_MAX_FAILURES=100, SIGN_IN_MAX_FAILURES_PER_ADDRESS=3)
def test_successful_sign_ins_do_not_count_against_the_address(karim):
    # given a centre that signs customers in correctly, many times, from one address
    for _ in range(5):
        sign_in(identifier="01712345678", password=PASSWORD, client_address=ADDRESS)
    # when one wrong password follows
    code, _ = refusal("01712345678", "wrong-guess")
    # then it is only a wrong password
    assert code == "invalid_credentials"


@override_settings(SIGN_IN_MAX_FAILURES=2, SIGN_IN_MAX_FAILURES_PER_ADDRESS=4)
def test_attempts_refused_during_a_lockout_do_not_count_for_the_address():
    # given an account locked by two failures from the address
    refusal("01712345678", "wrong-guess")
    refusal("01712345678", "wrong-guess")
    # when ten attempts for it are refused during the lockout, then others are tried
    delayed = {refusal("01712345678", "wrong-guess")[0] for _ in range(10)}
    others = [refusal(number, "wrong-guess")[0] for number in ("01811111111", "01822222222")]
    # then the address spent only real failures: two more were checked, the next is delayed
    assert delayed == {"login_attempt_delayed"}
    assert others == ["invalid_credentials"] * 2
    assert refusal("01833333333", "wrong-guess")[0] == "login_attempt_delayed"


def test_the_admin_sign_in_is_throttled_too(client, db, settings):
    # given a staff member, and a limit of 3 failures per account
    settings.SIGN_IN_MAX_FAILURES = 3
    from tests.factories import UserFactory

    UserFactory(is_staff=True, is_superuser=True, phone="+8801712000999", password="right-pass-1")
    login = "/dashboard/login/"
    UserFactory(is_staff=True, is_superuser=True, phone="+8801712000998", password="right-pass-2")
    signed_in = client.post(
        login, {"username": "01712000998", "password": "right-pass-2", "next": "/dashboard/"}
    )
    assert signed_in.status_code == 302  # the form works: a right password signs in
    client.logout()
    # when the admin's login form gets three wrong passwords, then the right one
    wrong = [
        client.post(login, {"username": "01712000999", "password": "wrong", "next": "/dashboard/"})
        for _ in range(3)
    ]
    right = client.post(
        login, {"username": "01712000999", "password": "right-pass-1", "next": "/dashboard/"}
    )
    # then every answer is the login form again: during the lockout even the right password
    # is refused, and no session is opened
    assert [response.status_code for response in [*wrong, right]] == [200, 200, 200, 200]
    assert "_auth_user_id" not in client.session
