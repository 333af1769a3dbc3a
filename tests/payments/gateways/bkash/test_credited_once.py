"""Whatever arrives, however often and in whichever order (the browser's return, bKash's
notification, transactionProcess, two at the same moment), the customer is credited once and
bKash is never asked for a second payment."""

from __future__ import annotations

from decimal import Decimal

import pytest

from payments.transactions.models import PaymentNotification, TransactionItem
from tests.concurrency.parallel import run_together
from tests.payments.gateways.bkash.conftest import initialize, payment_id_of, process

pytestmark = pytest.mark.django_db(transaction=True)

PAID = Decimal("230.00")


def _assert_credited_once(item_pk: int, simulator) -> None:
    item = TransactionItem.objects.get(pk=item_pk)
    charges = item.events.filter(type="CHARGE_SUCCESS")
    assert [event.amount_value for event in charges] == [PAID]
    assert charges.get().psp_reference == item.psp_reference
    assert item.charged_value == PAID
    assert len(simulator.calls("create")) == 1
    assert len(simulator.payments) == 1


def test_return_then_notification_then_process_each_twice(haat, simulator, checkout, customer):
    outcome = initialize(checkout)
    payment_id = payment_id_of(outcome.data["redirectUrl"])
    to_haat = customer.press(customer.open(outcome.data["redirectUrl"]), "Pay")

    assert customer.follow(to_haat).status_code == 303
    assert customer.follow(to_haat).status_code == 303  # the customer reloads
    assert simulator.deliver_notification(payment_id) == 200
    assert simulator.redeliver() == 200  # SNS retries the same message
    assert simulator.deliver_notification(payment_id) == 200  # a second message, same payment
    assert process(checkout, outcome.transaction).event.type == "CHARGE_SUCCESS"
    assert process(checkout, outcome.transaction).event.type == "CHARGE_SUCCESS"

    _assert_credited_once(outcome.transaction.pk, simulator)
    assert len(simulator.calls("execute")) == 1
    # the reload and SNS's retry were recognised, not stored again
    assert PaymentNotification.objects.count() == 3
    assert set(PaymentNotification.objects.values_list("outcome", flat=True)) == {"accepted"}


def test_process_then_notification_then_return_each_twice(haat, simulator, checkout, customer):
    simulator.auto_notify = True  # bKash notifies as soon as Haat executes
    outcome = initialize(checkout)
    to_haat = customer.press(customer.open(outcome.data["redirectUrl"]), "Pay")

    assert process(checkout, outcome.transaction).event.type == "CHARGE_SUCCESS"
    assert process(checkout, outcome.transaction).event.type == "CHARGE_SUCCESS"
    assert simulator.wait_for_deliveries(1) == [200]
    assert simulator.redeliver() == 200
    assert customer.follow(to_haat).status_code == 303
    assert customer.follow(to_haat).status_code == 303

    _assert_credited_once(outcome.transaction.pk, simulator)
    assert len(simulator.calls("execute")) == 1


@pytest.mark.postgres
def test_two_processes_at_the_same_moment_credit_once(haat, simulator, checkout, customer):
    outcome = initialize(checkout)
    customer.press(customer.open(outcome.data["redirectUrl"]), "Pay")
    item = outcome.transaction

    results = run_together([lambda: process(checkout, item), lambda: process(checkout, item)])

    assert [result.event.type for result in results] == ["CHARGE_SUCCESS", "CHARGE_SUCCESS"]
    _assert_credited_once(item.pk, simulator)
    # both may have tried to execute; bKash completed it once
    assert 1 <= len(simulator.calls("execute")) <= 2


def test_an_execute_that_times_out_is_settled_by_a_query(haat, simulator, checkout, customer):
    # given bKash carries out the execute but its answer never reaches Haat
    simulator.lose_answer("execute")
    outcome = initialize(checkout)

    back = customer.pay(outcome.data["redirectUrl"])

    # then Haat queried instead of giving up or paying again, and credited once
    assert back.status_code == 303
    _assert_credited_once(outcome.transaction.pk, simulator)
    assert len(simulator.calls("execute")) == 1
    assert len(simulator.calls("payment/status")) == 1
    assert process(checkout, outcome.transaction).event.type == "CHARGE_SUCCESS"
    _assert_credited_once(outcome.transaction.pk, simulator)


def test_already_completed_on_execute_is_queried_and_credited_once(
    haat, simulator, checkout, customer
):
    # given the payment completed at bKash before Haat's execute (its first answer was lost)
    outcome = initialize(checkout)
    payment_id = payment_id_of(outcome.data["redirectUrl"])
    to_haat = customer.press(customer.open(outcome.data["redirectUrl"]), "Pay")
    simulator.complete_now(payment_id)

    back = customer.follow(to_haat)

    assert back.status_code == 303
    (execute,) = simulator.calls("execute")
    assert execute.json() == {"paymentID": payment_id}
    _assert_credited_once(outcome.transaction.pk, simulator)
    row = PaymentNotification.objects.get()
    assert (row.outcome, row.transaction_id) == ("accepted", outcome.transaction.pk)


def test_an_unreachable_bkash_on_return_leaves_it_to_process(haat, simulator, checkout, customer):
    outcome = initialize(checkout)
    to_haat = customer.press(customer.open(outcome.data["redirectUrl"]), "Pay")
    simulator.inject("error", path="/execute")
    simulator.inject("error", path="/payment/status")

    back = customer.follow(to_haat)

    assert back.status_code == 303  # the customer still goes back to the shop
    assert TransactionItem.objects.get().charged_value == Decimal("0")
    assert PaymentNotification.objects.get().outcome == "failed"
    # and the storefront's transactionProcess settles it
    assert process(checkout, outcome.transaction).event.type == "CHARGE_SUCCESS"
    _assert_credited_once(outcome.transaction.pk, simulator)
