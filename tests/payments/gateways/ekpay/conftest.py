"""Fixtures for ekPay: the simulator on loopback, the plugin pointed at it, a live Haat for the
simulator's callbacks, and a customer who clicks through the simulator's payment page."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import httpx
import pytest

from payments.gateways.ekpay import PLUGIN_ID
from payments.gateways.ekpay.client import EkpayClient
from payments.gateways.ekpay.plugin import EkpayGatewayPlugin
from payments.gateways.ekpay.simulator import SIM_MERCHANT_ID, SIM_PASSWORD, EkpaySimulator
from payments.transactions.models import TransactionItem
from payments.transactions.sessions import initialize_transaction, process_transaction
from plugins.framework.manager import get_plugins_manager
from tests.payments.conftest import source_of

PLUGIN_PATH = "payments.gateways.ekpay.plugin.EkpayGatewayPlugin"
STOREFRONT = "https://shop.example.com"
RETURN_URL = f"{STOREFRONT}/checkout/payment-return"
AMOUNT = Decimal("230.00")  # the payable checkout's total

_FORM = re.compile(r'<form method="post" action="([^"]+)">(.*?)</form>', re.S)
_FIELD = re.compile(r'<(?:input type="hidden"|button type="submit") name="(\w+)" value="([^"]*)"')


@pytest.fixture(scope="session")
def running_simulator():
    running = EkpaySimulator().start()
    yield running
    running.stop()


@pytest.fixture
def simulator(running_simulator):
    """The simulator, as new for every test."""
    running_simulator.reset()
    yield running_simulator
    running_simulator.reset()


@pytest.fixture
def client(simulator) -> EkpayClient:
    return EkpayClient(
        base_url=simulator.api_base,
        merchant_id=SIM_MERCHANT_ID,
        password=SIM_PASSWORD,
        timeout=2.0,
    )


@pytest.fixture
def live_haat(live_server, settings):
    """Haat on a real port, reachable by the simulator; the storefront's origin allowed."""
    settings.PUBLIC_URL = live_server.url
    settings.CORS_ALLOWED_ORIGINS = [STOREFRONT]
    return live_server


@pytest.fixture
def configure_ekpay(enable_gateway, channel, simulator):
    """`configure_ekpay(**fields)`: the plugin on for the channel, pointed at the simulator."""

    def configure(**fields: str) -> None:
        configuration = EkpayGatewayPlugin.demo_configuration(simulator.base_url)
        configuration["timeout_seconds"] = "2"
        configuration.update(fields)
        enable_gateway(PLUGIN_PATH, PLUGIN_ID, channel, configuration)

    return configure


@pytest.fixture
def ekpay(configure_ekpay, simulator) -> EkpaySimulator:
    configure_ekpay()
    return simulator


def start_payment(checkout, *, return_url: str | None = RETURN_URL, **kwargs):
    """`transactionInitialize` through ekPay, as the storefront starts it."""
    arguments = {
        "gateway_id": PLUGIN_ID,
        "action": None,
        "amount": None,
        "data": {"returnUrl": return_url} if return_url else None,
        "idempotency_key": None,
        "customer_ip_address": "203.0.113.7",
        "requestor": None,
        "manager": get_plugins_manager(),
        **kwargs,
    }
    return initialize_transaction(source=source_of(checkout), **arguments)


def process(checkout, item: TransactionItem):
    """`transactionProcess`, as the storefront calls it after the customer's return."""
    return process_transaction(
        item=TransactionItem.objects.get(pk=item.pk),
        source=source_of(checkout),
        data=None,
        customer_ip_address=None,
        requestor=None,
        manager=get_plugins_manager(),
    )


class Customer:
    """A browser: opens ekPay's page, presses a button, follows redirects one at a time."""

    def __init__(self) -> None:
        self.http = httpx.Client(timeout=10.0, follow_redirects=False)

    def press(self, redirect_url: str, button: str) -> httpx.Response:
        """Open the payment page and press "Pay" or "Cancel": ekPay's redirect to Haat."""
        page = self.http.get(redirect_url)
        assert page.status_code == 200, page.text
        for action, inner in _FORM.findall(page.text):
            fields = {name: unescape(value) for name, value in _FIELD.findall(inner)}
            if fields.get("action") == button.lower():
                answer = self.http.post(httpx.URL(redirect_url).join(action), data=fields)
                assert answer.status_code == 303, answer.text
                return answer
        raise AssertionError(f"No {button!r} button on the page")

    def follow(self, response: httpx.Response) -> httpx.Response:
        return self.http.get(response.headers["location"])

    def pay(self, redirect_url: str, button: str = "pay") -> httpx.Response:
        """Press the button and come back to Haat: Haat's answer (to the storefront)."""
        return self.follow(self.press(redirect_url, button))


@pytest.fixture
def customer():
    browser = Customer()
    yield browser
    browser.http.close()
