"""PluginsManager: chaining, skipping, per-channel configuration, stored over defaults."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plugins.framework.base import BasePlugin
from plugins.framework.interface import (
    DeliveryRequest,
    ParcelData,
    ShippingMethodData,
    TransactionSessionData,
    TransactionSessionResult,
)
from plugins.framework.manager import PluginsManager, get_plugins_manager
from plugins.framework.models import PluginConfiguration
from tests.factories import ChannelFactory

pytestmark = pytest.mark.django_db

# What the shipping test plugins saw, in call order (`_shipping` empties it).
SEEN: list[tuple[str, Decimal]] = []
REQUEST = DeliveryRequest(
    channel_slug="bd",
    currency="BDT",
    destination_district_id=1,
    parcels=(
        ParcelData(vendor_id=1, origin_district_id=2, weight=Decimal(1), subtotal=Decimal(9)),
    ),
)
POST = ShippingMethodData(id="post", name="Post", price=Decimal(10))


class AddFivePlugin(BasePlugin):
    PLUGIN_ID = "test.add-five"
    PLUGIN_NAME = "Add five"
    DEFAULT_ACTIVE = True

    def calculate_checkout_shipping(self, request, method, previous_value):
        assert (request, method) == (REQUEST, POST)
        SEEN.append((self.PLUGIN_ID, previous_value))
        return previous_value + Decimal(5)


class SilentPlugin(BasePlugin):
    """Implements no hook: values pass it unchanged."""

    PLUGIN_ID = "test.silent"
    PLUGIN_NAME = "Silent"
    DEFAULT_ACTIVE = True


class DoublePlugin(BasePlugin):
    PLUGIN_ID = "test.double"
    PLUGIN_NAME = "Double"
    DEFAULT_ACTIVE = True

    def calculate_checkout_shipping(self, request, method, previous_value):
        assert (request, method) == (REQUEST, POST)
        SEEN.append((self.PLUGIN_ID, previous_value))
        return previous_value * 2


class GreetingPlugin(BasePlugin):
    """Configured per channel; off unless a channel switches it on."""

    PLUGIN_ID = "test.greeting"
    PLUGIN_NAME = "Greeting"
    DEFAULT_ACTIVE = False
    CONFIGURATION_PER_CHANNEL = True
    DEFAULT_CONFIGURATION = [
        {"name": "greeting", "value": "hello"},
        {"name": "signature", "value": "Haat"},
    ]

    def notify(self, event, payload, channel_slug, previous_value):
        payload["seen"].append(f"{self.config['greeting']} {channel_slug}")
        return previous_value


class AuditPlugin(BasePlugin):
    """Global: runs for every channel and for calls without one."""

    PLUGIN_ID = "test.audit"
    PLUGIN_NAME = "Audit"
    DEFAULT_ACTIVE = True

    def notify(self, event, payload, channel_slug, previous_value):
        payload["seen"].append(f"audit {channel_slug}")
        return previous_value


def _shipping(manager: PluginsManager) -> tuple[Decimal, list]:
    SEEN.clear()
    price = manager.calculate_checkout_shipping(
        REQUEST, POST, default=Decimal(10), channel_slug="bd"
    )
    return price, list(SEEN)


def test_hooks_chain_in_registration_order_passing_previous_value():
    # given add-five, silent and double, in that order
    manager = PluginsManager(plugin_classes=[AddFivePlugin, SilentPlugin, DoublePlugin])

    # when
    price, calls = _shipping(manager)

    # then each plugin got the previous one's result: (10 + 5) * 2
    assert price == Decimal(30)
    assert calls == [("test.add-five", Decimal(10)), ("test.double", Decimal(15))]


def test_the_order_of_registration_is_the_order_of_the_chain():
    # given the same plugins, double first
    manager = PluginsManager(plugin_classes=[DoublePlugin, SilentPlugin, AddFivePlugin])

    # when
    price, calls = _shipping(manager)

    # then 10 * 2 + 5
    assert price == Decimal(25)
    assert calls == [("test.double", Decimal(10)), ("test.add-five", Decimal(20))]


def test_a_plugin_without_the_hook_leaves_the_value_unchanged():
    # given only a plugin that implements nothing
    manager = PluginsManager(plugin_classes=[SilentPlugin])

    # when
    price, calls = _shipping(manager)

    # then the default comes back as it went in
    assert price == Decimal(10)
    assert calls == []


def test_an_inactive_plugin_is_skipped():
    # given add-five switched off in the database
    PluginConfiguration.objects.create(identifier=AddFivePlugin.PLUGIN_ID, active=False)
    manager = PluginsManager(plugin_classes=[AddFivePlugin, DoublePlugin])

    # when
    price, calls = _shipping(manager)

    # then only double ran
    assert price == Decimal(20)
    assert calls == [("test.double", Decimal(10))]


def test_plugins_from_the_setting_are_what_get_plugins_manager_runs(install_plugins):
    # given the PLUGINS setting names two plugins
    install_plugins(DoublePlugin, AddFivePlugin)

    # when
    price, calls = _shipping(get_plugins_manager())

    # then both ran, in the setting's order
    assert price == Decimal(25)
    assert [plugin_id for plugin_id, _ in calls] == ["test.double", "test.add-five"]


def test_per_channel_configuration_and_global_plugins():
    # given two channels: greeting is on in one with its own text, off in the other
    bd = ChannelFactory(slug="bd")
    export = ChannelFactory(slug="export", name="Export", currency_code="USD")
    PluginConfiguration.objects.create(
        identifier=GreetingPlugin.PLUGIN_ID,
        channel=bd,
        active=True,
        configuration=[{"name": "greeting", "value": "salam"}],
    )
    PluginConfiguration.objects.create(
        identifier=GreetingPlugin.PLUGIN_ID,
        channel=export,
        active=False,
        configuration=[{"name": "greeting", "value": "hi"}],
    )
    manager = PluginsManager(plugin_classes=[AuditPlugin, GreetingPlugin])

    # when
    in_bd, in_export, without_channel = {"seen": []}, {"seen": []}, {"seen": []}
    manager.notify("order_created", in_bd, channel_slug="bd")
    manager.notify("order_created", in_export, channel_slug="export")
    manager.notify("order_created", without_channel)

    # then the global plugin runs everywhere, the per-channel one only where it is active
    assert in_bd["seen"] == ["audit bd", "salam bd"]
    assert in_export["seen"] == ["audit export"]
    assert without_channel["seen"] == ["audit None"]
    assert [p.PLUGIN_ID for p in manager.get_plugins("bd")] == ["test.audit", "test.greeting"]
    assert [p.PLUGIN_ID for p in manager.get_plugins("export")] == ["test.audit"]
    assert [p.PLUGIN_ID for p in manager.get_plugins(None, active_only=False)] == ["test.audit"]
    assert manager.get_plugin("test.greeting", "export").config["greeting"] == "hi"
    assert manager.get_plugin("test.greeting", "bd").channel_slug == "bd"


def test_a_global_plugin_is_one_instance_whichever_channel_asks():
    # given
    manager = PluginsManager(plugin_classes=[AuditPlugin, GreetingPlugin])

    # when
    from_bd = manager.get_plugin("test.audit", "bd")
    from_export = manager.get_plugin("test.audit", "export")
    global_one = manager.get_plugin("test.audit")

    # then
    assert from_bd is from_export is global_one
    assert global_one.channel_slug is None


def test_stored_configuration_over_defaults_unknown_names_ignored():
    # given a stored value for one field and one for a field the plugin no longer has
    channel = ChannelFactory(slug="bd")
    PluginConfiguration.objects.create(
        identifier=GreetingPlugin.PLUGIN_ID,
        channel=channel,
        active=True,
        configuration=[
            {"name": "greeting", "value": "nomoskar"},
            {"name": "removed_field", "value": "x"},
        ],
    )
    manager = PluginsManager(plugin_classes=[GreetingPlugin])

    # when
    plugin = manager.get_plugin("test.greeting", "bd")

    # then the stored value wins, the default fills the rest, the unknown name is dropped
    assert plugin.configuration == [
        {"name": "greeting", "value": "nomoskar"},
        {"name": "signature", "value": "Haat"},
    ]
    assert plugin.config == {"greeting": "nomoskar", "signature": "Haat"}


def test_a_channel_without_stored_configuration_gets_the_defaults():
    # given nothing stored
    manager = PluginsManager(plugin_classes=[GreetingPlugin])

    # when
    plugin = manager.get_plugin("test.greeting", "bd")

    # then
    assert plugin.active is False
    assert plugin.config == {"greeting": "hello", "signature": "Haat"}


def test_configuration_is_read_once_and_hook_calls_touch_no_database(
    django_assert_num_queries,
):
    # given
    manager = PluginsManager(plugin_classes=[AddFivePlugin, DoublePlugin, AuditPlugin])

    # when the first hook call loads the configuration
    with django_assert_num_queries(1):
        _shipping(manager)

    # then later calls, in any channel, query nothing
    with django_assert_num_queries(0):
        for _ in range(3):
            _shipping(manager)
        manager.notify("order_created", {"seen": []}, channel_slug="export")
        manager.notify("order_created", {"seen": []})


def test_reload_reads_changed_configuration():
    # given a manager that has run once
    manager = PluginsManager(plugin_classes=[AddFivePlugin])
    assert _shipping(manager)[0] == Decimal(15)
    PluginConfiguration.objects.create(identifier=AddFivePlugin.PLUGIN_ID, active=False)

    # when
    manager.reload()

    # then
    assert _shipping(manager)[0] == Decimal(10)


# --- transactions belong to one gateway ------------------------------------------------------


class _Gateway(BasePlugin):
    DEFAULT_ACTIVE = True

    def transaction_initialize_session(self, transaction_session, previous_value):
        transaction_session.data["asked"].append(self.PLUGIN_ID)
        return TransactionSessionResult(
            result="CHARGE_SUCCESS", amount=transaction_session.amount, psp_reference=self.PLUGIN_ID
        )

    def transaction_refund_requested(self, transaction_session, previous_value):
        transaction_session.data["asked"].append(self.PLUGIN_ID)
        return TransactionSessionResult(result="REFUND_SUCCESS", amount=transaction_session.amount)


class BkashGateway(_Gateway):
    PLUGIN_ID = "test.bkash"


class NagadGateway(_Gateway):
    PLUGIN_ID = "test.nagad"


class SleepingGateway(_Gateway):
    PLUGIN_ID = "test.sleeping"
    DEFAULT_ACTIVE = False


def _session() -> TransactionSessionData:
    return TransactionSessionData(
        transaction_id="t-1",
        action="CHARGE",
        amount=Decimal("250.00"),
        channel_slug="bd",
        data={"asked": []},
    )


def test_transaction_hooks_with_a_gateway_id_ask_only_that_gateway():
    # given two active gateways
    manager = PluginsManager(plugin_classes=[BkashGateway, NagadGateway])
    session = _session()

    # when
    result = manager.transaction_initialize_session(session, gateway_id="test.nagad")

    # then
    assert session.data["asked"] == ["test.nagad"]
    assert result == TransactionSessionResult(
        result="CHARGE_SUCCESS", amount=Decimal("250.00"), psp_reference="test.nagad"
    )


def test_transaction_refund_with_a_gateway_id_asks_only_that_gateway():
    # given
    manager = PluginsManager(plugin_classes=[BkashGateway, NagadGateway])
    session = _session()

    # when
    result = manager.transaction_refund_requested(session, gateway_id="test.bkash")

    # then
    assert session.data["asked"] == ["test.bkash"]
    assert result.result == "REFUND_SUCCESS"


def test_transaction_hooks_without_a_gateway_id_chain_every_gateway():
    # given
    manager = PluginsManager(plugin_classes=[BkashGateway, NagadGateway])
    session = _session()

    # when
    result = manager.transaction_initialize_session(session)

    # then both were asked; the last answer is the result
    assert session.data["asked"] == ["test.bkash", "test.nagad"]
    assert result.psp_reference == "test.nagad"


@pytest.mark.parametrize("gateway_id", ["test.sleeping", "test.unknown", "test.silent"])
def test_transaction_hooks_for_an_inactive_unknown_or_silent_gateway_return_none(gateway_id):
    # given
    manager = PluginsManager(plugin_classes=[BkashGateway, SleepingGateway, SilentPlugin])
    session = _session()

    # when
    result = manager.transaction_initialize_session(session, gateway_id=gateway_id)

    # then nobody was asked
    assert result is None
    assert session.data["asked"] == []


# --- shipping methods: the default list goes through the plugins ----------------------------


class CourierPlugin(BasePlugin):
    PLUGIN_ID = "test.courier"
    PLUGIN_NAME = "Courier"
    DEFAULT_ACTIVE = True

    def get_shipping_methods_for_checkout(self, request, previous_value):
        courier = ShippingMethodData(id="courier", name="Courier", price=Decimal(80))
        return [*previous_value, courier] if request.parcels else previous_value


def test_shipping_methods_start_from_the_default_and_plugins_add_theirs():
    # given a plugin that adds a courier for any request with a parcel
    manager = PluginsManager(plugin_classes=[SilentPlugin, CourierPlugin])

    # when
    methods = manager.get_shipping_methods_for_checkout(REQUEST, default=[POST], channel_slug="bd")

    # then Haat's own method comes first, the plugin's after it
    assert [method.id for method in methods] == ["post", "courier"]


def test_shipping_methods_without_plugins_are_the_default_list_copied():
    # given no plugins, and a default list
    default = [POST]

    # when
    methods = PluginsManager(plugin_classes=[]).get_shipping_methods_for_checkout(
        REQUEST, default=default, channel_slug="bd"
    )

    # then the same methods in a new list (a plugin appending cannot change the caller's)
    assert methods == [POST]
    assert methods is not default
