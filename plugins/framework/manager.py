"""`PluginsManager`: loads the registered plugins and chains their hooks.

One manager serves one request or one task. It reads every stored configuration the first time a
hook runs, from the shared configuration cache (`STORED_CONFIGURATIONS`: one query when the cache
has none, none otherwise; a write to the rows or to a channel invalidates it), builds plugin
instances per channel as channels are asked for, and keeps, per channel and hook, the list of
plugins that implement it, so a hook call costs a dictionary lookup and the plugin calls
themselves.

Plugins are registered by dotted path in the `PLUGINS` setting and by the `haat.plugins` entry
point group, so a package can ship a plugin without a change to Haat.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import cache
from importlib import import_module
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from django.conf import settings

from backend.core.config_cache import ConfigCache

from .base import EVENT_HOOKS, BasePlugin, ConfigItem, implements
from .crypto import decrypt_secret

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from .interface import (
        DeliveryRequest,
        PaymentGatewayData,
        ShippingMethodData,
        TransactionSessionData,
        TransactionSessionResult,
    )

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "haat.plugins"


def _import_class(path: str) -> type[BasePlugin]:
    module_path, _, class_name = path.rpartition(".")
    return getattr(import_module(module_path), class_name)


def discover_plugin_classes(
    paths: Sequence[str], *, use_entry_points: bool = True
) -> list[type[BasePlugin]]:
    """The setting's plugins in order, then entry points by name; the first of an id wins."""
    classes: list[type[BasePlugin]] = [_import_class(path) for path in paths]
    if use_entry_points:
        for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            try:
                loaded = entry_point.load()
            except Exception:
                # A broken third-party package must not take the shop down with it.
                logger.exception("Plugin entry point %s could not be loaded", entry_point.name)
                continue
            if not (isinstance(loaded, type) and issubclass(loaded, BasePlugin)):
                logger.error("Plugin entry point %s is not a BasePlugin", entry_point.name)
                continue
            classes.append(loaded)
    unique: dict[str, type[BasePlugin]] = {}
    for plugin_class in classes:
        if not plugin_class.PLUGIN_ID:
            raise ValueError(f"{plugin_class.__name__} has no PLUGIN_ID.")
        first = unique.setdefault(plugin_class.PLUGIN_ID, plugin_class)
        if first is not plugin_class:
            logger.warning(
                "Plugin %s.%s ignored: %s already registers PLUGIN_ID %r",
                plugin_class.__module__,
                plugin_class.__qualname__,
                f"{first.__module__}.{first.__qualname__}",
                plugin_class.PLUGIN_ID,
            )
    return list(unique.values())


@cache
def _registered(paths: tuple[str, ...], use_entry_points: bool) -> tuple[type[BasePlugin], ...]:
    return tuple(discover_plugin_classes(paths, use_entry_points=use_entry_points))


def registered_plugin_classes() -> tuple[type[BasePlugin], ...]:
    """The plugin classes this installation runs (cached per process)."""
    return _registered(tuple(settings.PLUGINS), settings.PLUGINS_ENTRY_POINTS)


def clear_registry_cache() -> None:
    """For tests that change `PLUGINS` or install an entry point."""
    _registered.cache_clear()


def merged_configuration(
    plugin_class: type[BasePlugin], stored: Iterable[ConfigItem] | None
) -> list[ConfigItem]:
    """The defaults with stored values over them, secrets decrypted; unknown names dropped."""
    values = {item["name"]: item["value"] for item in plugin_class.DEFAULT_CONFIGURATION}
    for item in stored or ():
        if item["name"] in values:
            values[item["name"]] = item["value"]
    merged: list[ConfigItem] = []
    for name, value in values.items():
        field = plugin_class.CONFIG_STRUCTURE.get(name, {})
        field_type = field.get("type")
        if field_type is not None and field_type.is_secret:
            value = decrypt_secret(value)
        merged.append({"name": name, "value": value})
    return merged


# (plugin id, channel slug or None for global) -> (active, stored configuration items)
StoredConfigurations = dict[tuple[str, str | None], tuple[bool, list[ConfigItem]]]


