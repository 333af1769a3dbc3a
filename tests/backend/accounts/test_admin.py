"""The dashboard: find users by number in any form, add users, change passwords."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from backend.accounts.models import Role, User
from tests.factories import AddressFactory, UserFactory


@pytest.fixture
def admin_browser(db) -> Client:
    admin_user = UserFactory(
        phone=None, email="admin@haat.test", first_name="Admin", is_staff=True, is_superuser=True
    )
    browser = Client()
    browser.force_login(admin_user)
    return browser


def test_user_list_finds_a_number_typed_in_bangla_digits(admin_browser):
    # given two customers
    karim = UserFactory(phone="+8801712345678", first_name="Karim")
    UserFactory(phone="+8801812345678", first_name="Rahim")
    # when staff search for Karim's number as customers say it
    response = admin_browser.get("/dashboard/accounts/user/", {"q": "০১৭১২-৩৪৫৬৭৮"})
    # then only Karim is listed
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [karim]


@pytest.mark.parametrize(("term", "name"), [("karim@example", "Karim"), ("Rahim", "Rahim")])
def test_user_list_finds_by_email_and_name(admin_browser, term, name):
    # given customers with names and an e-mail
    UserFactory(phone=None, email="karim@example.com", first_name="Karim")
    UserFactory(first_name="Rahim")
    # when staff search / then the matching customer is listed
    response = admin_browser.get("/dashboard/accounts/user/", {"q": term})
    assert [user.first_name for user in response.context["cl"].result_list] == [name]


def test_user_list_filters_by_staff_active_and_group(admin_browser):
    # given a customer in the customer group and an inactive one
    customer = UserFactory()
    customer.groups.add(Group.objects.get_or_create(name=Role.CUSTOMER)[0])
    UserFactory(is_active=False)
    group = Group.objects.get_or_create(name=Role.CUSTOMER)[0]
    # when staff filter by each filter
    by_group = admin_browser.get("/dashboard/accounts/user/", {"groups__id__exact": group.pk})
    inactive = admin_browser.get("/dashboard/accounts/user/", {"is_active__exact": "0"})
    staff = admin_browser.get("/dashboard/accounts/user/", {"is_staff__exact": "1"})
    # then each lists the right users
    assert list(by_group.context["cl"].result_list) == [customer]
    assert [user.is_active for user in inactive.context["cl"].result_list] == [False]
    assert [user.email for user in staff.context["cl"].result_list] == ["admin@haat.test"]


def test_staff_add_a_user_by_number(admin_browser):
    # when staff add a user with a number in the local form
    response = admin_browser.post(
        "/dashboard/accounts/user/add/",
        {
            "phone": "01712345678",
            "email": "",
            "first_name": "Karim",
            "last_name": "Mia",
            "password1": "mango-season-42",
            "password2": "mango-season-42",
        },
    )
    # then the user exists with the E.164 number, no e-mail, and the password
    assert response.status_code == 302
    user = User.objects.get(phone="+8801712345678")
    assert user.email is None
    assert user.check_password("mango-season-42")


def test_staff_cannot_add_a_user_without_number_or_email(admin_browser):
    # when neither is given
    response = admin_browser.post(
        "/dashboard/accounts/user/add/",
        {"phone": "", "email": "", "password1": "mango-season-42", "password2": "mango-season-42"},
    )
    # then the form is shown again with the error, and nobody was added
    assert response.status_code == 200
    assert "Give a mobile number or an e-mail address." in response.content.decode()
    assert User.objects.count() == 1


def test_staff_change_a_password_and_old_tokens_stop(admin_browser):
    # given a customer with tokens
    karim = UserFactory(phone="+8801712345678", jwt_token_key="old-key")
    # when staff set a new password
    response = admin_browser.post(
        f"/dashboard/accounts/user/{karim.pk}/password/",
        {
            "password1": "new-mango-pass-7",
            "password2": "new-mango-pass-7",
            "usable_password": "true",
        },
    )
    # then the password works and earlier tokens are revoked
    assert response.status_code == 302
    karim.refresh_from_db()
    assert karim.check_password("new-mango-pass-7")
    assert karim.jwt_token_key != "old-key"


def test_user_and_address_pages_open(admin_browser):
    # given a customer with an address
    karim = UserFactory()
    address = AddressFactory(
        country_area="Rajshahi", city="Paba", city_area="Parila", postal_code="6000"
    )
    karim.addresses.add(address)
    # when staff open the pages / then they render
    for url in (
        f"/dashboard/accounts/user/{karim.pk}/change/",
        "/dashboard/accounts/user/add/",
        "/dashboard/accounts/address/",
        f"/dashboard/accounts/address/{address.pk}/change/",
        "/dashboard/accounts/address/?q=Rajshahi",
    ):
        assert admin_browser.get(url).status_code == 200, url


def test_staff_cannot_grant_access_they_do_not_hold(db):
    # given staff who may change users but are no superuser and hold no MANAGE_STAFF
    from django.contrib.auth.models import Permission

    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="accounts", codename="change_user"),
        *Permission.objects.filter(content_type__app_label="accounts", codename="view_user"),
    )
    browser = Client()
    browser.force_login(editor)
    karim = UserFactory(phone="+8801712345678", email=None, first_name="Karim")
    # when they make the customer a superuser in the admin
    response = browser.post(
        f"/dashboard/accounts/user/{karim.pk}/change/",
        {
            "phone": "01712345678",
            "email": "",
            "first_name": "Karim",
            "last_name": "",
            "language_code": "bn",
            "note": "",
            "is_active": "on",
            "is_confirmed": "on",
            "is_superuser": "on",
        },
    )
    # then the form refuses it on the field and nothing changed
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "is_superuser": ["Only a superuser can make or unmake a superuser."]
    }
    karim.refresh_from_db()
    assert karim.is_superuser is False
