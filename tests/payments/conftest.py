"""Fixtures for payments: a channel that takes only paid orders, a checkout ready to pay and
complete, the dummy gateway turned on, and a live Haat for gateways' callbacks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.checkout.models import Checkout
from payments.transactions.sources import checkout_source
from plugins.framework.configuration import update_plugin_configuration
from plugins.framework.manager import clear_registry_cache, get_plugins_manager
from tests.factories import AddressFactory, ProductTypeFactory, create_listed_product
from tests.storefront_api.checkout.conftest import create_checkout, variant_id

DUMMY = "saleor.io.dummy-payment-app"


@pytest.fixture
def paid_only_channel(channel):
    """The `bd` channel taking only orders whose payments cover them."""
    channel.allow_unpaid_orders = False
    channel.save(update_fields=["allow_unpaid_orders"])
    return channel


@pytest.fixture
def service_variant(channel):
    """An assisted service: no shipping, 115.00 a unit (VAT included)."""
    product_type = ProductTypeFactory(is_shipping_required=False)
    return create_listed_product(
        channel=channel, price=Decimal("115.00"), product_type=product_type
    ).variants.get()


def make_payable_checkout(client, variant, quantity: int = 2) -> Checkout:
    """A checkout of `quantity` units of a service with an e-mail and a billing address:
    it completes as soon as its payments cover it (230.00 for two units)."""
    created = create_checkout(
        client,
        [{"variantId": variant_id(variant), "quantity": quantity}],
        email="karim@example.com",
    )
    assert created["errors"] == [], created["errors"]
    row = Checkout.objects.get(token=created["checkout"]["token"])
    row.billing_address = AddressFactory()
    row.save(update_fields=["billing_address"])
    return row


@pytest.fixture
def payable_checkout(api_client, paid_only_channel, service_variant, bangladesh) -> Checkout:
    return make_payable_checkout(api_client, service_variant)


@pytest.fixture
def enable_gateway(settings):
    """`enable_gateway(plugin_id, channel, {"field": value})`: the gateway registered (beside
    the default plugins) and turned on for the channel with that configuration."""
    settings.PAYMENTS_ALLOW_DUMMY_GATEWAY = True

    def enable(plugin_path: str, plugin_id: str, channel, configuration: dict | None = None):
        if plugin_path not in settings.PLUGINS:
            settings.PLUGINS = [*settings.PLUGINS, plugin_path]
            clear_registry_cache()
        update_plugin_configuration(
            plugin_id=plugin_id,
            channel=channel,
            active=True,
            configuration=[
                {"name": name, "value": value} for name, value in (configuration or {}).items()
            ],
        )

    yield enable
    clear_registry_cache()


@pytest.fixture
def dummy_gateway(enable_gateway, channel):
    enable_gateway("payments.gateways.dummy.plugin.DummyGatewayPlugin", DUMMY, channel)
    return DUMMY


def source_of(checkout: Checkout):
    """The checkout as a payment sees it, read fresh."""
    fresh = Checkout.objects.select_related("channel", "billing_address").get(pk=checkout.pk)
    return checkout_source(fresh, manager=get_plugins_manager())
