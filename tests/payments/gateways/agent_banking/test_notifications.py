"""The bank's notifications reaching a live Haat: the agent's screen end to end, credited once
whatever arrives twice and in whichever order, and everything forged, tampered, replayed or
wrong changing nothing (the notification kept, with outcome "rejected")."""

from __future__ import annotations

import json
import logging
import time
import uuid
from decimal import Decimal

import httpx
import pytest

from backend.checkout.complete import complete_checkout
from backend.orders.models import ChargeStatus, Order, OrderEvents
from payments.gateways.agent_banking.plugin import PLUGIN_ID
from payments.gateways.agent_banking.simulator import (
    DEMO_API_KEY,
    DEMO_NOTIFICATION_SECRET,
    sign,
)
from payments.transactions.models import PaymentNotification, TransactionEvent, TransactionItem
from payments.transactions.sessions import process_transaction
from plugins.framework.manager import get_plugins_manager
from tests.concurrency.parallel import run_together
from tests.payments.conftest import make_payable_checkout, source_of

from .conftest import initialize

pytestmark = pytest.mark.django_db(transaction=True)

ZERO = Decimal("0")


@pytest.fixture
def haat(live_server, settings):
    """A live Haat that the bank's notifications reach."""
    settings.PUBLIC_URL = live_server.url
    return live_server


def process(checkout, item):
    return process_transaction(
        item=TransactionItem.objects.get(pk=item.pk),
        source=source_of(checkout),
        data=None,
        customer_ip_address=None,
        requestor=None,
        manager=get_plugins_manager(),
    )


def state(item) -> tuple:
    item = TransactionItem.objects.get(pk=item.pk)
    return (
        item.charged_value,
        item.psp_reference,
        list(item.events.values_list("type", "amount_value", "psp_reference")),
    )


def outcomes() -> list[tuple[str, str]]:
    return list(PaymentNotification.objects.values_list("gateway", "outcome"))


def answer(delivery) -> tuple[int | None, str]:
    return delivery.status_code, json.loads(delivery.response_text)["status"]


def successes(item) -> int:
    return TransactionEvent.objects.filter(transaction=item, type="CHARGE_SUCCESS").count()


def test_the_agent_records_the_deposit_and_the_banks_word_pays_the_order(
    haat, agent_banking, checkout, bank, caplog
):
    caplog.set_level(logging.DEBUG)
    # given the customer's slip
    item = initialize(checkout).transaction
    reference = item.psp_reference

    # when the agent opens the deposit and presses "Record deposit" for the cash handed over
    with httpx.Client(base_url=bank.base_url, follow_redirects=True, timeout=10) as agent:
        page = agent.get(f"/agent/deposits/{reference}")
        assert page.status_code == 200
        assert "Record deposit" in page.text
        assert 'name="amount" value="230.00"' in page.text
        recorded = agent.post(
            f"/agent/deposits/{reference}/record",
            data={"amount": "230.00", "outlet": "Kashinathpur UDC agent outlet"},
        )
        assert "<strong id='status'>COMPLETED</strong>" in recorded.text

    # then the bank notifies Haat, which asks the bank and credits the payment
    delivery = bank.wait_for_delivery(lambda d: d.deposit_reference == reference)
    assert answer(delivery) == (200, "accepted")
    assert bank.wait_for(lambda r: r.path == f"/v1/deposits/{reference}")
    item.refresh_from_db()
    assert item.charged_value == Decimal("230.00")
    assert successes(item) == 1
    notification = PaymentNotification.objects.get()
    assert (notification.outcome, notification.transaction_id) == ("accepted", item.pk)
    # and the checkout completes as a paid order
    order = complete_checkout(token=checkout.token, requestor=None)
    order.refresh_from_db()
    assert (order.charge_status, order.total_charged_amount) == (
        ChargeStatus.FULL,
        Decimal("230.00"),
    )
    # no secret in any log line
    assert DEMO_API_KEY not in caplog.text
    assert DEMO_NOTIFICATION_SECRET not in caplog.text


