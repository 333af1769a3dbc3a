"""update_plugin_configuration and masked_configuration: the write path and the shown form."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from plugins.framework.base import BasePlugin, ConfigurationTypeField
from plugins.framework.configuration import (
    mask_secret,
    masked_configuration,
    update_plugin_configuration,
)
from plugins.framework.crypto import encrypt_secret
from plugins.framework.error_codes import PluginErrorCode
from plugins.framework.manager import PluginsManager
from plugins.framework.models import PluginConfiguration
from tests.factories import ChannelFactory

SECRET = "whsec_0123456789abcdef"


class SmsPlugin(BasePlugin):
    PLUGIN_ID = "test.sms"
    PLUGIN_NAME = "SMS"
    DEFAULT_ACTIVE = False
    DEFAULT_CONFIGURATION = [
        {"name": "sender", "value": "HAAT"},
        {"name": "api_key", "value": ""},
        {"name": "sandbox", "value": True},
        {"name": "footer", "value": ""},
    ]
    CONFIG_STRUCTURE = {
        "sender": {"type": ConfigurationTypeField.STRING, "label": "Sender"},
        "api_key": {
            "type": ConfigurationTypeField.SECRET,
            "label": "API key",
            "help_text": "From the SMS gateway's panel.",
        },
        "sandbox": {"type": ConfigurationTypeField.BOOLEAN, "label": "Sandbox"},
        "footer": {"type": ConfigurationTypeField.MULTILINE},
    }

    @classmethod
    def validate_plugin_configuration(cls, configuration, *, active):
        if active and not configuration["api_key"]:
            raise ValidationError(
                {
                    "api_key": ValidationError(
                        "Needs an API key.", code=PluginErrorCode.PLUGIN_MISCONFIGURED
                    )
                }
            )


class ChannelShippingPlugin(BasePlugin):
    PLUGIN_ID = "test.channel-shipping"
    PLUGIN_NAME = "Channel shipping"
    CONFIGURATION_PER_CHANNEL = True
    DEFAULT_CONFIGURATION = [{"name": "zone", "value": "dhaka"}]


PLUGIN_CLASSES = [SmsPlugin, ChannelShippingPlugin]


def _update(**kwargs) -> PluginConfiguration:
    arguments = {"channel": None, "active": None, "configuration": None}
    arguments.update(kwargs)
    return update_plugin_configuration(plugin_classes=PLUGIN_CLASSES, **arguments)


def _codes(error: ValidationError) -> list[tuple[str, str]]:
    return [(field, str(item.code)) for field, items in error.error_dict.items() for item in items]


def _stored(plugin_id: str = "test.sms") -> dict:
    row = PluginConfiguration.objects.get(identifier=plugin_id)
    return {item["name"]: item["value"] for item in row.configuration}


@pytest.mark.django_db
def test_first_update_creates_the_row_and_stores_typed_values():
    # when
    row = _update(
        plugin_id="test.sms",
        active=True,
        configuration=[
            {"name": "api_key", "value": SECRET},
            {"name": "sandbox", "value": "false"},
            {"name": "sender", "value": "HAATBD"},
        ],
    )

    # then
    assert PluginConfiguration.objects.count() == 1
    assert (row.identifier, row.channel, row.active) == ("test.sms", None, True)
    stored = _stored()
    assert stored["sandbox"] is False
    assert stored["sender"] == "HAATBD"
    assert stored["api_key"].startswith("fernet:")
    plugin = PluginsManager(plugin_classes=PLUGIN_CLASSES).get_plugin("test.sms")
    assert plugin.config == {
        "sender": "HAATBD",
        "api_key": SECRET,
        "sandbox": False,
        "footer": "",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("given", "expected"), [("true", True), ("False", False), (True, True), (False, False)]
)
def test_boolean_fields_accept_true_and_false(given, expected):
    # when
    _update(plugin_id="test.sms", configuration=[{"name": "sandbox", "value": given}])

    # then
    assert _stored()["sandbox"] is expected


@pytest.mark.django_db
def test_a_second_update_changes_the_same_row_and_keeps_what_it_omits():
    # given
    first = _update(
        plugin_id="test.sms",
        active=True,
        configuration=[{"name": "api_key", "value": SECRET}, {"name": "sender", "value": "A"}],
    )
    encrypted = _stored()["api_key"]

    # when only the sender changes and active is not given
    second = _update(plugin_id="test.sms", configuration=[{"name": "sender", "value": "B"}])

    # then
    assert second.pk == first.pk
    assert PluginConfiguration.objects.count() == 1
    assert second.active is True
    assert _stored() == {"api_key": encrypted, "sender": "B"}


@pytest.mark.django_db
def test_an_empty_string_clears_a_secret():
    # given
    _update(plugin_id="test.sms", configuration=[{"name": "api_key", "value": SECRET}])

    # when
    _update(plugin_id="test.sms", configuration=[{"name": "api_key", "value": ""}])

    # then
    assert _stored()["api_key"] == ""


@pytest.mark.django_db
def test_per_channel_plugin_is_stored_per_channel():
    # given
    bd = ChannelFactory(slug="bd")
    export = ChannelFactory(slug="export", name="Export", currency_code="USD")

    # when
    _update(
        plugin_id="test.channel-shipping",
        channel=bd,
        active=True,
        configuration=[{"name": "zone", "value": "sylhet"}],
    )
    _update(plugin_id="test.channel-shipping", channel=export, active=False)

    # then
    rows = PluginConfiguration.objects.order_by("channel__slug")
    assert [(r.channel.slug, r.active, r.configuration) for r in rows] == [
        ("bd", True, [{"name": "zone", "value": "sylhet"}]),
        ("export", False, []),
    ]


def _assert_rejected(expected: list[tuple[str, str]], **kwargs) -> None:
    before = list(PluginConfiguration.objects.values())
    with pytest.raises(ValidationError) as caught:
        _update(**kwargs)
    assert _codes(caught.value) == expected
    assert list(PluginConfiguration.objects.values()) == before


@pytest.mark.django_db
def test_unknown_plugin_is_not_found():
    _assert_rejected([("id", PluginErrorCode.NOT_FOUND)], plugin_id="test.nope", active=True)


@pytest.mark.django_db
def test_global_plugin_with_a_channel_is_invalid():
    _assert_rejected(
        [("id", PluginErrorCode.INVALID)],
        plugin_id="test.sms",
        channel=ChannelFactory(slug="bd"),
        active=True,
    )


@pytest.mark.django_db
def test_per_channel_plugin_without_a_channel_is_not_found_as_in_saleor():
    _assert_rejected(
        [("id", PluginErrorCode.NOT_FOUND)], plugin_id="test.channel-shipping", active=True
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "configuration",
    [
        [{"name": "no_such_field", "value": "x"}],
        [{"name": "sandbox", "value": "maybe"}],
        [{"name": "sender", "value": "A"}, {"name": "sender", "value": "B"}],
    ],
    ids=["unknown field", "not a boolean", "twice"],
)
def test_bad_configuration_is_invalid_and_changes_nothing(configuration):
    # given a stored configuration
    _update(plugin_id="test.sms", configuration=[{"name": "sender", "value": "KEEP"}])

    # when / then
    _assert_rejected(
        [("configuration", PluginErrorCode.INVALID)],
        plugin_id="test.sms",
        active=True,
        configuration=configuration,
    )


@pytest.mark.django_db
def test_the_plugin_can_refuse_a_configuration_and_nothing_is_stored():
    # when activated without its API key: the plugin's own check refuses
    _assert_rejected(
        [("api_key", PluginErrorCode.PLUGIN_MISCONFIGURED)], plugin_id="test.sms", active=True
    )

    # then no row was left behind by the upsert
    assert PluginConfiguration.objects.count() == 0


@pytest.mark.django_db
def test_the_plugin_check_sees_stored_secrets_merged_with_the_change():
    # given the key stored while inactive
    _update(plugin_id="test.sms", configuration=[{"name": "api_key", "value": SECRET}])

    # when activated without repeating the key
    row = _update(plugin_id="test.sms", active=True)

    # then the check saw the stored (decrypted) key
    assert row.active is True


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_updates_make_one_row_and_lose_no_field():
    # given two administrators saving different fields of a plugin with no row yet
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def save(name: str, value: str) -> None:
        try:
            barrier.wait()
            _update(plugin_id="test.sms", configuration=[{"name": name, "value": value}])
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=("sender", "FROM-A")),
        threading.Thread(target=save, args=("footer", "from B")),
    ]

    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then one row holds both changes
    assert errors == []
    assert PluginConfiguration.objects.count() == 1
    assert _stored() == {"sender": "FROM-A", "footer": "from B"}


# --- masking -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("secret", "shown"),
    [
        (None, None),
        ("", None),
        ("abc", "****"),
        ("short-secret", "cret"),  # 12 characters: the last 4 show, as in Saleor
        ("eleven-char", "****"),
        (SECRET, "cdef"),
    ],
)
def test_mask_secret(secret, shown):
    assert mask_secret(secret) == shown


def test_masked_configuration_lists_every_field_with_secrets_masked():
    # given a stored configuration with an encrypted secret and a plain boolean
    stored = [
        {"name": "api_key", "value": encrypt_secret(SECRET)},
        {"name": "sandbox", "value": False},
        {"name": "gone", "value": "x"},
    ]

    # when
    items = masked_configuration(SmsPlugin, stored)

    # then defaults fill the rest, the secret shows its last 4 characters only
    assert items == [
        {
            "name": "sender",
            "value": "HAAT",
            "type": ConfigurationTypeField.STRING,
            "label": "Sender",
            "help_text": None,
        },
        {
            "name": "api_key",
            "value": "cdef",
            "type": ConfigurationTypeField.SECRET,
            "label": "API key",
            "help_text": "From the SMS gateway's panel.",
        },
        {
            "name": "sandbox",
            "value": "false",
            "type": ConfigurationTypeField.BOOLEAN,
            "label": "Sandbox",
            "help_text": None,
        },
        {
            "name": "footer",
            "value": "",
            "type": ConfigurationTypeField.MULTILINE,
            "label": None,
            "help_text": None,
        },
    ]


def test_masked_configuration_of_plain_secrets_masks_too():
    # given a plugin's own (decrypted) configuration
    items = masked_configuration(SmsPlugin, [{"name": "api_key", "value": SECRET}])

    # then
    assert next(i["value"] for i in items if i["name"] == "api_key") == "cdef"
