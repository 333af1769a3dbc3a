"""`plugins` and `plugin`: listing, filters, sorting, pages, masking, permissions, query count."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.accounts.models import Role
from plugins.framework.base import BasePlugin, ConfigurationTypeField
from plugins.framework.configuration import update_plugin_configuration
from storefront_api.core.ids import to_global_id
from tests.factories import UserFactory

from .conftest import SECRET

pytestmark = pytest.mark.django_db

CONFIGURATION = "active channel { slug } configuration { name value type label helpText }"

PLUGINS = f"""
query Plugins(
  $filter: PluginFilterInput, $sortBy: PluginSortingInput, $first: Int, $after: String
) {{
  plugins(filter: $filter, sortBy: $sortBy, first: $first, after: $after) {{
    totalCount
    pageInfo {{ hasNextPage hasPreviousPage endCursor }}
    edges {{
      node {{
        id
        name
        description
        globalConfiguration {{ {CONFIGURATION} }}
        channelConfigurations {{ {CONFIGURATION} }}
      }}
    }}
  }}
}}
"""

PLUGIN = f"""
query Plugin($id: ID!) {{
  plugin(id: $id) {{
    id
    name
    globalConfiguration {{ {CONFIGURATION} }}
    channelConfigurations {{ {CONFIGURATION} }}
  }}
}}
"""


def _ids(data: dict) -> list[str]:
    return [edge["node"]["id"] for edge in data["plugins"]["edges"]]


def _store_bkash(channel, *, active: bool = True) -> None:
    update_plugin_configuration(
        plugin_id="haat.payments.bkash",
        channel=channel,
        active=active,
        configuration=[
            {"name": "app_key", "value": f"key-{channel.slug}"},
            {"name": "app_secret", "value": SECRET},
            {"name": "sandbox", "value": "false"},
        ],
    )


def test_plugins_lists_every_plugin_by_name_with_global_and_channel_configuration(
    api_client, plugin_manager_user, test_plugins, channels
):
    # given bKash configured in bd only
    _store_bkash(channels[0])

    # when
    data = api_client.as_user(plugin_manager_user).execute(PLUGINS)

    # then plugins come sorted by name; global ones have one configuration, others one a channel
    assert data["plugins"]["totalCount"] == 3
    assert _ids(data) == ["haat.audit", "haat.payments.bkash", "haat.sms"]
    audit, bkash, sms = (edge["node"] for edge in data["plugins"]["edges"])
    assert audit == {
        "id": "haat.audit",
        "name": "Audit log",
        "description": "Keeps an audit trail.",
        "globalConfiguration": {"active": False, "channel": None, "configuration": []},
        "channelConfigurations": [],
    }
    assert sms["globalConfiguration"] == {
        "active": True,
        "channel": None,
        "configuration": [
            {"name": "sender", "value": "HAAT", "type": "STRING", "label": None, "helpText": None},
            {
                "name": "private_key",
                "value": None,
                "type": "SECRETMULTILINE",
                "label": None,
                "helpText": None,
            },
        ],
    }
    assert bkash["globalConfiguration"] is None
    assert [
        (c["channel"]["slug"], c["active"], [i["value"] for i in c["configuration"]])
        for c in bkash["channelConfigurations"]
    ] == [
        ("bd", True, ["key-bd", "5678", "false"]),
        ("export", False, ["", None, "true"]),
    ]
    assert bkash["channelConfigurations"][0]["configuration"][1] == {
        "name": "app_secret",
        "value": "5678",
        "type": "SECRET",
        "label": "App secret",
        "helpText": "From the merchant panel.",
    }


def test_no_response_carries_a_secret_or_its_ciphertext(
    api_client, plugin_manager_user, test_plugins, channels
):
    # given
    _store_bkash(channels[0])
    client = api_client.as_user(plugin_manager_user)

    # when
    responses = [
        client.post(PLUGINS).content.decode(),
        client.post(PLUGIN, {"id": "haat.payments.bkash"}).content.decode(),
    ]

    # then
    for body in responses:
        assert SECRET not in body
        assert SECRET[:-4] not in body
        assert "fernet:" not in body


@pytest.mark.parametrize(
    ("plugin_filter", "expected"),
    [
        ({"type": "GLOBAL"}, ["haat.audit", "haat.sms"]),
        ({"type": "PER_CHANNEL"}, ["haat.payments.bkash"]),
        ({"search": "WALLET"}, ["haat.payments.bkash"]),
        ({"search": "sms"}, ["haat.sms"]),
        ({"search": "nothing like it"}, []),
    ],
)
def test_plugins_filter(api_client, plugin_manager_user, test_plugins, plugin_filter, expected):
    # when
    data = api_client.as_user(plugin_manager_user).execute(PLUGINS, {"filter": plugin_filter})

    # then
    assert _ids(data) == expected
    assert data["plugins"]["totalCount"] == len(expected)


@pytest.mark.parametrize(
    ("channel_index", "active", "expected"),
    [
        (0, True, ["haat.payments.bkash", "haat.sms"]),
        (0, False, ["haat.audit"]),
        (1, True, ["haat.sms"]),
        (1, False, ["haat.audit", "haat.payments.bkash"]),
    ],
)
def test_plugins_filter_status_in_channels(
    api_client, plugin_manager_user, test_plugins, channels, channel_index, active, expected
):
    # given bKash on in bd, off (by default) in export
    _store_bkash(channels[0])
    status = {"active": active, "channels": [to_global_id("Channel", channels[channel_index].pk)]}

    # when
    data = api_client.as_user(plugin_manager_user).execute(
        PLUGINS, {"filter": {"statusInChannels": status}}
    )

    # then global plugins match on their own flag, per-channel ones in the given channel
    assert _ids(data) == expected


@pytest.mark.parametrize(
    ("sort_by", "expected"),
    [
        ({"field": "NAME", "direction": "ASC"}, ["haat.audit", "haat.payments.bkash", "haat.sms"]),
        ({"field": "NAME", "direction": "DESC"}, ["haat.sms", "haat.payments.bkash", "haat.audit"]),
        (
            {"field": "IS_ACTIVE", "direction": "ASC"},
            ["haat.audit", "haat.payments.bkash", "haat.sms"],
        ),
        (
            {"field": "IS_ACTIVE", "direction": "DESC"},
            ["haat.sms", "haat.audit", "haat.payments.bkash"],
        ),
    ],
)
def test_plugins_sort(api_client, plugin_manager_user, test_plugins, channels, sort_by, expected):
    # when (only SMS is active anywhere)
    data = api_client.as_user(plugin_manager_user).execute(PLUGINS, {"sortBy": sort_by})

    # then
    assert _ids(data) == expected


def test_plugins_pages(api_client, plugin_manager_user, test_plugins):
    # given
    client = api_client.as_user(plugin_manager_user)

    # when
    first = client.execute(PLUGINS, {"first": 2})
    cursor = first["plugins"]["pageInfo"]["endCursor"]
    second = client.execute(PLUGINS, {"first": 2, "after": cursor})

    # then
    assert _ids(first) == ["haat.audit", "haat.payments.bkash"]
    assert first["plugins"]["pageInfo"]["hasNextPage"] is True
    assert _ids(second) == ["haat.sms"]
    assert second["plugins"]["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "endCursor": second["plugins"]["pageInfo"]["endCursor"],
    }
    assert second["plugins"]["totalCount"] == 3


def test_plugin_by_identifier(api_client, plugin_manager_user, test_plugins, channels):
    # when
    data = api_client.as_user(plugin_manager_user).execute(PLUGIN, {"id": "haat.sms"})

    # then
    assert data["plugin"]["id"] == "haat.sms"
    assert data["plugin"]["name"] == "SMS"
    assert data["plugin"]["globalConfiguration"]["active"] is True
    assert data["plugin"]["channelConfigurations"] == []


def test_unknown_plugin_is_null(api_client, plugin_manager_user, test_plugins):
    # when
    data = api_client.as_user(plugin_manager_user).execute(PLUGIN, {"id": "haat.nope"})

    # then
    assert data == {"plugin": None}


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
@pytest.mark.parametrize(
    ("query", "variables", "field"),
    [(PLUGINS, {}, "plugins"), (PLUGIN, {"id": "haat.sms"}, "plugin")],
    ids=["plugins", "plugin"],
)
def test_plugins_denied_without_manage_plugins(
    api_client, test_plugins, role, query, variables, field
):
    # given anonymous, a customer, an entrepreneur, or staff without MANAGE_PLUGINS
    client = api_client.as_user(_role_user(role))

    # when
    content = client.execute_raw(query, variables)

    # then
    assert len(content["errors"]) == 1
    assert content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert content["errors"][0]["message"] == ("You need the following permission: MANAGE_PLUGINS")
    assert content["data"] == {field: None}


# --- query count -------------------------------------------------------------------------------


def _numbered_plugin(number: int) -> type[BasePlugin]:
    return type(
        f"Numbered{number}Plugin",
        (BasePlugin,),
        {
            "__module__": __name__,
            "PLUGIN_ID": f"test.numbered-{number}",
            "PLUGIN_NAME": f"Numbered {number}",
            "DEFAULT_ACTIVE": number % 3 == 0,
            "CONFIGURATION_PER_CHANNEL": number % 2 == 1,
            "DEFAULT_CONFIGURATION": [{"name": "token", "value": ""}],
            "CONFIG_STRUCTURE": {"token": {"type": ConfigurationTypeField.SECRET}},
        },
    )


NUMBERED_PLUGINS = [_numbered_plugin(number) for number in range(10)]
globals().update({plugin_class.__name__: plugin_class for plugin_class in NUMBERED_PLUGINS})


def _configure(plugin_class: type[BasePlugin], channels) -> None:
    for channel in channels if plugin_class.CONFIGURATION_PER_CHANNEL else [None]:
        update_plugin_configuration(
            plugin_id=plugin_class.PLUGIN_ID,
            channel=channel,
            active=True,
            configuration=[{"name": "token", "value": f"token-{plugin_class.PLUGIN_ID}"}],
        )


def test_plugins_query_count_does_not_grow_with_plugins(
    api_client, plugin_manager_user, install_plugins, channels
):
    # given one plugin, then ten (half per channel), all with stored, encrypted configuration
    client = api_client.as_user(plugin_manager_user)
    install_plugins(*NUMBERED_PLUGINS)
    for plugin_class in NUMBERED_PLUGINS:
        _configure(plugin_class, channels)

    # and a first request, which reads the stored configuration into the cache for both
    client.execute(PLUGINS)

    # when
    install_plugins(NUMBERED_PLUGINS[1])
    with CaptureQueriesContext(connection) as one:
        small = client.execute(PLUGINS)
    install_plugins(*NUMBERED_PLUGINS)
    with CaptureQueriesContext(connection) as ten:
        large = client.execute(PLUGINS)

    # then
    assert len(_ids(small)) == 1
    assert len(_ids(large)) == 10
    assert len(one.captured_queries) == len(ten.captured_queries)
