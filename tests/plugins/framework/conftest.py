"""Fixtures for the plugin framework: install plugin classes as the PLUGINS setting would."""

from __future__ import annotations

import pytest

from plugins.framework.base import BasePlugin
from plugins.framework.manager import clear_registry_cache


def dotted_path(plugin_class: type[BasePlugin]) -> str:
    return f"{plugin_class.__module__}.{plugin_class.__qualname__}"


@pytest.fixture
def install_plugins(settings):
    """`install_plugins(A, B)`: the registry holds exactly these (no entry points unless asked)."""

    def install(*plugin_classes: type[BasePlugin], entry_points: bool = False) -> None:
        settings.PLUGINS = [dotted_path(plugin_class) for plugin_class in plugin_classes]
        settings.PLUGINS_ENTRY_POINTS = entry_points
        clear_registry_cache()

    yield install
    clear_registry_cache()