def test_the_agent_rejecting_the_deposit_fails_the_payment(haat, agent_banking, checkout, bank):
    item = initialize(checkout).transaction
    with httpx.Client(base_url=bank.base_url, timeout=10) as agent:
        agent.post(f"/agent/deposits/{item.psp_reference}/reject")
    delivery = bank.wait_for_delivery(lambda d: d.deposit_reference == item.psp_reference)
    assert answer(delivery) == (200, "accepted")
    assert TransactionEvent.objects.filter(transaction=item, type="CHARGE_FAILURE").count() == 1
    assert TransactionItem.objects.get(pk=item.pk).charged_value == ZERO


def test_an_order_placed_unpaid_is_paid_when_the_deposit_is_made(
    haat, agent_banking, checkout, bank
):
    # given a checkout completed unpaid (the channel takes unpaid orders), its slip in hand
    item = initialize(checkout).transaction
    order = complete_checkout(token=checkout.token, requestor=None)
    assert Order.objects.get(pk=order.pk).charge_status == ChargeStatus.NONE

    # when the customer pays at the agent
    bank.record_deposit(item.psp_reference)
    delivery = bank.wait_for_delivery(lambda d: d.deposit_reference == item.psp_reference)

    # then the order is paid
    assert answer(delivery) == (200, "accepted")
    order.refresh_from_db()
    assert (order.charge_status, order.total_charged_amount) == (
        ChargeStatus.FULL,
        Decimal("230.00"),
    )
    assert order.events.filter(type=OrderEvents.ORDER_FULLY_PAID).count() == 1


@pytest.mark.parametrize("first", ["notification", "process"])
def test_credited_once_whatever_arrives_twice_in_either_order(
    haat, agent_banking, checkout, bank, first
):
    item = initialize(checkout).transaction
    bank.record_deposit(item.psp_reference, notify=False)
    deliveries = []

    def notify():
        # a redelivery is signed anew, a second later
        signed_at = int(time.time()) + len(deliveries)
        deliveries.append(bank.deliver(item.psp_reference, timestamp=signed_at))

    steps = [notify, lambda: process(checkout, item)]
    if first == "process":
        steps.reverse()
    for step in steps * 2:
        step()
    # and the first notification replayed byte for byte
    replayed = bank.replay(deliveries[0])

    assert [answer(d) for d in deliveries] == [(200, "accepted"), (200, "accepted")]
    assert answer(replayed) == (200, "duplicate")
    assert PaymentNotification.objects.count() == 2
    assert successes(item) == 1
    assert TransactionItem.objects.get(pk=item.pk).charged_value == Decimal("230.00")


@pytest.mark.postgres  # real parallel connections: SQLite serialises them
def test_credited_once_when_everything_arrives_at_the_same_moment(
    haat, agent_banking, checkout, bank
):
    item = initialize(checkout).transaction
    bank.record_deposit(item.psp_reference, notify=False)

    def notify(delay: int):
        return lambda: answer(bank.deliver(item.psp_reference, timestamp=int(time.time()) + delay))

    def pay():
        return process(checkout, item).event.type

    results = run_together([pay, pay, notify(0), notify(1)])

    assert results[:2] == ["CHARGE_SUCCESS", "CHARGE_SUCCESS"]
    assert results[2:] == [(200, "accepted"), (200, "accepted")]
    assert successes(item) == 1
    assert TransactionItem.objects.get(pk=item.pk).charged_value == Decimal("230.00")


def test_a_notification_the_bank_did_not_sign_now_changes_nothing(
    haat, agent_banking, checkout, bank
):
    # given a deposit the bank completed (a notification accepted in error would credit it)
    item = initialize(checkout).transaction
    bank.record_deposit(item.psp_reference, notify=False)
    before = state(item)
    reasons = {
        "unsigned": "the notification is unsigned",
        "forged": "does not match",
        "tampered": "does not match",
        "stale": "a replay or a wrong clock",
    }

    # when it arrives unsigned, signed with another secret, changed after signing, or old
    answers = [answer(bank.deliver(item.psp_reference, mode=mode)) for mode in reasons]

    # then each is refused, kept with its reason, and the bank is not even asked
    assert answers == [(401, "rejected")] * 4
    assert state(item) == before
    stored = list(PaymentNotification.objects.values_list("outcome", "detail"))
    assert [outcome for outcome, _ in stored] == ["rejected"] * 4
    assert all(
        reason in detail for reason, (_, detail) in zip(reasons.values(), stored, strict=True)
    )
    assert not any(r.path == f"/v1/deposits/{item.psp_reference}" for r in bank.requests)


