"""Fixtures for the bKash gateway: the simulator on loopback, a client pointed at it, and a
live Haat with the gateway turned on for the `bd` channel."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx
import pytest

from payments.gateways.bkash.client import BkashClient, BkashCredentials
from payments.gateways.bkash.plugin import BkashGatewayPlugin
from payments.gateways.bkash.simulator import DEMO_CREDENTIALS, BkashSimulator, checkout_base_url
from payments.transactions.actions import request_action
from payments.transactions.sessions import initialize_transaction, process_transaction
from plugins.framework.manager import get_plugins_manager
from tests.payments.conftest import make_payable_checkout, source_of

PLUGIN_PATH = "payments.gateways.bkash.plugin.BkashGatewayPlugin"
BKASH = BkashGatewayPlugin.PLUGIN_ID
STOREFRONT = "https://shop.haat.test"
RETURN_URL = f"{STOREFRONT}/checkout/paid"


@pytest.fixture
def simulator():
    simulator = BkashSimulator(auto_notify=False).start()
    yield simulator
    simulator.stop()


def credentials_for(simulator: BkashSimulator, timeout: float = 5.0) -> BkashCredentials:
    return BkashCredentials(
        base_url=checkout_base_url(simulator.base_url), timeout=timeout, **DEMO_CREDENTIALS
    )


@pytest.fixture
def client(simulator):
    with BkashClient(credentials_for(simulator)) as client:
        yield client


@pytest.fixture
def haat(live_server, settings, simulator, enable_gateway, paid_only_channel):
    """Haat on a live server with bKash on (timeouts of 1 s), the simulator delivering its
    notifications there; the channel's slug."""
    settings.PUBLIC_URL = live_server.url
    settings.CORS_ALLOWED_ORIGINS = [STOREFRONT]
    channel = paid_only_channel
    simulator.ipn_url = f"{live_server.url}/plugins/channel/{channel.slug}/{BKASH}/ipn"
    configuration = BkashGatewayPlugin.demo_configuration(simulator.base_url)
    configuration["timeout_seconds"] = "1"
    enable_gateway(PLUGIN_PATH, BKASH, channel, configuration)
    return live_server


@pytest.fixture
def gateway(settings, simulator, enable_gateway, paid_only_channel):
    """bKash on (timeouts of 1 s) without a live Haat: for flows that need no callback."""
    settings.PUBLIC_URL = "https://haat.test"
    configuration = BkashGatewayPlugin.demo_configuration(simulator.base_url)
    configuration["timeout_seconds"] = "1"
    enable_gateway(PLUGIN_PATH, BKASH, paid_only_channel, configuration)
    return paid_only_channel


@pytest.fixture
def checkout(api_client, paid_only_channel, service_variant):
    """230.00 to pay (two services at 115.00), ready to complete once paid."""
    return make_payable_checkout(api_client, service_variant)


def initialize(checkout, *, action=None, amount=None, return_url=RETURN_URL):
    data = {"returnUrl": return_url} if return_url else None
    return initialize_transaction(
        source=source_of(checkout),
        gateway_id=BKASH,
        action=action,
        amount=amount,
        data=data,
        idempotency_key=None,
        customer_ip_address="203.0.113.7",
        requestor=None,
        manager=get_plugins_manager(),
    )


def paid_transaction(checkout, simulator, **initialize_arguments):
    """A transaction the customer paid at bKash and transactionProcess settled."""
    outcome = initialize(checkout, **initialize_arguments)
    simulator.approve(outcome.transaction.psp_reference)
    processed = process(checkout, outcome.transaction)
    assert processed.event.type in ("CHARGE_SUCCESS", "AUTHORIZATION_SUCCESS"), processed.event
    return processed.transaction


def act(checkout, item, action: str, amount=None):
    """Staff ask the gateway to charge, refund or cancel (transactionRequestAction)."""
    return request_action(
        transaction_id=item.pk,
        source_of=lambda _item: source_of(checkout),
        action=action,
        amount=amount,
        requestor=None,
        manager=get_plugins_manager(),
        channel_slug="bd",
    )


def process(checkout, item):
    item.refresh_from_db()
    return process_transaction(
        item=item,
        source=source_of(checkout),
        data=None,
        customer_ip_address=None,
        requestor=None,
        manager=get_plugins_manager(),
    )


class _Forms(HTMLParser):
    """The forms of a page: action, method, fields and the label of their button."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._in_button = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attributes.get("action"), "fields": {}, "label": ""})
        elif tag == "input" and self.forms:
            self.forms[-1]["fields"][attributes.get("name")] = attributes.get("value", "")
        elif tag == "button":
            self._in_button = True

    def handle_endtag(self, tag):
        if tag == "button":
            self._in_button = False

    def handle_data(self, data):
        if self._in_button and self.forms:
            self.forms[-1]["label"] += data.strip()


class Customer:
    """A browser: visits bKash's page, presses a button, follows redirects up to the shop."""

    def __init__(self) -> None:
        self.browser = httpx.Client(follow_redirects=False, timeout=10)

    def open(self, url: str) -> httpx.Response:
        page = self.browser.get(url)
        assert page.status_code == 200, page.text
        return page

    def press(self, page: httpx.Response, label: str) -> httpx.Response:
        """Submit the form of the button `label`; the gateway's redirect to Haat."""
        parser = _Forms()
        parser.feed(page.text)
        (form,) = [form for form in parser.forms if form["label"] == label]
        answer = self.browser.post(urljoin(str(page.url), form["action"]), data=form["fields"])
        assert answer.status_code in (302, 303), answer.text
        return answer

    def follow(self, redirect: httpx.Response) -> httpx.Response:
        """Follow a redirect once (to Haat's return route)."""
        return self.browser.get(redirect.headers["location"])

    def pay(self, redirect_url: str, label: str = "Pay") -> httpx.Response:
        """Open the payment page, press `label`, come back to Haat: Haat's answer."""
        return self.follow(self.press(self.open(redirect_url), label))

    def close(self) -> None:
        self.browser.close()


@pytest.fixture
def customer():
    customer = Customer()
    yield customer
    customer.close()


def payment_id_of(url: str) -> str:
    match = re.search(r"paymentI[dD]=([A-Z0-9]+)", url)
    assert match, url
    return match.group(1)
