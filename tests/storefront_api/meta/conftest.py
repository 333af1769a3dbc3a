"""A plugin that hears the hooks metadata writes fire, installed for the request's manager."""

from __future__ import annotations

import pytest
from django.test import override_settings

from plugins.framework.base import BasePlugin
from plugins.framework.manager import clear_registry_cache


class MetadataHookRecorder(BasePlugin):
    PLUGIN_ID = "tests.metadata_recorder"
    PLUGIN_NAME = "Metadata hook recorder"
    DEFAULT_ACTIVE = True
    heard: list[tuple[str, object]] = []

    def _note(self, hook, obj, previous_value):
        MetadataHookRecorder.heard.append((hook, obj.pk))
        return previous_value

    def checkout_updated(self, checkout, previous_value):
        return self._note("checkout_updated", checkout, previous_value)

    def product_updated(self, product, previous_value):
        return self._note("product_updated", product, previous_value)

    def product_variant_updated(self, variant, previous_value):
        return self._note("product_variant_updated", variant, previous_value)

    def category_updated(self, category, previous_value):
        return self._note("category_updated", category, previous_value)


@pytest.fixture
def hook_recorder(db):
    MetadataHookRecorder.heard = []
    with override_settings(
        PLUGINS=["tests.storefront_api.meta.conftest.MetadataHookRecorder"],
        PLUGINS_ENTRY_POINTS=False,
    ):
        clear_registry_cache()
        yield MetadataHookRecorder.heard
    clear_registry_cache()
