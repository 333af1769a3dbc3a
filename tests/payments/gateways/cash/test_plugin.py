"""Choosing cash: the gateway is offered where unpaid orders are taken, its session moves no
money, the checkout completes unpaid and `orderMarkAsPaid` records the cash."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from backend.checkout.complete import complete_checkout
from backend.checkout.models import Checkout
from backend.orders.models import ChargeStatus, Order
from payments.transactions.manual import mark_order_as_paid
from payments.transactions.models import TransactionEvent, TransactionItem
from payments.transactions.sessions import initialize_transaction, process_transaction
from payments.transactions.sources import order_source
from plugins.framework.configuration import update_plugin_configuration
from plugins.framework.manager import get_plugins_manager
from tests.payments.conftest import make_payable_checkout, source_of

from .conftest import place_cash_order

pytestmark = pytest.mark.django_db

ZERO = Decimal("0")


def _initialize(source, gateway_id):
    return initialize_transaction(
        source=source,
        gateway_id=gateway_id,
        action=None,
        amount=None,
        data=None,
        idempotency_key=None,
        customer_ip_address=None,
        requestor=None,
        manager=get_plugins_manager(),
    )


def _gateway_ids(currency, source_object, channel):
    gateways = get_plugins_manager().list_payment_gateways(
        currency, source_object, channel_slug=channel.slug
    )
    return [gateway.id for gateway in gateways]


@pytest.fixture
def unpaid_checkout(api_client, channel, service_variant, bangladesh) -> Checkout:
    """230.00 of an assisted service in a channel that takes unpaid orders."""
    assert channel.allow_unpaid_orders
    return make_payable_checkout(api_client, service_variant)


def test_cash_is_offered_in_bdt_where_the_channel_takes_unpaid_orders(
    cash_gateway, unpaid_checkout, channel
):
    assert _gateway_ids("BDT", unpaid_checkout, channel) == [cash_gateway]
    assert _gateway_ids("USD", unpaid_checkout, channel) == []
    # a channel taking only paid orders cannot complete a checkout paid in cash later
    channel.allow_unpaid_orders = False
    channel.save(update_fields=["allow_unpaid_orders"])
    assert _gateway_ids("BDT", unpaid_checkout, channel) == []
    # but an order already placed there can still be paid in cash
    order = place_cash_order(channel)
    assert _gateway_ids("BDT", order, channel) == [cash_gateway]


def test_cash_is_on_by_default_and_a_channel_can_turn_it_off(
    cash_gateway, unpaid_checkout, channel
):
    # when the channel turns cash off
    update_plugin_configuration(
        plugin_id=cash_gateway, channel=channel, active=False, configuration=None
    )
    # then it is neither offered nor accepted
    assert _gateway_ids("BDT", unpaid_checkout, channel) == []
    with pytest.raises(ValidationError) as error:
        _initialize(source_of(unpaid_checkout), cash_gateway)
    assert error.value.error_dict["payment_gateway"][0].code == "not_found"
    assert TransactionItem.objects.count() == 0


def test_the_gateways_session_data_is_public(cash_gateway, unpaid_checkout, channel):
    data = get_plugins_manager().payment_gateway_initialize_session(
        cash_gateway, Decimal("230.00"), unpaid_checkout, None, channel_slug=channel.slug
    )
    assert data.data == {"paymentMethod": "cash", "payAt": ["centre", "delivery"]}


def test_choosing_cash_moves_no_money_and_the_order_is_paid_when_the_cash_arrives(
    cash_gateway, unpaid_checkout
):
    # when the customer chooses cash
    outcome = _initialize(source_of(unpaid_checkout), cash_gateway)

    # then the storefront is told where to pay, and nothing is charged or covered
    assert outcome.event.type == "CHARGE_ACTION_REQUIRED"
    assert outcome.data == {
        "paymentMethod": "cash",
        "payAt": "centre",
        "amount": "230.00",
        "currency": "BDT",
        "instructions": {
            "en": "Pay BDT230.00 in cash at the centre; the entrepreneur gives you a receipt.",
            "bn": "সেন্টারে নগদ ২৩০.০০৳ পরিশোধ করুন; উদ্যোক্তা আপনাকে রসিদ দেবেন।",
        },
    }
    item = TransactionItem.objects.get()
    assert item.app_identifier == cash_gateway
    amounts = {
        name: getattr(item, name)
        for name in ("charged_value", "charge_pending_value", "authorized_value")
    }
    assert amounts == dict.fromkeys(amounts, ZERO)
    checkout = Checkout.objects.get(pk=unpaid_checkout.pk)
    assert (checkout.total_charged_amount, checkout.total_authorized_amount) == (ZERO, ZERO)

    # and processing it again still says the cash is due
    again = process_transaction(
        item=item,
        source=source_of(unpaid_checkout),
        data=None,
        customer_ip_address=None,
        requestor=None,
        manager=get_plugins_manager(),
    )
    assert again.event.type == "CHARGE_ACTION_REQUIRED"
    assert TransactionItem.objects.get().charged_value == ZERO

    # when the checkout is completed: the order is placed unpaid and owns the transaction
    order = complete_checkout(token=checkout.token, requestor=None)
    order.refresh_from_db()
    assert (order.charge_status, order.total_charged_amount) == (ChargeStatus.NONE, ZERO)
    assert TransactionItem.objects.get().order_id == order.pk

    # when the entrepreneur records the cash
    mark_order_as_paid(
        order_id=order.pk,
        transaction_reference="RCPT-0001",
        requestor=None,
        manager=get_plugins_manager(),
    )

    # then the order is paid by a cash transaction carrying the receipt
    order.refresh_from_db()
    assert (order.charge_status, order.total_charged_amount) == (
        ChargeStatus.FULL,
        Decimal("230.00"),
    )
    cash = TransactionItem.objects.get(order=order, psp_reference="RCPT-0001")
    assert TransactionItem.objects.count() == 1  # the one opened at checkout is settled
    assert (cash.app_identifier, cash.charged_value) == (cash_gateway, Decimal("230.00"))


def test_cash_on_delivery_is_paid_to_the_postman(cash_gateway, channel):
    # given an order sent by post
    order = place_cash_order(channel, shipping_method_id="postal-parcel")

    # when its customer chooses cash
    outcome = _initialize(order_source(order), cash_gateway)

    # then the postman takes it
    assert outcome.event.type == "CHARGE_ACTION_REQUIRED"
    assert outcome.data["payAt"] == "delivery"
    assert outcome.data["amount"] == "290.00"
    assert outcome.data["instructions"] == {
        "en": "Pay BDT290.00 in cash to the postman when your parcel is delivered.",
        "bn": "পার্সেল বুঝে নেওয়ার সময় পোস্টম্যানকে নগদ ২৯০.০০৳ পরিশোধ করুন।",
    }
    assert Order.objects.get(pk=order.pk).charge_status == ChargeStatus.NONE


def test_a_channel_taking_only_paid_orders_refuses_cash_for_a_checkout(
    cash_gateway, payable_checkout
):
    # when a customer of a paid-only channel still asks for cash
    outcome = _initialize(source_of(payable_checkout), cash_gateway)

    # then the gateway refuses, nothing is covered, and completion stays refused
    assert outcome.event.type == "CHARGE_FAILURE"
    assert outcome.event.message == (
        "This channel takes only paid orders: choose a way to pay now."
    )
    assert TransactionEvent.objects.filter(type="CHARGE_ACTION_REQUIRED").count() == 0
    with pytest.raises(ValidationError) as error:
        complete_checkout(token=payable_checkout.token, requestor=None)
    assert error.value.error_dict["id"][0].code == "checkout_not_fully_paid"
