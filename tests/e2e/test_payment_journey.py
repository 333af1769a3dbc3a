"""A paid storefront journey over HTTP, as a Saleor storefront drives the transaction flow: the
cart, the gateways on offer, the gateway's setup, a payment that needs the customer's action,
the gateway's confirmation, the order placed paid in a channel that takes no unpaid orders;
then staff refund part of it and the order's totals follow. The demo's data, the dummy gateway
(Saleor's dummy payment app) and a real server on loopback.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from backend.channels.models import Channel
from backend.core.permissions import PermissionEnum
from plugins.framework.configuration import update_plugin_configuration
from tests.conftest import grant
from tests.e2e import test_storefront_journey as storefront_journey
from tests.e2e.test_storefront_journey import Storefront, _fill_cart, _give_address
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

DUMMY = "saleor.io.dummy-payment-app"
demo = storefront_journey.demo  # the demo's data, built by the demo's own commands

GATEWAYS = """
query ($id: ID!) {
  checkout(id: $id) {
    totalPrice { gross { amount } } chargeStatus authorizeStatus
    availablePaymentGateways { id name currencies }
  }
}
"""
GATEWAY_SETUP = """
mutation ($id: ID!, $gateways: [PaymentGatewayToInitialize!]) {
  paymentGatewayInitialize(id: $id, paymentGateways: $gateways) {
    gatewayConfigs { id data errors { code } }
    errors { field code }
  }
}
"""
INITIALIZE = """
mutation ($id: ID!, $gateway: PaymentGatewayToInitialize!, $key: String) {
  transactionInitialize(id: $id, paymentGateway: $gateway, idempotencyKey: $key) {
    transaction { id chargedAmount { amount } }
    transactionEvent { type }
    data
    errors { field code message }
  }
}
"""
PROCESS = """
mutation ($id: ID!, $data: JSON) {
  transactionProcess(id: $id, data: $data) {
    transaction { id chargedAmount { amount } pspReference }
    transactionEvent { type }
    errors { field code message }
  }
}
"""
COMPLETE = """
mutation ($id: ID!) {
  checkoutComplete(id: $id) { order { id chargeStatus isPaid } errors { field code } }
}
"""
SIGN_IN = """
mutation ($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token errors { field code } }
}
"""
STAFF_ORDER = """
query ($id: ID!) {
  order(id: $id) {
    chargeStatus isPaid total { gross { amount } }
    totalCharged { amount } totalRefunded { amount } totalBalance { amount }
    transactions { id name chargedAmount { amount } events { type } }
  }
}
"""
REFUND = """
mutation ($id: ID!, $amount: PositiveDecimal!) {
  transactionRequestAction(id: $id, actionType: REFUND, amount: $amount) {
    transaction { chargedAmount { amount } refundedAmount { amount } events { type } }
    errors { field code message }
  }
}
"""


class Staff(Storefront):
    """The dashboard: signed in over HTTP, calling with its access token."""

    def __init__(self, base_url: str, email: str, password: str):
        super().__init__(base_url)
        signed_in = self.run(SIGN_IN, {"email": email, "password": password})["tokenCreate"]
        assert signed_in["errors"] == []
        self.client.headers["Authorization"] = f"Bearer {signed_in['token']}"


@pytest.fixture
def paid_only_shop(demo, settings):
    """The demo's channel taking only paid orders, with the dummy gateway turned on in it."""
    settings.PAYMENTS_ALLOW_DUMMY_GATEWAY = True
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    channel.allow_unpaid_orders = False
    channel.save(update_fields=["allow_unpaid_orders"])
    update_plugin_configuration(plugin_id=DUMMY, channel=channel, active=True, configuration=[])
    return channel


def _deliver_cheapest(shop: Storefront, checkout_id: str, checkout: dict[str, Any]) -> None:
    method = min(checkout["shippingMethods"], key=lambda m: float(m["price"]["amount"]))
    chosen = shop.operation(
        "checkout_page",
        "deliveryMethodUpdate",
        checkoutId=checkout_id,
        deliveryMethodId=method["id"],
        languageCode="BN",
    )["checkoutDeliveryMethodUpdate"]
    assert chosen["errors"] == []


