"""`pluginUpdate`: global and per-channel changes, every error code, masking, permissions."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from backend.accounts.models import Role
from plugins.framework.models import PluginConfiguration
from storefront_api.core.ids import to_global_id
from tests.factories import UserFactory

from .conftest import SECRET

pytestmark = pytest.mark.django_db

PLUGIN_UPDATE = """
mutation PluginUpdate($id: ID!, $channelId: ID, $input: PluginUpdateInput!) {
  pluginUpdate(id: $id, channelId: $channelId, input: $input) {
    plugin {
      id
      globalConfiguration { active configuration { name value type } }
      channelConfigurations { active channel { slug } configuration { name value type } }
    }
    errors { field code message }
  }
}
"""


def _rows() -> list[dict]:
    return list(PluginConfiguration.objects.order_by("pk").values())


def _raw_configuration(row_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT configuration FROM plugins_pluginconfiguration WHERE id = %s", [row_id]
        )
        (raw,) = cursor.fetchone()
    return raw if isinstance(raw, str) else json.dumps(raw)


def _channel_id(channel) -> str:
    return to_global_id("Channel", channel.pk)


def test_update_a_global_plugin(api_client, plugin_manager_user, test_plugins):
    # when
    data = api_client.as_user(plugin_manager_user).execute(
        PLUGIN_UPDATE,
        {
            "id": "haat.sms",
            "input": {
                "active": False,
                "configuration": [
                    {"name": "sender", "value": "HAATBD"},
                    {"name": "private_key", "value": SECRET},
                ],
            },
        },
    )

    # then the answer shows the change with the secret masked
    result = data["pluginUpdate"]
    assert result["errors"] == []
    assert result["plugin"] == {
        "id": "haat.sms",
        "globalConfiguration": {
            "active": False,
            "configuration": [
                {"name": "sender", "value": "HAATBD", "type": "STRING"},
                {"name": "private_key", "value": "5678", "type": "SECRETMULTILINE"},
            ],
        },
        "channelConfigurations": [],
    }
    # and the database holds the secret encrypted only
    (row,) = PluginConfiguration.objects.all()
    assert (row.identifier, row.channel_id, row.active) == ("haat.sms", None, False)
    raw = _raw_configuration(row.pk)
    assert SECRET not in raw
    assert '"fernet:' in raw


def test_update_a_per_channel_plugin_in_one_channel(
    api_client, plugin_manager_user, test_plugins, channels
):
    # given
    _bd, export = channels

    # when
    data = api_client.as_user(plugin_manager_user).execute(
        PLUGIN_UPDATE,
        {
            "id": "haat.payments.bkash",
            "channelId": _channel_id(export),
            "input": {
                "active": True,
                "configuration": [
                    {"name": "app_key", "value": "export-key"},
                    {"name": "app_secret", "value": SECRET},
                    {"name": "sandbox", "value": "false"},
                ],
            },
        },
    )

    # then only export changed
    result = data["pluginUpdate"]
    assert result["errors"] == []
    assert result["plugin"]["globalConfiguration"] is None
    assert result["plugin"]["channelConfigurations"] == [
        {
            "active": False,
            "channel": {"slug": "bd"},
            "configuration": [
                {"name": "app_key", "value": "", "type": "STRING"},
                {"name": "app_secret", "value": None, "type": "SECRET"},
                {"name": "sandbox", "value": "true", "type": "BOOLEAN"},
            ],
        },
        {
            "active": True,
            "channel": {"slug": "export"},
            "configuration": [
                {"name": "app_key", "value": "export-key", "type": "STRING"},
                {"name": "app_secret", "value": "5678", "type": "SECRET"},
                {"name": "sandbox", "value": "false", "type": "BOOLEAN"},
            ],
        },
    ]
    (row,) = PluginConfiguration.objects.all()
    assert (row.channel_id, row.active) == (export.pk, True)
    assert SECRET not in _raw_configuration(row.pk)


def test_a_secret_left_out_is_kept(api_client, plugin_manager_user, test_plugins, channels):
    # given bKash active in bd with its secret
    client = api_client.as_user(plugin_manager_user)
    variables = {"id": "haat.payments.bkash", "channelId": _channel_id(channels[0])}
    client.execute(
        PLUGIN_UPDATE,
        {
            **variables,
            "input": {"active": True, "configuration": [{"name": "app_secret", "value": SECRET}]},
        },
    )

    # when only the app key changes
    data = client.execute(
        PLUGIN_UPDATE,
        {**variables, "input": {"configuration": [{"name": "app_key", "value": "k2"}]}},
    )

    # then the secret is still there (the plugin's check passed) and still masked
    result = data["pluginUpdate"]
    assert result["errors"] == []
    bd_configuration = result["plugin"]["channelConfigurations"][0]
    assert bd_configuration["active"] is True
    assert [item["value"] for item in bd_configuration["configuration"]] == ["k2", "5678", "true"]


def _assert_error(api_client, user, variables: dict, expected: list[tuple]) -> None:
    before = _rows()
    data = api_client.as_user(user).execute(PLUGIN_UPDATE, variables)
    result = data["pluginUpdate"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == expected
    assert result["plugin"] is None
    assert _rows() == before


def test_unknown_plugin_is_not_found(api_client, plugin_manager_user, test_plugins):
    _assert_error(
        api_client,
        plugin_manager_user,
        {"id": "haat.nope", "input": {"active": True}},
        [("id", "NOT_FOUND")],
    )


def test_unknown_channel_is_not_found(api_client, plugin_manager_user, test_plugins):
    _assert_error(
        api_client,
        plugin_manager_user,
        {
            "id": "haat.payments.bkash",
            "channelId": to_global_id("Channel", 999),
            "input": {"active": True},
        },
        [("channelId", "NOT_FOUND")],
    )


def test_global_plugin_with_a_channel_is_invalid(
    api_client, plugin_manager_user, test_plugins, channels
):
    _assert_error(
        api_client,
        plugin_manager_user,
        {"id": "haat.sms", "channelId": _channel_id(channels[0]), "input": {"active": True}},
        [("id", "INVALID")],
    )


def test_per_channel_plugin_without_a_channel_is_not_found(
    api_client, plugin_manager_user, test_plugins
):
    # Saleor answers NOT_FOUND ("Plugin requires to specify channel slug.") here.
    _assert_error(
        api_client,
        plugin_manager_user,
        {"id": "haat.payments.bkash", "input": {"active": True}},
        [("id", "NOT_FOUND")],
    )


@pytest.mark.parametrize(
    "configuration",
    [[{"name": "colour", "value": "red"}], [{"name": "sandbox", "value": "perhaps"}]],
    ids=["unknown field", "not a boolean"],
)
def test_bad_configuration_is_invalid(
    api_client, plugin_manager_user, test_plugins, channels, configuration
):
    _assert_error(
        api_client,
        plugin_manager_user,
        {
            "id": "haat.payments.bkash",
            "channelId": _channel_id(channels[0]),
            "input": {"active": False, "configuration": configuration},
        },
        [("configuration", "INVALID")],
    )


def test_misconfigured_plugin_is_refused(api_client, plugin_manager_user, test_plugins, channels):
    # bKash refuses to be switched on without its app secret
    _assert_error(
        api_client,
        plugin_manager_user,
        {
            "id": "haat.payments.bkash",
            "channelId": _channel_id(channels[0]),
            "input": {"active": True, "configuration": [{"name": "app_key", "value": "k"}]},
        },
        [("app_secret", "PLUGIN_MISCONFIGURED")],
    )


def test_the_request_sees_the_new_configuration(
    api_client, plugin_manager_user, test_plugins, channels
):
    # given SMS on
    client = api_client.as_user(plugin_manager_user)

    # when switched off, then read in a second request
    client.execute(PLUGIN_UPDATE, {"id": "haat.sms", "input": {"active": False}})
    data = client.execute('query { plugin(id: "haat.sms") { globalConfiguration { active } } }')

    # then
    assert data["plugin"]["globalConfiguration"]["active"] is False


# --- permissions -------------------------------------------------------------------------------


def _role_user(role: str | None):
    if role == "staff":
        return UserFactory(is_staff=True, email="plain-staff@haat.test", phone=None)
    if role is None:
        return None
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.mark.parametrize("role", [None, Role.CUSTOMER, Role.ENTREPRENEUR, "staff"])
def test_plugin_update_denied_without_manage_plugins(api_client, test_plugins, role):
    # given anonymous, a customer, an entrepreneur, or staff without MANAGE_PLUGINS
    client = api_client.as_user(_role_user(role))

    # when
    content = client.execute_raw(
        PLUGIN_UPDATE,
        {
            "id": "haat.sms",
            "input": {"active": False, "configuration": [{"name": "private_key", "value": SECRET}]},
        },
    )

    # then
    assert len(content["errors"]) == 1
    assert content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert content["data"] == {"pluginUpdate": None}
    assert PluginConfiguration.objects.count() == 0
