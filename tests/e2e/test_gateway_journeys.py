"""The demo's journey paid with every gateway through its simulator, over HTTP: a real Haat on
loopback, the simulators `make demo` starts, the gateways turned on as `rundemo` turns them
on, and for each gateway a guest who fills a cart, starts the payment, visits the simulated
payment page in a browser and presses Pay (or, for agent banking, the bank agent records the
cash deposit), comes back to the storefront, has Haat confirm the payment with the gateway and
places the order, paid. Cash is paid at the counter after the order is placed.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

from backend.channels.models import Channel
from backend.core.permissions import PermissionEnum
from backend.demo.payments import configure_gateways, start_simulators
from plugins.framework.simulated_customer import SimulatedCustomer
from tests.conftest import grant
from tests.e2e import test_storefront_journey as storefront_journey
from tests.e2e.test_payment_journey import COMPLETE, PROCESS, Staff, _deliver_cheapest
from tests.e2e.test_storefront_journey import Storefront, _fill_cart, _give_address
from tests.factories import UserFactory

# PostgreSQL: localstripe's webhooks may reach the live server after the test, and SQLite's
# single writer would then lock the next test's flush.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

demo = storefront_journey.demo  # the demo's data, built by the demo's own commands

STOREFRONT = "http://127.0.0.1:3000"
RETURN_URL = f"{STOREFRONT}/checkout/payment-return"
REDIRECT_GATEWAYS = (
    "haat.payments.bkash",
    "haat.payments.sslcommerz",
    "haat.payments.nagad",
    "haat.payments.ekpay",
    "haat.payments.stripe",
)
INITIALIZE = """
mutation ($id: ID!, $gateway: PaymentGatewayToInitialize!) {
  transactionInitialize(id: $id, paymentGateway: $gateway) {
    transaction { id } transactionEvent { type } data
    errors { field code message }
  }
}
"""
OFFERED = """
query ($id: ID!) {
  checkout(id: $id) { totalPrice { gross { amount } } availablePaymentGateways { id } }
}
"""
MARK_AS_PAID = """
mutation ($id: ID!, $reference: String) {
  orderMarkAsPaid(id: $id, transactionReference: $reference) {
    order { chargeStatus isPaid } errors { field code }
  }
}
"""


@pytest.fixture
def gateways(demo, live_server, settings):
    """Every simulator running and every gateway on in the demo channel, which takes only paid
    orders; gateways call back the live Haat; the storefront's origin may be returned to."""
    settings.PUBLIC_URL = live_server.url
    settings.PAYMENTS_ALLOW_DUMMY_GATEWAY = True
    settings.CORS_ALLOWED_ORIGINS = [STOREFRONT]
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    channel.allow_unpaid_orders = False
    channel.save(update_fields=["allow_unpaid_orders"])
    running = start_simulators(channel.slug)
    try:
        configure_gateways(channel, running)
        yield running
    finally:
        running.stop()


def _ready_checkout(shop: Storefront) -> tuple[str, float]:
    checkout_id = _fill_cart(shop, settings.DEFAULT_CHANNEL_SLUG)
    _deliver_cheapest(shop, checkout_id, _give_address(shop, checkout_id))
    checkout = shop.run(OFFERED, {"id": checkout_id})["checkout"]
    return checkout_id, checkout["totalPrice"]["gross"]["amount"]


def _start(shop: Storefront, checkout_id: str, gateway: str, data: dict[str, Any]) -> dict:
    started = shop.run(INITIALIZE, {"id": checkout_id, "gateway": {"id": gateway, "data": data}})[
        "transactionInitialize"
    ]
    assert started["errors"] == [], started["errors"]
    assert started["transactionEvent"]["type"] == "CHARGE_ACTION_REQUIRED"
    return started


def _process_and_complete(
    shop: Storefront, checkout_id: str, transaction_id: str, data: Any, total: float
) -> dict:
    processed = shop.run(PROCESS, {"id": transaction_id, "data": data})["transactionProcess"]
    assert processed["errors"] == [], processed["errors"]
    assert processed["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert processed["transaction"]["chargedAmount"]["amount"] == total
    completed = shop.run(COMPLETE, {"id": checkout_id})["checkoutComplete"]
    assert completed["errors"] == [], completed["errors"]
    return completed["order"]


def test_the_demo_journey_is_paid_with_every_gateway(live_server, gateways):
    shop = Storefront(live_server.url)
    offered = {
        gateway["id"]
        for gateway in shop.run(OFFERED, {"id": _ready_checkout(shop)[0]})["checkout"][
            "availablePaymentGateways"
        ]
    }
    assert set(REDIRECT_GATEWAYS) | {"haat.payments.agent-banking"} <= offered

    # the redirect gateways: the customer pays on the gateway's page and comes back
    for gateway in REDIRECT_GATEWAYS:
        checkout_id, total = _ready_checkout(shop)
        started = _start(shop, checkout_id, gateway, {"returnUrl": RETURN_URL})
        customer = SimulatedCustomer(stop_at=(STOREFRONT,))
        try:
            page = customer.open(started["data"]["redirectUrl"])
            assert not isinstance(page, str), f"{gateway}: no payment page"
            back = customer.press(page, "Pay")
        finally:
            customer.close()
        assert isinstance(back, str) and back.startswith(RETURN_URL), f"{gateway}: {back!r}"
        token = parse_qs(urlsplit(back).query)["transaction"][0]
        assert token, gateway
        order = _process_and_complete(shop, checkout_id, started["transaction"]["id"], None, total)
        assert (order["chargeStatus"], order["isPaid"]) == ("FULL", True), gateway

    # agent banking: the customer pays cash at the bank agent, who records the deposit
    checkout_id, total = _ready_checkout(shop)
    started = _start(shop, checkout_id, "haat.payments.agent-banking", {})
    reference = started["data"]["depositReference"]
    bank = gateways.simulators["haat.payments.agent-banking"]
    agent = SimulatedCustomer()
    try:
        screen = agent.open(f"{bank.base_url}/agent/deposits/{reference}")
        assert not isinstance(screen, str)
        agent.press(screen, "Record deposit")
    finally:
        agent.close()
    order = _process_and_complete(
        shop, checkout_id, started["transaction"]["id"], {"depositReference": reference}, total
    )
    assert (order["chargeStatus"], order["isPaid"]) == ("FULL", True)

    # cash: the order is placed unpaid (the channel now takes unpaid orders) and the
    # entrepreneur's counter records the cash with its receipt
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    channel.allow_unpaid_orders = True
    channel.save(update_fields=["allow_unpaid_orders"])
    checkout_id, total = _ready_checkout(shop)
    started = _start(shop, checkout_id, "haat.payments.cash", {})
    completed = shop.run(COMPLETE, {"id": checkout_id})["checkoutComplete"]
    assert completed["errors"] == []
    assert completed["order"]["chargeStatus"] == "NONE"
    cashier = UserFactory(is_staff=True, email="counter@haat.test", phone=None)
    grant(cashier, PermissionEnum.MANAGE_ORDERS)
    staff = Staff(live_server.url, "counter@haat.test", "password-123")
    paid = staff.run(MARK_AS_PAID, {"id": completed["order"]["id"], "reference": "RCPT-1"})[
        "orderMarkAsPaid"
    ]
    assert paid["errors"] == []
    assert (paid["order"]["chargeStatus"], paid["order"]["isPaid"]) == ("FULL", True)