def test_a_guest_pays_through_the_gateway_and_staff_refund_part(live_server, paid_only_shop):
    shop = Storefront(live_server.url)
    # the cart, addressed and with delivery chosen
    checkout_id = _fill_cart(shop, settings.DEFAULT_CHANNEL_SLUG)
    _deliver_cheapest(shop, checkout_id, _give_address(shop, checkout_id))
    checkout = shop.run(GATEWAYS, {"id": checkout_id})["checkout"]
    total = checkout["totalPrice"]["gross"]["amount"]
    assert (checkout["chargeStatus"], checkout["authorizeStatus"]) == ("NONE", "NONE")
    # the gateways on offer, and the dummy's setup for this checkout
    assert {"id": DUMMY, "name": "Dummy payment app", "currencies": ["BDT"]} in checkout[
        "availablePaymentGateways"
    ]
    setup = shop.run(GATEWAY_SETUP, {"id": checkout_id, "gateways": [{"id": DUMMY}]})[
        "paymentGatewayInitialize"
    ]
    assert setup["errors"] == []
    assert setup["gatewayConfigs"][0]["data"]["paymentMethods"] == ["dummy"]
    # unpaid, the channel does not take it
    refused = shop.run(COMPLETE, {"id": checkout_id})["checkoutComplete"]
    assert refused["order"] is None
    assert [error["code"] for error in refused["errors"]] == ["CHECKOUT_NOT_FULLY_PAID"]
    # the payment needs the customer's action (a redirect, a one-time code)...
    started = shop.run(
        INITIALIZE,
        {
            "id": checkout_id,
            "key": "journey-1",
            "gateway": {"id": DUMMY, "data": {"event": {"type": "CHARGE_ACTION_REQUIRED"}}},
        },
    )["transactionInitialize"]
    assert started["errors"] == []
    assert started["transactionEvent"]["type"] == "CHARGE_ACTION_REQUIRED"
    assert started["data"]["event"] == {"type": "CHARGE_ACTION_REQUIRED"}
    assert started["transaction"]["chargedAmount"]["amount"] == 0
    # ...and back from it, the gateway confirms the charge
    processed = shop.run(
        PROCESS,
        {"id": started["transaction"]["id"], "data": {"event": {"type": "CHARGE_SUCCESS"}}},
    )["transactionProcess"]
    assert processed["errors"] == []
    assert processed["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert processed["transaction"]["chargedAmount"]["amount"] == total
    assert processed["transaction"]["pspReference"].startswith("dummy-")
    assert shop.run(GATEWAYS, {"id": checkout_id})["checkout"]["chargeStatus"] == "FULL"
    # the order is placed paid
    completed = shop.run(COMPLETE, {"id": checkout_id})["checkoutComplete"]
    assert completed["errors"] == []
    order_id = completed["order"]["id"]
    assert (completed["order"]["chargeStatus"], completed["order"]["isPaid"]) == ("FULL", True)
    # staff see the order's transaction
    user = UserFactory(is_staff=True, email="cashier@haat.test", phone=None)
    grant(user, PermissionEnum.MANAGE_ORDERS, PermissionEnum.HANDLE_PAYMENTS)
    staff = Staff(live_server.url, "cashier@haat.test", "password-123")
    order = staff.run(STAFF_ORDER, {"id": order_id})["order"]
    assert order["chargeStatus"] == "FULL"
    assert order["totalCharged"]["amount"] == total
    [transaction] = order["transactions"]
    assert transaction["id"] == started["transaction"]["id"]
    assert transaction["events"][-1]["type"] == "CHARGE_SUCCESS"
    # and refund part of it through the gateway
    refunded = staff.run(REFUND, {"id": transaction["id"], "amount": "50.00"})[
        "transactionRequestAction"
    ]
    assert refunded["errors"] == []
    assert refunded["transaction"]["refundedAmount"]["amount"] == 50.0
    assert [event["type"] for event in refunded["transaction"]["events"]][-2:] == [
        "REFUND_REQUEST",
        "REFUND_SUCCESS",
    ]
    order = staff.run(STAFF_ORDER, {"id": order_id})["order"]
    assert order["chargeStatus"] == "PARTIAL"
    assert order["isPaid"] is False
    assert order["totalRefunded"]["amount"] == 50.0
    assert order["totalCharged"]["amount"] == pytest.approx(total - 50)
    assert order["totalBalance"]["amount"] == -50.0
