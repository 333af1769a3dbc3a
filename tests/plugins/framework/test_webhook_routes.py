"""Incoming HTTP: `/plugins/<id>/<path>` and `/plugins/channel/<slug>/<id>/<path>`."""

from __future__ import annotations

import pytest
from django.http import JsonResponse

from plugins.framework.base import BasePlugin
from plugins.framework.models import PluginConfiguration
from tests.factories import ChannelFactory

pytestmark = pytest.mark.django_db


class _Echo(BasePlugin):
    def webhook(self, request, path, previous_value):
        return JsonResponse(
            {
                "plugin": self.PLUGIN_ID,
                "path": path,
                "method": request.method,
                "plugin_channel": self.channel_slug,
                "route_channel": request.resolver_match.kwargs.get("channel_slug"),
                "body": request.body.decode(),
            }
        )


class CallbackPlugin(_Echo):
    PLUGIN_ID = "test.callback"
    DEFAULT_ACTIVE = True


class ChannelCallbackPlugin(_Echo):
    PLUGIN_ID = "test.channel-callback"
    DEFAULT_ACTIVE = True
    CONFIGURATION_PER_CHANNEL = True


class SwitchedOffPlugin(_Echo):
    PLUGIN_ID = "test.switched-off"
    DEFAULT_ACTIVE = False


class DeafPlugin(BasePlugin):
    """Active, but takes no HTTP."""

    PLUGIN_ID = "test.deaf"
    DEFAULT_ACTIVE = True


@pytest.fixture(autouse=True)
def _plugins(install_plugins):
    install_plugins(CallbackPlugin, ChannelCallbackPlugin, SwitchedOffPlugin, DeafPlugin)


def test_a_callback_reaches_the_plugin_with_its_path(client):
    # when a gateway posts to the plugin's route
    response = client.post(
        "/plugins/test.callback/ipn/bkash", data="status=ok", content_type="text/plain"
    )

    # then the plugin's webhook hook answered, with the path under its prefix
    assert response.status_code == 200
    assert response.json() == {
        "plugin": "test.callback",
        "path": "ipn/bkash",
        "method": "POST",
        "plugin_channel": None,
        "route_channel": None,
        "body": "status=ok",
    }


def test_the_root_of_a_plugin_route_has_an_empty_path(client):
    # when
    response = client.get("/plugins/test.callback/")

    # then
    assert response.status_code == 200
    assert response.json()["path"] == ""


def test_a_channel_callback_reaches_the_plugin_configured_for_that_channel(client):
    # given
    ChannelFactory(slug="bd")

    # when
    response = client.get("/plugins/channel/bd/test.channel-callback/return/42")

    # then
    assert response.status_code == 200
    body = response.json()
    assert (body["path"], body["plugin_channel"], body["route_channel"]) == (
        "return/42",
        "bd",
        "bd",
    )


def test_a_global_plugin_answers_on_a_channel_route_too(client):
    # given
    ChannelFactory(slug="bd")

    # when
    response = client.get("/plugins/channel/bd/test.callback/x")

    # then the plugin is the global one; the route says which channel was meant
    assert response.status_code == 200
    body = response.json()
    assert (body["plugin_channel"], body["route_channel"]) == (None, "bd")


@pytest.mark.parametrize(
    "url",
    [
        "/plugins/test.unknown/ipn",
        "/plugins/test.switched-off/ipn",
        "/plugins/test.deaf/ipn",
        # a per-channel plugin needs its channel
        "/plugins/test.channel-callback/ipn",
        # a channel that does not exist
        "/plugins/channel/nowhere/test.channel-callback/ipn",
    ],
)
def test_unknown_inactive_or_deaf_plugins_are_not_found(client, url):
    # when
    response = client.post(url, data="{}", content_type="application/json")

    # then
    assert response.status_code == 404
    assert response.json() == {"error": "No active plugin answers here."}


def test_a_plugin_switched_off_in_one_channel_is_not_found_there(client):
    # given the per-channel plugin is off in export, on (by default) in bd
    ChannelFactory(slug="bd")
    export = ChannelFactory(slug="export", name="Export", currency_code="USD")
    PluginConfiguration.objects.create(
        identifier=ChannelCallbackPlugin.PLUGIN_ID, channel=export, active=False
    )

    # when
    in_export = client.get("/plugins/channel/export/test.channel-callback/ipn")
    in_bd = client.get("/plugins/channel/bd/test.channel-callback/ipn")

    # then
    assert in_export.status_code == 404
    assert in_bd.status_code == 200
