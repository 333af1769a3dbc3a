"""Cash refunds through `request_action` (handed back at the counter: settled at once), and the
receipt reference of `orderMarkAsPaid` paying one order only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from backend.orders.models import ChargeStatus, Order, OrderEvent, OrderEvents
from payments.transactions.actions import request_action
from payments.transactions.manual import mark_order_as_paid
from payments.transactions.models import TransactionEvent, TransactionItem
from plugins.framework.configuration import update_plugin_configuration
from plugins.framework.manager import get_plugins_manager
from tests.concurrency.parallel import run_together

from .conftest import order_source_of, place_cash_order

ZERO = Decimal("0")


def _paid_order(receipt: str = "RCPT-0100") -> tuple[Order, TransactionItem]:
    order = place_cash_order()
    mark_order_as_paid(
        order_id=order.pk,
        transaction_reference=receipt,
        requestor=None,
        manager=get_plugins_manager(),
    )
    return Order.objects.get(pk=order.pk), TransactionItem.objects.get(order=order)


def _refund(item: TransactionItem, amount: Decimal | None):
    return request_action(
        transaction_id=item.pk,
        source_of=order_source_of,
        action="REFUND",
        amount=amount,
        requestor=None,
        manager=get_plugins_manager(),
        channel_slug=item.order.channel.slug,
    )


def _state(item: TransactionItem) -> tuple:
    item.refresh_from_db()
    order = Order.objects.get(pk=item.order_id)
    return (
        item.charged_value,
        item.refund_pending_value,
        item.refunded_value,
        order.total_charged_amount,
        order.charge_status,
        TransactionEvent.objects.filter(transaction=item).count(),
    )


@pytest.mark.django_db
def test_a_partial_refund_is_cash_handed_back_at_once(cash_gateway):
    # given an order of 290.00 paid in cash
    order, item = _paid_order()
    assert (order.charge_status, item.charged_value) == (ChargeStatus.FULL, Decimal("290.00"))

    # when staff refund 100.00
    outcome = _refund(item, Decimal("100.00"))

    # then it is settled at once with a reference of its own, and more may be refunded
    assert outcome.gateway_error is None
    assert outcome.result.event.type == "REFUND_SUCCESS"
    assert outcome.result.event.amount_value == Decimal("100.00")
    assert outcome.result.event.psp_reference.startswith("cash-refund-")
    item.refresh_from_db()
    assert (item.charged_value, item.refund_pending_value, item.refunded_value) == (
        Decimal("190.00"),
        ZERO,
        Decimal("100.00"),
    )
    assert item.available_actions == ["REFUND"]
    order.refresh_from_db()
    assert (order.total_charged_amount, order.charge_status) == (
        Decimal("190.00"),
        ChargeStatus.PARTIAL,
    )


@pytest.mark.django_db
def test_a_full_refund_leaves_nothing_to_refund(cash_gateway):
    _order, item = _paid_order()
    # a first part, then the rest (no amount: all that is left)
    _refund(item, Decimal("40.00"))
    outcome = _refund(item, None)
    assert outcome.result.event.amount_value == Decimal("250.00")
    item.refresh_from_db()
    assert (item.charged_value, item.refunded_value, item.available_actions) == (
        ZERO,
        Decimal("290.00"),
        [],
    )
    references = set(
        TransactionEvent.objects.filter(transaction=item, type="REFUND_SUCCESS").values_list(
            "psp_reference", flat=True
        )
    )
    assert len(references) == 2
    # and nothing more can be refunded
    before = _state(item)
    with pytest.raises(ValidationError) as error:
        _refund(item, Decimal("0.01"))
    assert error.value.error_dict["amount"][0].code == "invalid"
    assert _state(item) == before


@pytest.mark.django_db
def test_a_refund_beyond_the_charge_is_refused_and_changes_nothing(cash_gateway):
    _order, item = _paid_order()
    before = _state(item)
    with pytest.raises(ValidationError) as error:
        _refund(item, Decimal("290.01"))
    assert error.value.error_dict["amount"][0].code == "invalid"
    assert error.value.error_dict["amount"][0].message == (
        "Cannot refund 290.01 BDT: only 290.00 is available."
    )
    assert _state(item) == before


@pytest.mark.django_db
def test_no_refund_where_cash_is_turned_off_in_the_channel(cash_gateway):
    order, item = _paid_order()
    update_plugin_configuration(
        plugin_id=cash_gateway, channel=order.channel, active=False, configuration=None
    )
    before = _state(item)
    with pytest.raises(ValidationError) as error:
        _refund(item, Decimal("10.00"))
    assert error.value.error_dict["action_type"][0].code == (
        "missing_transaction_action_request_webhook"
    )
    assert _state(item) == before


@pytest.mark.postgres  # real parallel connections: SQLite serialises them
@pytest.mark.django_db(transaction=True)
def test_two_racing_refunds_never_hand_back_more_than_was_paid(cash_gateway):
    # given 290.00 paid in cash
    _order, item = _paid_order()

    # when two cashiers refund 200.00 each at the same moment, each on its own connection
    def refund():
        try:
            return _refund(item, Decimal("200.00")).result.event.type
        except ValidationError as error:
            return error.error_dict["amount"][0].code

    results = run_together([refund, refund])

    # then one is handed back and the other refused
    assert sorted(results) == ["REFUND_SUCCESS", "invalid"]
    item.refresh_from_db()
    assert (item.charged_value, item.refund_pending_value, item.refunded_value) == (
        Decimal("90.00"),
        ZERO,
        Decimal("200.00"),
    )
    assert TransactionEvent.objects.filter(transaction=item, type="REFUND_SUCCESS").count() == 1
    assert Order.objects.get(pk=item.order_id).total_charged_amount == Decimal("90.00")


@pytest.mark.django_db
def test_a_receipt_that_paid_one_order_cannot_pay_another(cash_gateway):
    # given an order paid with receipt RCPT-7 and another order still unpaid
    _paid, _item = _paid_order("RCPT-7")
    other = place_cash_order()
    items_before = TransactionItem.objects.count()
    events_before = TransactionEvent.objects.count()

    # when the same receipt is used for the other order
    with pytest.raises(ValidationError) as error:
        mark_order_as_paid(
            order_id=other.pk,
            transaction_reference="RCPT-7",
            requestor=None,
            manager=get_plugins_manager(),
        )

    # then it is refused and nothing of the other order changed
    assert error.value.error_dict["transaction_reference"][0].code == "unique"
    other.refresh_from_db()
    assert (other.charge_status, other.total_charged_amount) == (ChargeStatus.NONE, ZERO)
    assert TransactionItem.objects.count() == items_before
    assert TransactionEvent.objects.count() == events_before
    assert not OrderEvent.objects.filter(
        order=other, type__in=(OrderEvents.ORDER_MARKED_AS_PAID, OrderEvents.ORDER_FULLY_PAID)
    ).exists()
    # and with a receipt of its own it is paid
    mark_order_as_paid(
        order_id=other.pk,
        transaction_reference="RCPT-8",
        requestor=None,
        manager=get_plugins_manager(),
    )
    assert Order.objects.get(pk=other.pk).charge_status == ChargeStatus.FULL