def test_a_deposit_of_another_amount_is_rejected(haat, agent_banking, checkout, bank):
    item = initialize(checkout).transaction
    bank.record_deposit(item.psp_reference, amount=Decimal("200.00"), notify=False)
    before = state(item)
    delivery = bank.deliver(item.psp_reference)
    assert answer(delivery) == (200, "rejected")
    assert state(item) == before
    notification = PaymentNotification.objects.get()
    assert notification.outcome == "rejected"
    assert "recorded 200.00" in notification.detail


def test_a_deposit_in_another_currency_is_rejected(haat, agent_banking, checkout, bank):
    item = initialize(checkout).transaction
    bank.record_deposit(item.psp_reference, notify=False)
    bank.deposits[item.psp_reference].currency = "USD"
    before = state(item)
    assert answer(bank.deliver(item.psp_reference)) == (200, "rejected")
    assert state(item) == before
    assert "in USD, not taka" in PaymentNotification.objects.get().detail


def test_signed_claims_the_bank_does_not_confirm_change_nothing(
    haat, agent_banking, checkout, bank, api_client, service_variant
):
    # given our payment still pending, and another payment deposited in full
    item = initialize(checkout).transaction
    other = initialize(make_payable_checkout(api_client, service_variant)).transaction
    bank.record_deposit(other.psp_reference, notify=False)
    before = state(item)

    # a notification for an order that is not ours
    unknown = bank.deliver(item.psp_reference, overrides={"merchantReference": str(uuid.uuid4())})
    # the other payment's deposit claimed for ours
    swapped = bank.deliver(other.psp_reference, overrides={"merchantReference": str(item.token)})
    # our deposit claimed completed while the bank still says pending
    premature = bank.deliver(
        item.psp_reference, overrides={"status": "COMPLETED", "depositedAmount": "230.00"}
    )

    assert answer(unknown) == (200, "rejected")
    assert answer(swapped) == (200, "rejected")
    assert answer(premature) == (503, "failed")
    assert state(item) == before
    assert successes(other) == 0
    details = list(PaymentNotification.objects.values_list("outcome", "detail"))
    assert details[0][1].startswith("No agent banking payment")
    assert details[1] == ("rejected", f"The deposit {other.psp_reference} is not this payment's.")
    assert details[2] == ("failed", "The bank still reports the deposit as pending.")


def test_an_unreachable_status_api_is_delivered_again(
    haat, configure_agent_banking, checkout, bank
):
    configure_agent_banking(timeout_seconds="0.3")
    item = initialize(checkout).transaction
    bank.record_deposit(item.psp_reference, notify=False)
    bank.inject("timeout", path=f"/v1/deposits/{item.psp_reference}")

    first = bank.deliver(item.psp_reference)

    assert answer(first) == (503, "failed")
    assert TransactionItem.objects.get(pk=item.pk).charged_value == ZERO
    # the bank delivers again later (signed anew)
    bank.release()
    again = bank.deliver(item.psp_reference, timestamp=int(time.time()) + 1)
    assert answer(again) == (200, "accepted")
    assert successes(item) == 1
    assert list(PaymentNotification.objects.values_list("outcome", flat=True)) == [
        "failed",
        "accepted",
    ]


def test_garbage_and_other_methods_are_refused(haat, agent_banking, channel, bank):
    url = f"{haat.url}/plugins/channel/{channel.slug}/{PLUGIN_ID}/ipn"
    body = b"not json at all"
    signed = httpx.post(
        url,
        content=body,
        headers={"X-AgentBank-Signature": sign(DEMO_NOTIFICATION_SECRET, int(time.time()), body)},
    )
    assert (signed.status_code, signed.json()["status"]) == (400, "rejected")
    assert httpx.get(url).status_code == 405
    assert outcomes() == [(PLUGIN_ID, "rejected")]