def _load_stored_configurations() -> StoredConfigurations:
    from .models import PluginConfiguration

    # Every row: a plugin not registered here is never asked for, and the rows are few.
    rows = PluginConfiguration.objects.values_list(
        "identifier", "channel__slug", "active", "configuration"
    )
    return {
        (identifier, channel_slug): (active, configuration)
        for identifier, channel_slug, active, configuration in rows
    }


# Read on every request that runs a hook (each checkout change). Secrets stay encrypted in it, as
# in the table. A channel's slug is part of the value, so channel writes invalidate it too.
STORED_CONFIGURATIONS = ConfigCache(
    "plugin-configurations",
    load=_load_stored_configurations,
    depends_on=("plugins.PluginConfiguration", "channels.Channel"),
)


class PluginsManager:
    """Chains hooks over the active plugins; see the module docstring."""

    def __init__(
        self,
        *,
        requestor: Any = None,
        plugin_classes: Sequence[type[BasePlugin]] | None = None,
    ) -> None:
        self.requestor = requestor
        self.plugin_classes: tuple[type[BasePlugin], ...] = (
            tuple(plugin_classes) if plugin_classes is not None else registered_plugin_classes()
        )
        self._stored: StoredConfigurations | None = None
        self._instances: dict[tuple[str, str | None], BasePlugin] = {}
        self._plugins: dict[str | None, list[BasePlugin]] = {}
        # Per (hook, channel): the bound hook methods of the active plugins that implement it.
        self._hook_methods: dict[tuple[str, str | None], tuple[Any, ...]] = {}

    def reload(self) -> None:
        """Forget loaded configuration and plugins (after a configuration change)."""
        self._stored = None
        self._instances.clear()
        self._plugins.clear()
        self._hook_methods.clear()

    # --- loading -------------------------------------------------------------------------------

    def _stored_configurations(self) -> StoredConfigurations:
        if self._stored is None:
            self._stored = STORED_CONFIGURATIONS.get()
        return self._stored

    def _instantiate(self, plugin_class: type[BasePlugin], channel_slug: str | None) -> BasePlugin:
        # A global plugin is one instance per manager, whichever channel asks for it.
        key = (plugin_class.PLUGIN_ID, channel_slug)
        plugin = self._instances.get(key)
        if plugin is None:
            stored = self._stored_configurations().get(key)
            active, configuration = stored if stored else (plugin_class.DEFAULT_ACTIVE, None)
            plugin = plugin_class(
                configuration=merged_configuration(plugin_class, configuration),
                active=active,
                channel_slug=channel_slug,
                requestor=self.requestor,
            )
            self._instances[key] = plugin
        return plugin

    def get_plugins(
        self, channel_slug: str | None = None, *, active_only: bool = True
    ) -> list[BasePlugin]:
        """Global plugins, and for a channel also the ones configured per channel, in order."""
        plugins = self._plugins.get(channel_slug)
        if plugins is None:
            plugins = [
                self._instantiate(
                    plugin_class,
                    channel_slug if plugin_class.CONFIGURATION_PER_CHANNEL else None,
                )
                for plugin_class in self.plugin_classes
                if channel_slug is not None or not plugin_class.CONFIGURATION_PER_CHANNEL
            ]
            self._plugins[channel_slug] = plugins
        if active_only:
            return [plugin for plugin in plugins if plugin.active]
        return list(plugins)

    def get_plugin(self, plugin_id: str, channel_slug: str | None = None) -> BasePlugin | None:
        for plugin in self.get_plugins(channel_slug, active_only=False):
            if plugin_id == plugin.PLUGIN_ID:
                return plugin
        return None

    def _hook_methods_for(self, hook: str, channel_slug: str | None) -> tuple[Any, ...]:
        methods = tuple(
            getattr(plugin, hook)
            for plugin in self.get_plugins(channel_slug)
            if implements(plugin, hook)
        )
        self._hook_methods[(hook, channel_slug)] = methods
        return methods

    def run_hook(
        self, hook: str, default_value: Any, *args: Any, channel_slug: str | None = None
    ) -> Any:
        """Call the hook on each active plugin in order, passing each result to the next."""
        # The hot path: one dictionary lookup, then the plugins' own calls.
        methods = self._hook_methods.get((hook, channel_slug))
        if methods is None:
            methods = self._hook_methods_for(hook, channel_slug)
        value = default_value
        for method in methods:
            value = method(*args, previous_value=value)
        return value

    def is_active(self, plugin_id: str, channel_slug: str | None = None) -> bool:
        plugin = self.get_plugin(plugin_id, channel_slug)
        return plugin is not None and plugin.active

    # --- catalogue, stock and marketplace events (global: no channel) --------------------------

    def product_created(self, product: Any) -> None:
        self.run_hook("product_created", None, product)

    def product_updated(self, product: Any) -> None:
        self.run_hook("product_updated", None, product)

    def product_deleted(self, product: Any, variant_ids: Sequence[int]) -> None:
        self.run_hook("product_deleted", None, product, list(variant_ids))

    def product_variant_created(self, variant: Any) -> None:
        self.run_hook("product_variant_created", None, variant)

    def product_variant_updated(self, variant: Any) -> None:
        self.run_hook("product_variant_updated", None, variant)

    def product_variant_deleted(self, variant: Any) -> None:
        self.run_hook("product_variant_deleted", None, variant)

    def category_created(self, category: Any) -> None:
        self.run_hook("category_created", None, category)

    def category_updated(self, category: Any) -> None:
        self.run_hook("category_updated", None, category)

    def category_deleted(self, category: Any) -> None:
        self.run_hook("category_deleted", None, category)

    def product_variant_stock_updated(self, stock: Any) -> None:
        self.run_hook("product_variant_stock_updated", None, stock)

    def product_variant_out_of_stock(self, stock: Any) -> None:
        self.run_hook("product_variant_out_of_stock", None, stock)

    def product_variant_back_in_stock(self, stock: Any) -> None:
        self.run_hook("product_variant_back_in_stock", None, stock)

    def vendor_approved(self, vendor: Any) -> None:
        self.run_hook("vendor_approved", None, vendor)

    # --- checkout and orders: per channel ------------------------------------------------------

    def checkout_created(self, checkout: Any, *, channel_slug: str | None = None) -> None:
        self.run_hook("checkout_created", None, checkout, channel_slug=channel_slug)

    def checkout_updated(self, checkout: Any, *, channel_slug: str | None = None) -> None:
        self.run_hook("checkout_updated", None, checkout, channel_slug=channel_slug)

    def order_created(self, order: Any, *, channel_slug: str | None = None) -> None:
        self.run_hook("order_created", None, order, channel_slug=channel_slug)

    def order_confirmed(self, order: Any, *, channel_slug: str | None = None) -> None:
        self.run_hook("order_confirmed", None, order, channel_slug=channel_slug)

    def order_fully_paid(self, order: Any, *, channel_slug: str | None = None) -> None:
        self.run_hook("order_fully_paid", None, order, channel_slug=channel_slug)

    def order_cancelled(self, order: Any, *, channel_slug: str | None = None) -> None:
        self.run_hook("order_cancelled", None, order, channel_slug=channel_slug)

    def order_fulfilled(self, order: Any, *, channel_slug: str | None = None) -> None:
        self.run_hook("order_fulfilled", None, order, channel_slug=channel_slug)

    def fulfillment_created(self, fulfillment: Any, *, channel_slug: str | None = None) -> None:
        self.run_hook("fulfillment_created", None, fulfillment, channel_slug=channel_slug)

    # --- shipping and payments: per channel ----------------------------------------------------

    def get_shipping_methods_for_checkout(
        self,
        request: DeliveryRequest,
        *,
        default: list[ShippingMethodData],
        channel_slug: str,
    ) -> list[ShippingMethodData]:
        """`default` (Haat's own methods) through the plugins, which may add or reprice."""
        return self.run_hook(
            "get_shipping_methods_for_checkout", list(default), request, channel_slug=channel_slug
        )

    def calculate_checkout_shipping(
        self,
        request: DeliveryRequest,
        method: ShippingMethodData,
        *,
        default: Decimal,
        channel_slug: str,
    ) -> Decimal:
        return self.run_hook(
            "calculate_checkout_shipping", default, request, method, channel_slug=channel_slug
        )

    def payment_gateway_initialize_session(
        self,
        gateway_id: str,
        amount: Decimal,
        source_object: Any,
        data: dict[str, Any] | None,
        *,
        channel_slug: str,
    ) -> PaymentGatewayData | None:
        """Only the named gateway is asked; None when it is not active here."""
        plugin = self.get_plugin(gateway_id, channel_slug)
        hook = "payment_gateway_initialize_session"
        if plugin is None or not plugin.active or not implements(plugin, hook):
            return None
        return plugin.payment_gateway_initialize_session(
            amount, source_object, data, previous_value=None
        )

    def list_payment_gateways(
        self, currency: str, source_object: Any, *, channel_slug: str
    ) -> list[PaymentGatewayData]:
        return self.run_hook(
            "list_payment_gateways", [], currency, source_object, channel_slug=channel_slug
        )

    def _transaction_hook(
        self, hook: str, session: TransactionSessionData, gateway_id: str | None
    ) -> TransactionSessionResult | None:
        if gateway_id is None:
            return self.run_hook(hook, None, session, channel_slug=session.channel_slug)
        # A transaction belongs to one gateway: only that plugin is asked.
        plugin = self.get_plugin(gateway_id, session.channel_slug)
        if plugin is None or not plugin.active or not implements(plugin, hook):
            return None
        return getattr(plugin, hook)(session, previous_value=None)

    def transaction_initialize_session(
        self, session: TransactionSessionData, *, gateway_id: str | None = None
    ) -> TransactionSessionResult | None:
        return self._transaction_hook("transaction_initialize_session", session, gateway_id)

    def transaction_process_session(
        self, session: TransactionSessionData, *, gateway_id: str | None = None
    ) -> TransactionSessionResult | None:
        return self._transaction_hook("transaction_process_session", session, gateway_id)

    def transaction_status_requested(
        self, session: TransactionSessionData, *, gateway_id: str
    ) -> list[TransactionSessionResult]:
        plugin = self.get_plugin(gateway_id, session.channel_slug)
        hook = "transaction_status_requested"
        if plugin is None or not plugin.active or not implements(plugin, hook):
            return []
        return plugin.transaction_status_requested(session, previous_value=[])

    def transaction_charge_requested(
        self, session: TransactionSessionData, *, gateway_id: str | None = None
    ) -> TransactionSessionResult | None:
        return self._transaction_hook("transaction_charge_requested", session, gateway_id)

    def transaction_refund_requested(
        self, session: TransactionSessionData, *, gateway_id: str | None = None
    ) -> TransactionSessionResult | None:
        return self._transaction_hook("transaction_refund_requested", session, gateway_id)

    def transaction_cancelation_requested(
        self, session: TransactionSessionData, *, gateway_id: str | None = None
    ) -> TransactionSessionResult | None:
        return self._transaction_hook("transaction_cancelation_requested", session, gateway_id)

    # --- notifications and incoming HTTP -------------------------------------------------------

    def notify(
        self, event: str, payload: dict[str, Any], *, channel_slug: str | None = None
    ) -> None:
        self.run_hook("notify", None, event, payload, channel_slug, channel_slug=channel_slug)

    def webhook(
        self, request: HttpRequest, plugin_id: str, path: str, *, channel_slug: str | None = None
    ) -> HttpResponse | None:
        """Route an incoming request to one active plugin; None when there is no such plugin."""
        plugin = self.get_plugin(plugin_id, channel_slug)
        if plugin is None or not plugin.active or not implements(plugin, "webhook"):
            return None
        return plugin.webhook(request, path, previous_value=None)


def get_plugins_manager(*, requestor: Any = None) -> PluginsManager:
    """A new manager: one per request or task (configuration is read once per manager, from the
    shared cache)."""
    return PluginsManager(requestor=requestor)


__all__ = [
    "EVENT_HOOKS",
    "PluginsManager",
    "clear_registry_cache",
    "discover_plugin_classes",
    "get_plugins_manager",
    "merged_configuration",
    "registered_plugin_classes",
]
