"""accountRegister: sign up by mobile number or e-mail; every error code; nothing half-made."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings

from backend.accounts.models import Role, User
from backend.core.models import SiteSettings
from storefront_api.core.ids import to_global_id
from tests.factories import UserFactory

from .queries import ACCOUNT_REGISTER

PASSWORD = "mango-season-42"


def register(api_client, **fields) -> dict:
    variables = {"input": {"email": "01712345678", "password": PASSWORD, **fields}}
    return api_client.execute(ACCOUNT_REGISTER, variables)["accountRegister"]


def test_register_with_a_number_in_bangla_digits(api_client, db):
    # when a customer registers with a number in Bangla digits
    result = register(
        api_client,
        email="০১৭১২৩৪৫৬৭৮",
        firstName="করিম",
        lastName="মিয়া",
        languageCode="BN",
        redirectUrl="https://shop.example/confirm",
        channel="bd",
    )
    # then the account exists, known by the E.164 number, in the customer group
    user = User.objects.get()
    assert result["errors"] == []
    assert result["requiresConfirmation"] is False
    assert result["user"] == {
        "id": to_global_id("User", user.pk),
        "email": "",
        "phone": "+8801712345678",
        "firstName": "করিম",
        "lastName": "মিয়া",
        "languageCode": "BN",
        "isActive": True,
        "isConfirmed": True,
    }
    assert user.check_password(PASSWORD)
    assert user.groups.get() == Group.objects.get_or_create(name=Role.CUSTOMER)[0]


def test_register_with_an_email_and_a_phone(api_client, db):
    # when a customer gives an e-mail and, in Haat's phone field, a number
    result = register(
        api_client, email="Karim@Example.com", phone="+880 1812-345678", languageCode="EN_US"
    )
    # then both are stored and the language is English
    assert result["errors"] == []
    assert (result["user"]["email"], result["user"]["phone"]) == (
        "karim@example.com",
        "+8801812345678",
    )
    assert User.objects.get().language_code == "en"


def test_registration_awaits_confirmation_when_the_shop_confirms_emails(api_client, db):
    # given a shop that confirms e-mail addresses
    SiteSettings.objects.update_or_create(
        pk=1, defaults={"enable_account_confirmation_by_email": True}
    )
    # when a customer registers by e-mail
    result = register(
        api_client, email="karim@example.com", redirectUrl="http://localhost:3000/confirm/"
    )
    # then the account awaits confirmation, and (as in Saleor) no user is returned until then
    assert (result["requiresConfirmation"], result["user"], result["errors"]) == (True, None, [])
    assert User.objects.get().is_confirmed is False


@pytest.mark.parametrize(
    ("taken", "fields"),
    [
        ({"phone": "+8801712345678"}, {"email": "০১৭১২৩৪৫৬৭৮"}),
        ({"phone": None, "email": "karim@example.com"}, {"email": "Karim@Example.com"}),
        ({"phone": "+8801812345678"}, {"email": "new@example.com", "phone": "01812345678"}),
    ],
)
def test_with_confirmation_a_taken_number_or_email_answers_like_a_new_one(
    api_client, db, taken, fields
):
    # given a shop that confirms accounts, and a customer who has the number or e-mail
    SiteSettings.objects.update_or_create(
        pk=1, defaults={"enable_account_confirmation_by_email": True}
    )
    existing = UserFactory(**taken)
    confirm_url = "http://localhost:3000/confirm/"
    # when someone registers it again, and someone else registers a new one
    again = register(api_client, redirectUrl=confirm_url, **fields)
    new = register(api_client, email="01999999999", redirectUrl=confirm_url)
    # then both answers are the same, and no second account holds the taken identifier
    assert again == new == {"requiresConfirmation": True, "user": None, "errors": []}
    assert User.objects.count() == 2
    assert User.objects.exclude(phone="+8801999999999").get() == existing


def errors_of(result: dict) -> list[tuple[str, str]]:
    assert result["user"] is None
    return [(error["field"], error["code"]) for error in result["errors"]]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"email": ""}, [("email", "REQUIRED")]),
        ({"email": "karim@"}, [("email", "INVALID")]),
        ({"email": "01212345678"}, [("email", "INVALID")]),
        ({"email": "+14155552671"}, [("email", "INVALID")]),
        ({"email": "karim@example.com", "phone": "12345"}, [("phone", "INVALID")]),
        ({"email": "01712345678", "phone": "01812345678"}, [("phone", "INVALID")]),
        ({"password": "zq8#Lw"}, [("password", "PASSWORD_TOO_SHORT")]),
        ({"password": "password123"}, [("password", "PASSWORD_TOO_COMMON")]),
        ({"password": "48151623429"}, [("password", "PASSWORD_ENTIRELY_NUMERIC")]),
        (
            {"email": "karim@example.com", "firstName": "Karimuddin", "password": "karimuddin"},
            [("password", "PASSWORD_TOO_SIMILAR")],
        ),
    ],
)
def test_each_error_code(api_client, db, fields, expected):
    # when the input is wrong in one way
    result = register(api_client, **fields)
    # then exactly that error, and no account
    assert errors_of(result) == expected
    assert User.objects.count() == 0


def test_without_confirmation_a_taken_number_is_unique(api_client, db):
    """Saleor 3.21 answers success here too; Haat keeps UNIQUE, because an account that needs
    no confirmation signs in at once, which would tell the same anyway."""
    # given a customer with the number
    UserFactory(phone="+8801712345678")
    # when someone registers it again in another form
    result = register(api_client, email="০১৭১২৩৪৫৬৭৮")
    # then UNIQUE on email (the field that held it), and still one account
    assert errors_of(result) == [("email", "UNIQUE")]
    assert result["errors"][0]["message"] == "A user with this mobile number already exists."
    assert User.objects.count() == 1


def test_a_taken_email(api_client, db):
    # given a customer with the e-mail address
    UserFactory(phone=None, email="karim@example.com")
    # when someone registers it again
    result = register(api_client, email="karim@example.com")
    # then UNIQUE on email, and still one account
    assert errors_of(result) == [("email", "UNIQUE")]
    assert User.objects.count() == 1


def test_a_taken_number_in_the_phone_field(api_client, db):
    # given a customer with the number
    UserFactory(phone="+8801812345678")
    # when someone registers with a new e-mail but that number
    result = register(api_client, email="new@example.com", phone="01812345678")
    # then UNIQUE on phone
    assert errors_of(result) == [("phone", "UNIQUE")]
    assert User.objects.count() == 1


def test_a_signed_in_user_may_register_another_account(api_client, customer_user):
    # when a signed-in customer registers a new account (e.g. at a centre, for a neighbour)
    result = register(api_client.as_user(customer_user), email="01912345678")
    # then it is created
    assert result["errors"] == []
    assert User.objects.filter(phone="+8801912345678").exists()


@override_settings(ACCOUNT_REGISTER_MAX_PER_ADDRESS=3)
def test_registrations_from_one_address_are_limited(api_client, db):
    # given three registrations from one address, one of them refused for its password
    attempts = [("01811111111", PASSWORD), ("01822222222", "1"), ("01833333333", PASSWORD)]
    for number, password in attempts:
        register(api_client, email=number, password=password)
    # when that address registers again, and another address does
    delayed = api_client.post(
        ACCOUNT_REGISTER,
        {"input": {"email": "01844444444", "password": PASSWORD}},
    ).json()["data"]["accountRegister"]
    elsewhere = api_client.post(
        ACCOUNT_REGISTER,
        {"input": {"email": "01855555555", "password": PASSWORD}},
        REMOTE_ADDR="192.0.2.9",
    ).json()["data"]["accountRegister"]
    # then every call counted: the fourth is delayed and creates nothing; the other address is not
    assert errors_of(delayed) == [(None, "LOGIN_ATTEMPT_DELAYED")]
    assert delayed["errors"][0]["message"].startswith("Too many registrations. Try again after ")
    assert elsewhere["errors"] == []
    assert sorted(User.objects.values_list("phone", flat=True)) == [
        "+8801811111111",
        "+8801833333333",
        "+8801855555555",
    ]
