from __future__ import annotations

import pytest

from backend.core.models import SiteSettings
from tests.factories import UserFactory


@pytest.fixture
def admin_client_logged_in(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def test_site_settings_change_page_shows_the_single_row(admin_client_logged_in):
    # given the shop's settings row
    site = SiteSettings.get_current()
    # when the administrator opens it
    response = admin_client_logged_in.get(f"/dashboard/core/sitesettings/{site.pk}/change/")
    # then the form is there with its sections
    assert response.status_code == 200
    for section in (b"Shop", b"E-mail", b"Accounts", b"Catalogue and checkout"):
        assert section in response.content


def test_site_settings_cannot_be_added_twice_or_deleted(admin_client_logged_in):
    # given the settings row exists
    site = SiteSettings.get_current()
    # when the administrator tries to add another or delete it
    add = admin_client_logged_in.get("/dashboard/core/sitesettings/add/")
    delete = admin_client_logged_in.post(
        f"/dashboard/core/sitesettings/{site.pk}/delete/", {"post": "yes"}
    )
    # then both are refused and the row is still there
    assert add.status_code == 403
    assert delete.status_code == 403
    assert SiteSettings.objects.count() == 1


def _settings_form(site: SiteSettings, **changes) -> dict:
    data = {
        "name": site.name,
        "name_bn": site.name_bn,
        "description": site.description,
        "domain": site.domain,
        "header_text": site.header_text,
        "default_mail_sender_name": site.default_mail_sender_name,
        "default_mail_sender_address": site.default_mail_sender_address,
        "customer_set_password_url": site.customer_set_password_url,
        "track_inventory_by_default": "on",
        "default_weight_unit": site.default_weight_unit,
        "limit_quantity_per_checkout": site.limit_quantity_per_checkout,
        "allow_login_without_confirmation": "on",
    }
    data.update(changes)
    return data


def test_site_settings_cannot_be_added_even_when_missing(admin_client_logged_in):
    # given no settings row yet (`SiteSettings.get_current()` creates it on first use)
    SiteSettings.objects.all().delete()
    # when the administrator opens the add page
    response = admin_client_logged_in.get("/dashboard/core/sitesettings/add/")
    # then it is refused
    assert response.status_code == 403


def test_site_settings_change_goes_through_the_service(admin_client_logged_in):
    # given the settings row
    site = SiteSettings.get_current()
    # when the administrator renames the shop
    response = admin_client_logged_in.post(
        f"/dashboard/core/sitesettings/{site.pk}/change/", _settings_form(site, name="হাট বাজার")
    )
    # then it is saved
    assert response.status_code == 302
    assert SiteSettings.objects.get().name == "হাট বাজার"


def test_site_settings_service_refusal_shows_on_the_form(admin_client_logged_in):
    # given the settings row
    site = SiteSettings.get_current()
    # when the administrator enters a sender address that is no e-mail address
    response = admin_client_logged_in.post(
        f"/dashboard/core/sitesettings/{site.pk}/change/",
        _settings_form(site, name="Renamed", default_mail_sender_address="not-an-address"),
    )
    # then the form shows the error on the field and nothing changed
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["default_mail_sender_address"]
    assert SiteSettings.objects.get().name == site.name
