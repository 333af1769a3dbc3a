"""Fixtures: the SSLCommerz simulator on a free loopback port, a client for it, and the gateway
turned on for the `bd` channel against a live Haat (SSLCommerz's callbacks need one); helpers
that play the customer's browser with httpx."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from django.utils import timezone

from backend.checkout.models import Checkout
from payments.gateways.sslcommerz.client import SslcommerzClient
from payments.gateways.sslcommerz.crypto import tran_id_for
from payments.gateways.sslcommerz.plugin import PLUGIN_ID, SslcommerzGatewayPlugin
from payments.gateways.sslcommerz.simulator import (
    STORE_ID,
    STORE_PASSWORD,
    SslcommerzSimulator,
)
from payments.transactions.actions import request_action
from payments.transactions.models import TransactionEvent, TransactionItem
from payments.transactions.pending import settle_pending_transactions
from payments.transactions.sessions import (
    SessionOutcome,
    initialize_transaction,
    process_transaction,
)
from plugins.framework.manager import get_plugins_manager
from tests.payments.conftest import make_payable_checkout, source_of

PLUGIN_PATH = "payments.gateways.sslcommerz.plugin.SslcommerzGatewayPlugin"
STOREFRONT = "https://shop.example.com"
RETURN_URL = f"{STOREFRONT}/checkout/paid?step=3"
AMOUNT = Decimal("230.00")

live = pytest.mark.django_db(transaction=True)


@pytest.fixture
def gateway() -> Iterator[SslcommerzSimulator]:
    simulator = SslcommerzSimulator()
    with simulator:
        yield simulator  # type: ignore[misc]


@pytest.fixture
def client(gateway) -> SslcommerzClient:
    return SslcommerzClient(
        base_url=gateway.base_url, store_id=STORE_ID, store_password=STORE_PASSWORD, timeout=2.0
    )


@pytest.fixture
def checkout(api_client, paid_only_channel, service_variant) -> Checkout:
    """230.00 to pay (two units of a 115.00 service), with an e-mail and a billing address.
    (No loaded geography: transactional tests flush it.)"""
    return make_payable_checkout(api_client, service_variant)


@pytest.fixture
def gateway_on(enable_gateway, channel, gateway, settings) -> SslcommerzSimulator:
    """The gateway on in the channel, pointed at the simulator (2 s timeouts)."""
    settings.CORS_ALLOWED_ORIGINS = [STOREFRONT]
    configuration = SslcommerzGatewayPlugin.demo_configuration(gateway.base_url)
    configuration["timeout_seconds"] = "2"
    enable_gateway(PLUGIN_PATH, PLUGIN_ID, channel, configuration)
    return gateway


@pytest.fixture
def sslcommerz(gateway_on, settings, live_server) -> SslcommerzSimulator:
    """The gateway on, and Haat live for the browser's return and SSLCommerz's IPN (tests
    using it are transactional: `live`)."""
    settings.PUBLIC_URL = live_server.url
    return gateway_on


def paid(checkout: Checkout, gateway: SslcommerzSimulator, *, risk_level: int = 0) -> str:
    """A checkout paid in full through SSLCommerz and processed (no callbacks): its tran_id."""
    gateway.risk_level = risk_level
    started = start(checkout)
    tran_id = tran_id_for(started.transaction.token)
    gateway.complete(tran_id)
    processed = process(checkout)
    expected = "AUTHORIZATION_SUCCESS" if risk_level else "CHARGE_SUCCESS"
    assert processed.event.type == expected, processed.event.message
    return tran_id


def configure(channel, enable_gateway, **values: str) -> None:
    enable_gateway(PLUGIN_PATH, PLUGIN_ID, channel, values)


def start(checkout: Checkout, *, return_url: str | None = RETURN_URL, **kwargs: Any):
    """transactionInitialize through SSLCommerz."""
    arguments: dict[str, Any] = {
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


def process(checkout: Checkout, data: dict | None = None) -> SessionOutcome:
    """transactionProcess for the checkout's one SSLCommerz transaction."""
    return process_transaction(
        item=TransactionItem.objects.get(app_identifier=PLUGIN_ID),
        source=source_of(checkout),
        data=data,
        customer_ip_address=None,
        requestor=None,
        manager=get_plugins_manager(),
    )


def staff_action(checkout: Checkout, action: str, amount: Decimal | None = None):
    """transactionRequestAction on the checkout's SSLCommerz transaction."""
    item = TransactionItem.objects.get(app_identifier=PLUGIN_ID)
    return request_action(
        transaction_id=item.pk,
        source_of=lambda _item: source_of(checkout),
        action=action,
        amount=amount,
        requestor=None,
        manager=get_plugins_manager(),
        channel_slug=checkout.channel.slug,
    )


def tran_id_of(outcome: SessionOutcome) -> str:
    return tran_id_for(outcome.transaction.token)


def press(outcome: SessionOutcome, button: str) -> str:
    """The customer opens the payment page and presses Pay, Fail or Cancel: the page that
    carries the result back to Haat (an auto-submitting form)."""
    page_url = outcome.data["redirectUrl"]
    page = httpx.get(page_url, timeout=5)
    assert page.status_code == 200
    assert f'value="{button}"' in page.text
    pressed = httpx.post(page_url, data={"action": button}, timeout=5)
    assert pressed.status_code == 200, pressed.text
    return pressed.text


def submit(result_page: str, **changes: str) -> httpx.Response:
    """The browser submits the result form to Haat's return route (redirects not followed)."""
    action, fields = SslcommerzSimulator.parse_form(result_page)
    return httpx.post(action, data={**fields, **changes}, timeout=10)


def charge_events(event_type: str = "CHARGE_SUCCESS") -> list[TransactionEvent]:
    return list(TransactionEvent.objects.filter(type=event_type))


def charged() -> Decimal:
    return TransactionItem.objects.get(app_identifier=PLUGIN_ID).charged_value


def settle_pending() -> int:
    """The periodic status query, run when every waiting transaction is due for its next check
    (its backoff elapsed): the outcomes it recorded."""
    TransactionItem.objects.filter(next_status_check_at__isnull=False).update(
        next_status_check_at=timezone.now()
    )
    return settle_pending_transactions(now=timezone.now() + timedelta(minutes=5))
