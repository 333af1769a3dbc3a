"""The plugins' stored configuration comes from the shared cache: a second manager (the next
request) reads none of it from the database, and every change is seen by the next manager."""

from __future__ import annotations

import pytest

from backend.core.config_cache import invalidate_cached_config
from plugins.framework.base import BasePlugin
from plugins.framework.configuration import update_plugin_configuration
from plugins.framework.manager import PluginsManager
from plugins.framework.models import PluginConfiguration
from tests.factories import ChannelFactory


class SwitchPlugin(BasePlugin):
    """Global, on by default, one setting."""

    PLUGIN_ID = "test.switch"
    PLUGIN_NAME = "Switch"
    DEFAULT_ACTIVE = True
    DEFAULT_CONFIGURATION = [{"name": "mode", "value": "default"}]


class ChannelSwitchPlugin(BasePlugin):
    """Configured per channel, off unless a channel switches it on."""

    PLUGIN_ID = "test.channel-switch"
    PLUGIN_NAME = "Channel switch"
    DEFAULT_ACTIVE = False
    CONFIGURATION_PER_CHANNEL = True
    DEFAULT_CONFIGURATION = [{"name": "mode", "value": "default"}]


PLUGIN_CLASSES = [SwitchPlugin, ChannelSwitchPlugin]


def _seen(channel_slug: str | None = None) -> dict[str, tuple[bool, str]]:
    """What a new manager (a new request) sees: each plugin's active flag and mode."""
    manager = PluginsManager(plugin_classes=PLUGIN_CLASSES)
    return {
        plugin.PLUGIN_ID: (plugin.active, plugin.config["mode"])
        for plugin in manager.get_plugins(channel_slug, active_only=False)
    }


def _configure(plugin_class: type[BasePlugin], *, channel=None, active=True, mode="stored"):
    update_plugin_configuration(
        plugin_id=plugin_class.PLUGIN_ID,
        channel=channel,
        active=active,
        configuration=[{"name": "mode", "value": mode}],
        plugin_classes=PLUGIN_CLASSES,
    )


@pytest.mark.django_db
def test_a_second_manager_reads_no_configuration_from_the_database(django_assert_num_queries):
    # given stored configuration, read by a first manager
    channel = ChannelFactory(slug="bd")
    _configure(SwitchPlugin, mode="first")
    _configure(ChannelSwitchPlugin, channel=channel, mode="channel")
    with django_assert_num_queries(1):
        assert _seen("bd") == {
            SwitchPlugin.PLUGIN_ID: (True, "first"),
            ChannelSwitchPlugin.PLUGIN_ID: (True, "channel"),
        }
    # when a second manager (the next request) loads its plugins
    # then it makes no query and sees the same
    with django_assert_num_queries(0):
        assert _seen("bd") == {
            SwitchPlugin.PLUGIN_ID: (True, "first"),
            ChannelSwitchPlugin.PLUGIN_ID: (True, "channel"),
        }


@pytest.mark.django_db
def test_a_configuration_change_is_seen_by_the_next_manager():
    # given the defaults, read by a manager
    assert _seen() == {SwitchPlugin.PLUGIN_ID: (True, "default")}
    # when the plugin is configured (the row is created), then changed again
    _configure(SwitchPlugin, active=True, mode="first")
    first = _seen()
    _configure(SwitchPlugin, active=False, mode="second")
    # then each new manager sees the change
    assert first == {SwitchPlugin.PLUGIN_ID: (True, "first")}
    assert _seen() == {SwitchPlugin.PLUGIN_ID: (False, "second")}


@pytest.mark.django_db
def test_a_deleted_configuration_falls_back_to_the_defaults_at_once():
    # given a stored configuration, read by a manager
    _configure(SwitchPlugin, active=False, mode="stored")
    assert _seen() == {SwitchPlugin.PLUGIN_ID: (False, "stored")}
    # when the row is deleted
    PluginConfiguration.objects.filter(identifier=SwitchPlugin.PLUGIN_ID).delete()
    # then the next manager has the defaults
    assert _seen() == {SwitchPlugin.PLUGIN_ID: (True, "default")}


@pytest.mark.django_db
def test_an_update_announced_by_its_caller_is_seen_by_the_next_manager():
    # given a stored configuration, read by a manager
    _configure(SwitchPlugin, active=True, mode="stored")
    assert _seen() == {SwitchPlugin.PLUGIN_ID: (True, "stored")}
    # when a bulk update (no save signal) switches it off and says so
    PluginConfiguration.objects.update(active=False)
    invalidate_cached_config(PluginConfiguration)
    # then the next manager sees it off
    assert _seen() == {SwitchPlugin.PLUGIN_ID: (False, "stored")}


@pytest.mark.django_db
def test_a_renamed_channel_keeps_its_configuration_for_the_next_manager():
    # given a channel's configuration, read by a manager under the channel's slug
    channel = ChannelFactory(slug="bd")
    _configure(ChannelSwitchPlugin, channel=channel, mode="channel")
    assert _seen("bd")[ChannelSwitchPlugin.PLUGIN_ID] == (True, "channel")
    # when the channel's slug changes
    channel.slug = "bangladesh"
    channel.save()
    # then the next manager finds the configuration under the new slug, none under the old
    assert _seen("bangladesh")[ChannelSwitchPlugin.PLUGIN_ID] == (True, "channel")
    assert _seen("bd")[ChannelSwitchPlugin.PLUGIN_ID] == (False, "default")


@pytest.mark.django_db(transaction=True)
def test_a_committed_change_reaches_managers_that_read_the_shared_cache(
    django_assert_num_queries,
):
    # given a committed configuration, cached by a first manager outside any transaction
    _configure(SwitchPlugin, active=True, mode="committed")
    assert _seen() == {SwitchPlugin.PLUGIN_ID: (True, "committed")}
    with django_assert_num_queries(0):
        assert _seen() == {SwitchPlugin.PLUGIN_ID: (True, "committed")}
    # when another change commits
    _configure(SwitchPlugin, active=False, mode="changed")
    # then the next manager reads it
    assert _seen() == {SwitchPlugin.PLUGIN_ID: (False, "changed")}
