"""The PluginConfiguration admin: lists and searches, never shows a secret in clear."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plugins.framework.base import BasePlugin, ConfigurationTypeField
from plugins.framework.configuration import update_plugin_configuration
from plugins.framework.models import PluginConfiguration
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET = "admin-must-not-see-this-1234"


class KeyedPlugin(BasePlugin):
    PLUGIN_ID = "test.keyed"
    PLUGIN_NAME = "Keyed"
    DEFAULT_CONFIGURATION = [{"name": "api_key", "value": ""}]
    CONFIG_STRUCTURE = {"api_key": {"type": ConfigurationTypeField.SECRET, "label": "API key"}}


@pytest.fixture
def stored(install_plugins) -> PluginConfiguration:
    install_plugins(KeyedPlugin)
    return update_plugin_configuration(
        plugin_id="test.keyed",
        channel=None,
        active=False,
        configuration=[{"name": "api_key", "value": SECRET}],
    )


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_changelist_renders_with_a_search(admin_client, stored):
    # when
    url = reverse("admin:plugins_pluginconfiguration_changelist")
    found = admin_client.get(url, {"q": "keyed"})
    bangla = admin_client.get(url, {"q": "ঢাকা"})

    # then
    assert found.status_code == 200
    assert "test.keyed" in found.content.decode()
    assert bangla.status_code == 200


def test_change_page_shows_the_secret_masked_only(admin_client, stored):
    # when
    url = reverse("admin:plugins_pluginconfiguration_change", args=[stored.pk])
    page = admin_client.get(url).content.decode()

    # then neither the secret nor its encrypted form is on the page; its tail is
    assert SECRET not in page
    assert stored.configuration[0]["value"] not in page
    assert "API key</strong>: 1234" in page


def test_saving_in_the_admin_goes_through_the_domain_function(admin_client, stored):
    # when the plugin is switched on
    url = reverse("admin:plugins_pluginconfiguration_change", args=[stored.pk])
    response = admin_client.post(url, {"active": "on"})

    # then the flag changed and the secret is still stored, encrypted
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.active is True
    assert stored.configuration[0]["value"].startswith("fernet:")
