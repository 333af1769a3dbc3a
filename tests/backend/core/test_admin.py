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


def test_site_settings_can_be_added_when_missing(admin_client_logged_in):
    # given no settings row yet
    SiteSettings.objects.all().delete()
    # when the administrator opens the add page
    response = admin_client_logged_in.get("/dashboard/core/sitesettings/add/")
    # then it is allowed
    assert response.status_code == 200
