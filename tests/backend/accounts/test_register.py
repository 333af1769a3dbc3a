"""register_account: phone-first sign-up, every refusal, and duplicates that race."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from backend.accounts.models import Role, User
from backend.accounts.services import register_account
from backend.core.models import SiteSettings
from tests.factories import UserFactory

PASSWORD = "mango-season-42"
CONFIRM_URL = "http://localhost:3000/account-confirm/"


@pytest.fixture
def confirming_shop(db) -> SiteSettings:
    settings_row = SiteSettings.get_current()
    settings_row.enable_account_confirmation_by_email = True
    settings_row.save(update_fields=["enable_account_confirmation_by_email"])
    return settings_row


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [item.code for item in items] for field, items in error.error_dict.items()}


def register(**overrides) -> User:
    fields = {
        "identifier_or_email": "01712345678",
        "password": PASSWORD,
        "first_name": "Karim",
        "last_name": "Mia",
        "language_code": "bn",
    }
    fields.update(overrides)
    user = register_account(**fields).user
    assert user is not None
    return user


def test_register_with_a_mobile_number_in_bangla_digits(db):
    # when a customer registers with a number typed in Bangla digits
    user = register(identifier_or_email="০১৭১২-৩৪৫৬৭৮")
    # then the user is known by the E.164 number, has no e-mail and is a customer
    user.refresh_from_db()
    assert user.phone == "+8801712345678"
    assert user.email is None
    assert user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [Role.CUSTOMER]
    assert (user.first_name, user.last_name, user.language_code) == ("Karim", "Mia", "bn")
    assert user.is_active and user.is_confirmed and not user.is_staff
    assert len(user.jwt_token_key) == 12


def test_register_with_an_email_address(db):
    # when a customer registers with an e-mail address
    user = register(identifier_or_email="  Karim@Example.COM ", language_code="en")
    # then the address is stored in lower case and there is no number
    user.refresh_from_db()
    assert user.email == "karim@example.com"
    assert user.phone is None
    assert user.language_code == "en"


def test_register_with_an_email_and_a_phone(db):
    # when both an e-mail and a number are given
    user = register(identifier_or_email="karim@example.com", phone="+880 1812 345678")
    # then the user has both
    user.refresh_from_db()
    assert (user.email, user.phone) == ("karim@example.com", "+8801812345678")


def test_register_with_the_same_number_twice_in_both_fields(db):
    # when the e-mail input and the phone input hold the same number in two forms
    user = register(identifier_or_email="01712345678", phone="+8801712345678")
    # then it is accepted as one number
    assert user.phone == "+8801712345678"


def test_registration_needs_an_email_or_a_phone(db):
    # when neither is given
    with pytest.raises(ValidationError) as caught:
        register(identifier_or_email="  ", phone=None)
    # then REQUIRED on email, and nobody was created
    assert codes(caught.value) == {"email": ["required"]}
    assert User.objects.count() == 0


def test_register_with_only_the_phone_input(db):
    # when the e-mail input is empty but the Haat phone input holds a number
    user = register(identifier_or_email="", phone="01912345678")
    # then the number is used
    assert user.phone == "+8801912345678"


@pytest.mark.parametrize(
    ("identifier", "phone", "expected"),
    [
        ("karim@", None, {"email": ["invalid"]}),
        ("karim@example", None, {"email": ["invalid"]}),
        ("01212345678", None, {"email": ["invalid"]}),
        ("+14155552671", None, {"email": ["invalid"]}),
        ("karim", None, {"email": ["invalid"]}),
        ("karim@example.com", "0171234567", {"phone": ["invalid"]}),
        ("01712345678", "01812345678", {"phone": ["invalid"]}),
        ("karim@", "123", {"email": ["invalid"], "phone": ["invalid"]}),
    ],
)
def test_invalid_email_or_phone_is_refused(db, identifier, phone, expected):
    # when the identity is malformed
    with pytest.raises(ValidationError) as caught:
        register(identifier_or_email=identifier, phone=phone)
    # then INVALID on the field that holds it, and nothing was created
    assert codes(caught.value) == expected
    assert User.objects.count() == 0


def test_an_invalid_number_in_the_email_input_explains_the_expected_form(db):
    # when a ten-digit number is given
    with pytest.raises(ValidationError) as caught:
        register(identifier_or_email="0171234567")
    # then the message says what a mobile number looks like
    assert "11 digits starting 013-019" in caught.value.error_dict["email"][0].messages[0]


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("zq8#Lw", "password_too_short"),
        ("password123", "password_too_common"),
        ("48151623429", "password_entirely_numeric"),
        ("karimmia", "password_too_similar"),
    ],
)
def test_weak_passwords_are_refused_with_saleors_codes(db, password, code):
    # when the password fails one of Django's validators
    with pytest.raises(ValidationError) as caught:
        register(identifier_or_email="karim@example.com", password=password)
    # then the matching Saleor code is reported on password, and nothing was created
    assert code in codes(caught.value)["password"]
    assert set(codes(caught.value)) == {"password"}
    assert User.objects.count() == 0


def test_a_password_like_the_phone_number_is_too_similar(db):
    # when the password is the phone number with a letter appended
    with pytest.raises(ValidationError) as caught:
        register(identifier_or_email="01712345678", password="01712345678a")
    # then it is too similar to the number
    assert "password_too_similar" in codes(caught.value)["password"]


def test_every_problem_is_reported_at_once(db):
    # when both the identity and the password are wrong
    with pytest.raises(ValidationError) as caught:
        register(identifier_or_email="karim@", password="123")
    # then both fields carry errors
    assert codes(caught.value) == {
        "email": ["invalid"],
        "password": [
            "password_too_short",
            "password_too_common",
            "password_entirely_numeric",
        ],
    }


def test_a_taken_number_is_unique_on_the_field_that_held_it(db):
    # given a user with a number
    UserFactory(phone="+8801712345678")
    # when another registers it in the e-mail input, and in the phone input
    with pytest.raises(ValidationError) as in_email:
        register(identifier_or_email="01712345678")
    with pytest.raises(ValidationError) as in_phone:
        register(identifier_or_email="new@example.com", phone="01712345678")
    # then UNIQUE on each field, and no second user
    assert codes(in_email.value) == {"email": ["unique"]}
    assert codes(in_phone.value) == {"phone": ["unique"]}
    assert User.objects.count() == 1


def test_a_taken_email_is_unique(db):
    # given a user with an e-mail address
    UserFactory(phone=None, email="karim@example.com")
    # when another registers it in other letter case
    with pytest.raises(ValidationError) as caught:
        register(identifier_or_email="KARIM@example.com", phone="01812345678")
    # then UNIQUE on email, and no second user
    assert codes(caught.value) == {"email": ["unique"]}
    assert User.objects.count() == 1


def test_confirmation_is_required_when_the_shop_confirms_accounts(db, confirming_shop):
    # when a customer registers with an e-mail, and another with a number only
    by_email = register(identifier_or_email="karim@example.com", redirect_url=CONFIRM_URL)
    by_phone = register(identifier_or_email="01812345678", redirect_url=CONFIRM_URL)
    # then both accounts await confirmation (the number-only one is confirmed by SMS)
    by_email.refresh_from_db()
    by_phone.refresh_from_db()
    assert by_email.is_confirmed is False
    assert by_phone.is_confirmed is False


@pytest.mark.parametrize(
    ("redirect_url", "code"),
    [
        (None, "required"),
        ("  ", "required"),
        ("not a url", "invalid"),
        ("ftp://localhost/confirm", "invalid"),
        ("https://phishing.example/confirm", "invalid"),
    ],
)
def test_a_confirming_shop_needs_a_link_to_a_known_storefront(
    db, confirming_shop, redirect_url, code
):
    # when the link the confirmation would carry is missing, malformed or foreign
    with pytest.raises(ValidationError) as caught:
        register(identifier_or_email="karim@example.com", redirect_url=redirect_url)
    # then the error is on redirect_url, and nobody was created
    assert codes(caught.value) == {"redirect_url": [code]}
    assert User.objects.count() == 0


def test_without_confirmation_the_link_is_not_checked(db):
    # when the shop does not confirm accounts and the link is foreign
    user = register(redirect_url="https://elsewhere.example/")
    # then the account is created, confirmed
    assert user.is_confirmed is True


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_of_one_number_give_one_user_and_unique():
    """No check-then-insert: the unique constraint decides, and the loser gets UNIQUE."""
    # given two customers registering one number at the same moment
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def attempt(identifier: str) -> None:
        try:
            barrier.wait()
            outcomes.append(register(identifier_or_email=identifier))
        except ValidationError as error:
            outcomes.append(codes(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(raw,)) for raw in ("01712345678", "+8801712345678")
    ]
    # when both run
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then one user exists and the other attempt got UNIQUE, not an IntegrityError
    assert User.objects.filter(phone="+8801712345678").count() == 1
    assert sorted(map(str, outcomes)) == sorted(
        [str({"email": ["unique"]}), str(User.objects.get())]
    )


def test_register_refuses_a_first_name_longer_than_its_column(db):
    # when the first name is longer than the column holds
    with pytest.raises(ValidationError) as error:
        register(first_name="x" * 1000)
    # then it is a field error, and no user is stored
    assert codes(error.value) == {"first_name": ["invalid"]}
    assert not User.objects.exists()
