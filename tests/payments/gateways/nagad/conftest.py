"""Nagad fixtures: key pairs made once per session, a simulator per test on a free port that
knows the test merchant's public key, the client and the plugin pointed at it, a live Haat for
the customer's return, and a customer who clicks the simulator's buttons."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import httpx
import pytest

from backend.checkout.models import Checkout
from payments.gateways.nagad import crypto
from payments.gateways.nagad.client import NagadClient
from payments.gateways.nagad.plugin import PLUGIN_ID
from payments.gateways.nagad.simulator import NagadSimulator
from payments.transactions.models import TransactionItem
from payments.transactions.sessions import (
    SessionOutcome,
    initialize_transaction,
    process_transaction,
)
from plugins.framework.manager import get_plugins_manager
from tests.payments.conftest import make_payable_checkout, source_of

PLUGIN_PATH = "payments.gateways.nagad.plugin.NagadGatewayPlugin"
MERCHANT_ID = "683099000000042"
STOREFRONT = "https://shop.haat.test"
RETURN_URL = f"{STOREFRONT}/checkout/paid?step=3"
CUSTOMER_IP = "203.0.113.7"
AMOUNT = Decimal("230.00")


@pytest.fixture(scope="session")
def merchant_key():
    return crypto.generate_private_key()


@pytest.fixture(scope="session")
def pg_key():
    return crypto.generate_private_key()


@pytest.fixture(scope="session")
def nagad_server(pg_key, merchant_key):
    simulator = NagadSimulator(
        pg_private_key=pg_key, merchants={MERCHANT_ID: crypto.public_key_pem(merchant_key)}
    )
    simulator.start()
    yield simulator
    simulator.stop()


@pytest.fixture
def nagad(nagad_server):
    """The simulator, as new: no payments, knobs, faults or recorded requests."""
    nagad_server.reset()
    yield nagad_server
    nagad_server.reset()


def make_client(simulator: NagadSimulator, merchant_key, *, timeout: float = 5.0) -> NagadClient:
    return NagadClient(
        base_url=simulator.api_base_url,
        merchant_id=MERCHANT_ID,
        merchant_private_key=merchant_key,
        nagad_public_key=crypto.load_public_key(simulator.pg_public_key_pem),
        timeout=timeout,
    )


@pytest.fixture
def nagad_client(nagad, merchant_key) -> NagadClient:
    return make_client(nagad, merchant_key)


def configuration(simulator: NagadSimulator, merchant_key, **overrides: str) -> dict[str, str]:
    return {
        "base_url": simulator.api_base_url,
        "merchant_id": MERCHANT_ID,
        "merchant_private_key": crypto.private_key_pem(merchant_key),
        "nagad_public_key": simulator.pg_public_key_pem,
        "server_ip_address": "192.0.2.10",
        "timeout_seconds": "5",
        **overrides,
    }


@pytest.fixture
def configure_nagad(enable_gateway, channel, nagad, merchant_key, settings):
    """`configure_nagad(**overrides)`: the gateway on in the channel, pointed at the simulator."""
    settings.CORS_ALLOWED_ORIGINS = [STOREFRONT]

    def configure(**overrides: str) -> str:
        enable_gateway(
            PLUGIN_PATH, PLUGIN_ID, channel, configuration(nagad, merchant_key, **overrides)
        )
        return PLUGIN_ID

    return configure


@pytest.fixture
def nagad_gateway(configure_nagad) -> str:
    return configure_nagad()


@pytest.fixture
def live_haat(live_server, settings):
    settings.PUBLIC_URL = live_server.url
    return live_server


@pytest.fixture
def shop_checkout(api_client, paid_only_channel, service_variant) -> Checkout:
    """A checkout of 230.00 ready to pay (also in transactional tests: no places needed)."""
    return make_payable_checkout(api_client, service_variant)


def start_payment(checkout: Checkout, **overrides) -> SessionOutcome:
    arguments = {
        "gateway_id": PLUGIN_ID,
        "action": None,
        "amount": None,
        "data": {"returnUrl": RETURN_URL},
        "idempotency_key": None,
        "customer_ip_address": CUSTOMER_IP,
        "requestor": None,
        "manager": get_plugins_manager(),
        **overrides,
    }
    return initialize_transaction(source=source_of(checkout), **arguments)


def process(checkout: Checkout, item: TransactionItem) -> SessionOutcome:
    return process_transaction(
        item=TransactionItem.objects.get(pk=item.pk),
        source=source_of(checkout),
        data=None,
        customer_ip_address=None,
        requestor=None,
        manager=get_plugins_manager(),
    )


class Customer:
    """A browser: opens Nagad's page, presses a button, follows Nagad to Haat's return route."""

    def __init__(self) -> None:
        self.http = httpx.Client(timeout=30, follow_redirects=False)

    def press(self, page_url: str, button: str) -> httpx.Response:
        """Nagad's redirect to the merchant's callback after pressing `button`."""
        page = self.http.get(page_url)
        assert page.status_code == 200, page.text
        match = re.search(
            rf'<form method="post" action="([^"]+)"><button>{button}</button>', page.text
        )
        assert match, page.text
        pressed = self.http.post(html.unescape(match.group(1)))
        assert pressed.status_code == 302, pressed.text
        return pressed

    def pay(self, page_url: str, button: str = "Pay") -> httpx.Response:
        """Haat's answer to the callback the customer was sent to."""
        return self.http.get(self.press(page_url, button).headers["location"])


@pytest.fixture
def customer() -> Customer:
    return Customer()
