"""Money under contention, on PostgreSQL with one connection per party: a gateway's answer
delivered by many requests at once credits once; refunds racing never exceed the charge; a
payment settling while the checkout completes lands on the order; two gateways paying one
checkout leave it overcharged with the excess refundable.

Each race was checked to fail without its guard (the owner and item row locks in
`owners.lock_transaction_with_owner`, the settle-once check in `events.record_event`)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from backend.checkout.complete import complete_checkout
from backend.checkout.create import create_checkout
from backend.checkout.lines import LineInput
from backend.checkout.models import Checkout
from backend.orders.models import Order
from payments.transactions.actions import request_action
from payments.transactions.models import TransactionEvent, TransactionItem
from payments.transactions.sessions import apply_gateway_result, initialize_transaction
from payments.transactions.sources import checkout_source, order_source
from plugins.framework.configuration import update_plugin_configuration
from plugins.framework.interface import TransactionSessionResult
from plugins.framework.manager import clear_registry_cache, get_plugins_manager
from tests.factories import (
    AddressFactory,
    ChannelFactory,
    ProductTypeFactory,
    create_listed_product,
)

from .parallel import pool_of, run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DUMMY = "saleor.io.dummy-payment-app"
DELIVERIES = 8
REFUNDERS = 6


@pytest.fixture
def shop(settings):
    settings.PAYMENTS_ALLOW_DUMMY_GATEWAY = True
    settings.GRAPHQL_STATEMENT_TIMEOUT_MS = 30_000
    clear_registry_cache()
    channel = ChannelFactory()
    channel.allow_unpaid_orders = False
    channel.save(update_fields=["allow_unpaid_orders"])
    update_plugin_configuration(plugin_id=DUMMY, channel=channel, active=True, configuration=[])
    service = create_listed_product(
        channel=channel,
        price=Decimal("115.00"),
        product_type=ProductTypeFactory(is_shipping_required=False),
    ).variants.get()
    yield channel, service
    clear_registry_cache()


def payable(channel, service) -> Checkout:
    token = create_checkout(
        requestor=None,
        channel_slug=channel.slug,
        lines=[LineInput(variant_id=service.pk, quantity=2)],
        email="karim@example.com",
    ).checkout.token
    checkout = Checkout.objects.get(token=token)
    checkout.billing_address = AddressFactory()
    checkout.save(update_fields=["billing_address"])
    return Checkout.objects.select_related("channel", "billing_address").get(token=token)


def start(checkout: Checkout, event_type: str, gateway: str = DUMMY) -> TransactionItem:
    manager = get_plugins_manager()
    return initialize_transaction(
        source=checkout_source(checkout, manager=manager),
        gateway_id=gateway,
        action=None,
        amount=None,
        data={"event": {"type": event_type, "includePspReference": False}},
        idempotency_key=None,
        customer_ip_address=None,
        requestor=None,
        manager=manager,
    ).transaction


def settle(item: TransactionItem, reference: str = "bkash-TRX-1"):
    result = TransactionSessionResult(
        result="CHARGE_SUCCESS", amount=Decimal("230.00"), psp_reference=reference
    )

    def deliver():
        return apply_gateway_result(item.pk, result, manager=get_plugins_manager())

    return deliver


def test_one_payment_delivered_by_eight_requests_at_once_is_credited_once(shop):
    # given a checkout waiting for its gateway's word
    checkout = payable(*shop)
    item = start(checkout, "CHARGE_ACTION_REQUIRED")

    # when the same confirmation arrives eight times at once
    with pool_of(DELIVERIES + 2):
        recorded = run_together([settle(item)] * DELIVERIES)

    # then one of them recorded it and the others found it recorded
    assert sorted(r.already_processed for r in recorded) == [False] + [True] * (DELIVERIES - 1)
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1
    assert TransactionItem.objects.get().charged_value == Decimal("230.00")
    assert Checkout.objects.get().total_charged_amount == Decimal("230.00")


def test_refunds_racing_each_other_never_exceed_the_charge(shop):
    # given an order paid 230.00
    channel, service = shop
    checkout = payable(channel, service)
    start(checkout, "CHARGE_SUCCESS")
    order = complete_checkout(token=checkout.token, requestor=None)
    item = TransactionItem.objects.get()

    # when six staff refund 100.00 each at the same moment
    def refund():
        try:
            return request_action(
                transaction_id=item.pk,
                source_of=lambda _item: order_source(Order.objects.select_related("channel").get()),
                action="REFUND",
                amount=Decimal("100.00"),
                requestor=None,
                manager=get_plugins_manager(),
                channel_slug=channel.slug,
            )
        except ValidationError as error:
            return error

    with pool_of(REFUNDERS + 2):
        outcomes = run_together([refund] * REFUNDERS)

    # then two were refunded (200.00 of 230.00) and four refused, nothing below zero
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == REFUNDERS - 2
    assert {e.error_dict["amount"][0].code for e in refused} == {"invalid"}
    item.refresh_from_db()
    assert (item.charged_value, item.refunded_value, item.refund_pending_value) == (
        Decimal("30.00"),
        Decimal("200.00"),
        Decimal("0"),
    )
    order.refresh_from_db()
    assert order.total_charged_amount == Decimal("30.00")
    assert order.charge_status == "partial"


def test_a_payment_settling_while_the_checkout_completes_lands_on_the_order(shop):
    # given a checkout authorized in full (it may complete) whose charge is confirmed as it does
    channel, service = shop
    checkout = payable(channel, service)
    start(checkout, "AUTHORIZATION_SUCCESS")
    item = TransactionItem.objects.get()
    capture = TransactionSessionResult(
        result="CHARGE_SUCCESS", amount=Decimal("230.00"), psp_reference="capture-1"
    )

    def confirm():
        return apply_gateway_result(
            item.pk, capture, manager=get_plugins_manager(), names_payment=False
        )

    def place():
        return complete_checkout(token=checkout.token, requestor=None)

    with pool_of(4):
        run_together([confirm, place])

    # then the order owns the transaction and counts the charge, whichever came first
    order = Order.objects.get()
    item.refresh_from_db()
    assert (item.order_id, item.checkout_id) == (order.pk, None)
    assert (item.charged_value, item.authorized_value) == (Decimal("230.00"), Decimal("0"))
    assert (order.total_charged_amount, order.charge_status) == (Decimal("230.00"), "full")


def test_two_payments_for_one_checkout_leave_the_order_overcharged_and_the_excess_refundable(
    shop,
):
    channel, service = shop
    checkout = payable(channel, service)
    first = start(checkout, "CHARGE_SUCCESS")
    # the customer pays again (a second tab): the checkout's balance is 0, so ask for the total
    manager = get_plugins_manager()
    second = initialize_transaction(
        source=checkout_source(Checkout.objects.select_related("channel").get(), manager=manager),
        gateway_id=DUMMY,
        action=None,
        amount=Decimal("230.00"),
        data={"event": {"type": "CHARGE_SUCCESS"}},
        idempotency_key=None,
        customer_ip_address=None,
        requestor=None,
        manager=manager,
    ).transaction
    assert first.pk != second.pk
    order = complete_checkout(token=checkout.token, requestor=None)
    order.refresh_from_db()
    assert (order.total_charged_amount, order.charge_status) == (Decimal("460.00"), "overcharged")

    request_action(
        transaction_id=second.pk,
        source_of=lambda _item: order_source(Order.objects.select_related("channel").get()),
        action="REFUND",
        amount=None,
        requestor=None,
        manager=get_plugins_manager(),
        channel_slug=channel.slug,
    )
    order.refresh_from_db()
    assert (order.total_charged_amount, order.charge_status) == (Decimal("230.00"), "full")
