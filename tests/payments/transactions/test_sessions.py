"""Transaction sessions through the dummy gateway: the checkout's totals, idempotency keys,
completion of a paid checkout, and the order it becomes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from backend.checkout.complete import complete_checkout
from backend.checkout.models import Checkout
from backend.orders.models import OrderEvent
from payments.transactions.models import TransactionEvent, TransactionItem
from payments.transactions.sessions import initialize_transaction, process_transaction
from plugins.framework.manager import get_plugins_manager
from tests.payments.conftest import DUMMY, source_of

pytestmark = pytest.mark.django_db


def _initialize(checkout, event_type="CHARGE_SUCCESS", **kwargs):
    arguments = {
        "gateway_id": DUMMY,
        "action": None,
        "amount": None,
        "data": {"event": {"type": event_type}},
        "idempotency_key": None,
        "customer_ip_address": "203.0.113.7",
        "requestor": None,
        "manager": get_plugins_manager(),
        **kwargs,
    }
    return initialize_transaction(source=source_of(checkout), **arguments)


def test_a_charge_covers_the_checkout_and_completion_moves_it_to_the_paid_order(
    payable_checkout, dummy_gateway
):
    # when the checkout is charged in full through the gateway
    outcome = _initialize(payable_checkout)

    # then the transaction holds the charge and the checkout counts it
    item = outcome.transaction
    assert outcome.event.type == "CHARGE_SUCCESS"
    assert item.charged_value == Decimal("230.00")
    assert item.psp_reference.startswith("dummy-")
    checkout = Checkout.objects.get(pk=payable_checkout.pk)
    assert checkout.total_charged_amount == Decimal("230.00")
    assert checkout.total_authorized_amount == Decimal("230.00")

    # and completing it places a paid order that owns the transaction
    order = complete_checkout(token=checkout.token, requestor=None)
    order.refresh_from_db()
    assert (order.charge_status, order.authorize_status) == ("full", "full")
    assert order.total_charged_amount == Decimal("230.00")
    assert TransactionItem.objects.get().order_id == order.pk
    assert "order_fully_paid" in set(
        OrderEvent.objects.filter(order=order).values_list("type", flat=True)
    )


def test_an_unpaid_checkout_is_refused_when_the_channel_takes_only_paid_orders(
    payable_checkout, dummy_gateway
):
    _initialize(payable_checkout, "CHARGE_ACTION_REQUIRED")
    with pytest.raises(ValidationError) as error:
        complete_checkout(token=payable_checkout.token, requestor=None)
    assert error.value.error_dict["id"][0].code == "checkout_not_fully_paid"


def test_an_authorization_covers_the_checkout_but_charges_nothing(payable_checkout, dummy_gateway):
    outcome = _initialize(payable_checkout, "AUTHORIZATION_SUCCESS", action="AUTHORIZATION")
    assert outcome.transaction.authorized_value == Decimal("230.00")
    checkout = Checkout.objects.get(pk=payable_checkout.pk)
    assert (checkout.total_charged_amount, checkout.total_authorized_amount) == (
        Decimal("0"),
        Decimal("230.00"),
    )
    order = complete_checkout(token=checkout.token, requestor=None)
    order.refresh_from_db()
    assert (order.charge_status, order.authorize_status) == ("none", "full")


def test_the_same_idempotency_key_returns_the_same_transaction_without_a_second_call(
    payable_checkout, dummy_gateway
):
    first = _initialize(payable_checkout, idempotency_key="key-1")
    again = _initialize(payable_checkout, idempotency_key="key-1")
    assert again.transaction.pk == first.transaction.pk
    assert TransactionItem.objects.count() == 1
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1
    assert Checkout.objects.get(pk=payable_checkout.pk).total_charged_amount == Decimal("230.00")


def test_an_action_required_session_is_settled_by_process(payable_checkout, dummy_gateway):
    started = _initialize(payable_checkout, "CHARGE_ACTION_REQUIRED")
    assert started.transaction.charged_value == 0
    processed = process_transaction(
        item=started.transaction,
        source=source_of(payable_checkout),
        data={"event": {"type": "CHARGE_SUCCESS"}},
        customer_ip_address=None,
        requestor=None,
        manager=get_plugins_manager(),
    )
    assert processed.event.type == "CHARGE_SUCCESS"
    assert processed.transaction.charged_value == Decimal("230.00")
    # processing a settled transaction again answers as it stands, charging nothing more
    again = process_transaction(
        item=TransactionItem.objects.get(),
        source=source_of(payable_checkout),
        data={"event": {"type": "CHARGE_SUCCESS"}},
        customer_ip_address=None,
        requestor=None,
        manager=get_plugins_manager(),
    )
    assert again.event.pk == processed.event.pk
    assert TransactionItem.objects.get().charged_value == Decimal("230.00")


def test_a_gateway_that_is_off_is_not_found(payable_checkout):
    with pytest.raises(ValidationError) as error:
        _initialize(payable_checkout)
    assert error.value.error_dict["payment_gateway"][0].code == "not_found"
    assert TransactionItem.objects.count() == 0


def test_an_amount_with_more_than_two_decimals_is_refused(payable_checkout, dummy_gateway):
    with pytest.raises(ValidationError) as error:
        _initialize(payable_checkout, amount=Decimal("10.001"))
    assert error.value.error_dict["amount"][0].code == "invalid"
    assert TransactionItem.objects.count() == 0


def test_process_after_a_notification_settled_it_answers_with_the_charge(
    payable_checkout, dummy_gateway
):
    # given a session the API read before the gateway's notification settled it
    from payments.transactions.sessions import apply_gateway_result
    from plugins.framework.interface import TransactionSessionResult

    stale = _initialize(payable_checkout, "CHARGE_ACTION_REQUIRED").transaction
    apply_gateway_result(
        stale.pk,
        TransactionSessionResult(
            result="CHARGE_SUCCESS", amount=Decimal("230.00"), psp_reference=stale.psp_reference
        ),
        manager=get_plugins_manager(),
    )
    # when the storefront processes it with the copy it read
    outcome = process_transaction(
        item=stale,
        source=source_of(payable_checkout),
        data=None,
        customer_ip_address=None,
        requestor=None,
        manager=get_plugins_manager(),
    )
    # then the answer shows the charge as it stands
    assert outcome.event.type == "CHARGE_SUCCESS"
    assert outcome.transaction.charged_value == Decimal("230.00")
