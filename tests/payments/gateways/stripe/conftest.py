"""Stripe's tests: localstripe runs once per test process; each test gets a fresh simulator in
front of it (emptied), the gateway turned on against it, and, for callbacks, a live Haat whose
webhook route is registered at the simulator."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from payments.gateways.stripe.client import StripeGatewayClient
from payments.gateways.stripe.plugin import StripeGatewayPlugin
from payments.gateways.stripe.sandbox import LocalStripeServer
from payments.gateways.stripe.simulator import SECRET_KEY, WEBHOOK_SECRET, StripeSimulator
from payments.transactions.sessions import initialize_transaction, process_transaction
from plugins.framework.manager import get_plugins_manager
from plugins.framework.views import plugin_url
from tests.payments.conftest import make_payable_checkout, source_of

STRIPE = StripeGatewayPlugin.PLUGIN_ID
PLUGIN_PATH = "payments.gateways.stripe.plugin.StripeGatewayPlugin"
STOREFRONT = "https://shop.example.com"
RETURN_URL = f"{STOREFRONT}/checkout/payment"
AMOUNT = Decimal("230.00")


@pytest.fixture(scope="session")
def localstripe():
    server = LocalStripeServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def shared_simulator(localstripe):
    simulator = StripeSimulator(localstripe_url=localstripe.base_url).start()
    yield simulator
    simulator.stop()


@pytest.fixture
def simulator(shared_simulator):
    """The simulator as new (its reset empties localstripe too)."""
    shared_simulator.reset()
    yield shared_simulator
    shared_simulator.release()


@pytest.fixture
def client(simulator):
    with StripeGatewayClient(secret_key=SECRET_KEY, api_base=simulator.base_url, timeout=5) as c:
        yield c


@pytest.fixture
def quick_client(simulator):
    """A client that gives up after 0.3 s (for hangs)."""
    with StripeGatewayClient(
        secret_key=SECRET_KEY, api_base=simulator.base_url, timeout=0.3
    ) as quick:
        yield quick


@pytest.fixture
def stripe_gateway(enable_gateway, channel, simulator, settings):
    """The gateway on in the channel, pointing at the simulator (timeouts of 0.5 s)."""
    settings.CORS_ALLOWED_ORIGINS = [STOREFRONT]
    configuration = {
        **StripeGatewayPlugin.demo_configuration(simulator.base_url),
        "timeout_seconds": "0.5",
    }
    enable_gateway(PLUGIN_PATH, STRIPE, channel, configuration)
    return STRIPE


@pytest.fixture
def live_stripe(stripe_gateway, live_server, settings, simulator, channel):
    """The gateway with Haat live: its webhook route registered at the simulator."""
    settings.PUBLIC_URL = live_server.url
    response = httpx.post(
        f"{simulator.base_url}/_config/webhooks/haat",
        json={
            "url": plugin_url(STRIPE, "ipn", channel_slug=channel.slug),
            "secret": WEBHOOK_SECRET,
        },
    )
    assert response.status_code == 200
    return simulator


@pytest.fixture
def live_checkout(api_client, paid_only_channel, service_variant):
    """A checkout of 230.00 (no places needed: transactional tests cannot keep them)."""
    return make_payable_checkout(api_client, service_variant)


def initialize(checkout, *, action=None, amount=None, idempotency_key=None):
    return initialize_transaction(
        source=source_of(checkout),
        gateway_id=STRIPE,
        action=action,
        amount=amount,
        data={"returnUrl": RETURN_URL},
        idempotency_key=idempotency_key,
        customer_ip_address="203.0.113.7",
        requestor=None,
        manager=get_plugins_manager(),
    )


def process(item, checkout):
    return process_transaction(
        item=item,
        source=source_of(checkout),
        data=None,
        customer_ip_address=None,
        requestor=None,
        manager=get_plugins_manager(),
    )
