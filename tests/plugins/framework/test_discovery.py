"""Registration: the PLUGINS setting and real `haat.plugins` entry points of installed packages."""

from __future__ import annotations

import logging
import sys
import textwrap
from pathlib import Path

import pytest

from plugins.framework.base import BasePlugin
from plugins.framework.manager import get_plugins_manager, registered_plugin_classes

pytestmark = pytest.mark.django_db


class FirstPlugin(BasePlugin):
    PLUGIN_ID = "test.duplicate"
    PLUGIN_NAME = "First"
    DEFAULT_ACTIVE = True


class SecondPlugin(BasePlugin):
    PLUGIN_ID = "test.duplicate"
    PLUGIN_NAME = "Second"
    DEFAULT_ACTIVE = True


class LocalPlugin(BasePlugin):
    PLUGIN_ID = "test.local"
    PLUGIN_NAME = "Local"
    DEFAULT_ACTIVE = True


def _install_distribution(
    site: Path, monkeypatch, *, module: str, source: str, entry_points: str
) -> None:
    """A package as pip would leave it: the module and its `.dist-info` with entry points."""
    (site / f"{module}.py").write_text(textwrap.dedent(source))
    dist_info = site / f"{module}-0.1.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: 0.1\n"
    )
    (dist_info / "entry_points.txt").write_text(textwrap.dedent(entry_points))
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delitem(sys.modules, module, raising=False)


PACKAGED_PLUGIN = """
    from plugins.framework.base import BasePlugin


    class PackagedPlugin(BasePlugin):
        PLUGIN_ID = "thirdparty.packaged"
        PLUGIN_NAME = "Packaged"
        DEFAULT_ACTIVE = True

        def notify(self, event, payload, channel_slug, previous_value):
            payload["seen"].append(f"packaged {event}")
            return previous_value
"""


def test_a_plugin_shipped_as_a_package_is_registered_and_runs(
    tmp_path, monkeypatch, install_plugins
):
    # given an installed distribution declaring a haat.plugins entry point
    _install_distribution(
        tmp_path,
        monkeypatch,
        module="haat_packaged_plugin",
        source=PACKAGED_PLUGIN,
        entry_points="""
            [haat.plugins]
            packaged = haat_packaged_plugin:PackagedPlugin
        """,
    )

    # when the registry is read with entry points on
    install_plugins(LocalPlugin, entry_points=True)
    payload = {"seen": []}
    get_plugins_manager().notify("order_created", payload)

    # then the setting's plugin comes first, the packaged one after it, and its hook ran
    ids = [plugin_class.PLUGIN_ID for plugin_class in registered_plugin_classes()]
    assert ids.index("test.local") == 0
    assert "thirdparty.packaged" in ids
    assert payload["seen"] == ["packaged order_created"]


def test_entry_points_are_ignored_when_the_setting_turns_them_off(
    tmp_path, monkeypatch, install_plugins
):
    # given the same installed package
    _install_distribution(
        tmp_path,
        monkeypatch,
        module="haat_packaged_plugin",
        source=PACKAGED_PLUGIN,
        entry_points="[haat.plugins]\npackaged = haat_packaged_plugin:PackagedPlugin\n",
    )

    # when
    install_plugins(LocalPlugin, entry_points=False)

    # then
    assert [c.PLUGIN_ID for c in registered_plugin_classes()] == ["test.local"]


def test_a_broken_entry_point_is_logged_and_skipped(tmp_path, monkeypatch, install_plugins, caplog):
    # given one entry point whose module fails to import, one that is not a plugin, one good one
    _install_distribution(
        tmp_path,
        monkeypatch,
        module="haat_mixed_plugins",
        source=PACKAGED_PLUGIN + "\n    NOT_A_PLUGIN = 42\n",
        entry_points="""
            [haat.plugins]
            broken = haat_module_that_is_not_there:Plugin
            good = haat_mixed_plugins:PackagedPlugin
            number = haat_mixed_plugins:NOT_A_PLUGIN
        """,
    )

    # when
    with caplog.at_level(logging.ERROR, logger="plugins.framework.manager"):
        install_plugins(LocalPlugin, entry_points=True)
        ids = [plugin_class.PLUGIN_ID for plugin_class in registered_plugin_classes()]

    # then the good one is registered and the others are named in the log
    assert "thirdparty.packaged" in ids
    messages = [record.getMessage() for record in caplog.records]
    assert "Plugin entry point broken could not be loaded" in messages
    assert "Plugin entry point number is not a BasePlugin" in messages


def test_duplicate_plugin_id_first_wins(install_plugins, caplog):
    # given two classes claiming the same PLUGIN_ID
    with caplog.at_level(logging.WARNING, logger="plugins.framework.manager"):
        install_plugins(FirstPlugin, SecondPlugin, LocalPlugin)
        classes = registered_plugin_classes()

    # then the first in the setting is kept and the second is reported
    assert classes == (FirstPlugin, LocalPlugin)
    assert len(caplog.records) == 1
    assert "SecondPlugin ignored" in caplog.records[0].getMessage()


def test_the_setting_wins_over_an_entry_point_with_the_same_id(
    tmp_path, monkeypatch, install_plugins
):
    # given a package that ships a plugin with a PLUGIN_ID the setting already uses
    _install_distribution(
        tmp_path,
        monkeypatch,
        module="haat_impostor_plugin",
        source="""
            from plugins.framework.base import BasePlugin


            class Impostor(BasePlugin):
                PLUGIN_ID = "test.local"
        """,
        entry_points="[haat.plugins]\nimpostor = haat_impostor_plugin:Impostor\n",
    )

    # when
    install_plugins(LocalPlugin, entry_points=True)

    # then
    local = [c for c in registered_plugin_classes() if c.PLUGIN_ID == "test.local"]
    assert local == [LocalPlugin]
