"""The customer's page, the browser's return and Stripe's webhooks against a live Haat."""

from __future__ import annotations

import json
import re
import time
from decimal import Decimal

import httpx
import pytest

from backend.checkout.complete import complete_checkout
from backend.checkout.models import Checkout
from payments.gateways.stripe.client import StripeGatewayClient
from payments.gateways.stripe.simulator import SECRET_KEY
from payments.transactions.models import PaymentNotification, TransactionEvent, TransactionItem

from .conftest import AMOUNT, RETURN_URL, STRIPE, initialize, process

# localstripe's webhooks may reach the live server after a test: SQLite's single writer would
# then lock the next test's flush.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def press(data: dict, button: str = "pay") -> httpx.Response:
    """The customer opens the payment page and presses a button; Stripe's redirect back."""
    page = httpx.get(data["redirectUrl"])
    assert page.status_code == 200
    fields = dict(re.findall(r"name='(\w+)' value='([^']*)'", page.text))
    action = re.search(r"<form method='post' action='([^']+)'", page.text).group(1)
    base = data["redirectUrl"].split("/pay/")[0]
    response = httpx.post(
        f"{base}{action}",
        data={
            "client_secret": fields["client_secret"],
            "return_url": fields["return_url"].replace("&amp;", "&"),
            "action": button,
        },
    )
    assert response.status_code == 303
    return response


def come_back(stripe_redirect: httpx.Response) -> httpx.Response:
    """The browser follows Stripe's redirect to Haat's return route."""
    return httpx.get(stripe_redirect.headers["location"])


def charges(item) -> list[TransactionEvent]:
    return list(TransactionEvent.objects.filter(transaction=item, type="CHARGE_SUCCESS"))


def _webhook_rows(event_type: str) -> list[PaymentNotification]:
    return [
        row
        for row in PaymentNotification.objects.filter(gateway=STRIPE, path__endswith="/ipn")
        if json.loads(bytes(row.body) or b"{}").get("type") == event_type
    ]


def test_the_customer_pays_on_the_page_and_comes_back_to_a_paid_checkout(
    live_checkout, live_stripe
):
    simulator = live_stripe
    started = initialize(live_checkout)
    item = started.transaction

    # the customer pays and the browser comes back through Haat to the storefront
    back = come_back(press(started.data))

    assert back.status_code == 303
    assert back.headers["location"] == f"{RETURN_URL}?transaction={item.token}"
    # Stripe's webhook is accepted too, and the storefront's process finds it paid
    delivery = simulator.webhooks.wait_for_delivery(
        lambda d: d.event_type == "payment_intent.succeeded"
    )
    assert delivery.status == 200
    outcome = process(TransactionItem.objects.get(pk=item.pk), live_checkout)
    assert outcome.event.type == "CHARGE_SUCCESS"
    [charge] = charges(item)
    assert (charge.amount_value, charge.psp_reference) == (AMOUNT, item.psp_reference)
    order = complete_checkout(token=Checkout.objects.get(pk=live_checkout.pk).token, requestor=None)
    order.refresh_from_db()
    assert (order.charge_status, order.total_charged_amount) == ("full", AMOUNT)
    [row] = _webhook_rows("payment_intent.succeeded")
    assert (row.outcome, row.transaction_id) == ("accepted", item.pk)
    [returned] = PaymentNotification.objects.filter(gateway=STRIPE, path__endswith="/return")
    assert returned.outcome == "accepted"


def test_cancel_on_the_page_is_a_failure_and_charges_nothing(live_checkout, live_stripe):
    simulator = live_stripe
    started = initialize(live_checkout)

    back = come_back(press(started.data, "cancel"))

    assert back.status_code == 303
    delivery = simulator.webhooks.wait_for_delivery(
        lambda d: d.event_type == "payment_intent.canceled"
    )
    assert delivery.status == 200
    outcome = process(started.transaction, live_checkout)
    assert outcome.event.type == "CHARGE_FAILURE"
    fresh = TransactionItem.objects.get(pk=started.transaction.pk)
    assert fresh.charged_value == Decimal(0)
    assert Checkout.objects.get(pk=live_checkout.pk).total_charged_amount == Decimal(0)


@pytest.mark.parametrize("webhook_first", [False, True], ids=["return-first", "webhook-first"])
def test_return_webhook_and_process_twice_each_in_either_order_credit_once(
    live_checkout, live_stripe, webhook_first
):
    simulator = live_stripe
    started = initialize(live_checkout)
    item = started.transaction
    redirect = press(started.data)

    def webhooks():
        first = simulator.webhooks.wait_for_delivery(
            lambda d: d.event_type == "payment_intent.succeeded"
        )
        [again] = simulator.webhooks.redeliver(first.event_id)
        assert (first.status, again.status) == (200, 200)

    def browser_and_storefront():
        for _ in range(2):
            assert come_back(redirect).status_code == 303
        for _ in range(2):
            assert process(item, live_checkout).event.type == "CHARGE_SUCCESS"

    steps = [webhooks, browser_and_storefront]
    for step in steps if webhook_first else reversed(steps):
        step()

    [charge] = charges(item)
    assert charge.amount_value == AMOUNT
    assert TransactionItem.objects.get(pk=item.pk).charged_value == AMOUNT
    assert len(_webhook_rows("payment_intent.succeeded")) == 1


def _paid(live_checkout, simulator):
    started = initialize(live_checkout)
    simulator.complete(started.transaction.psp_reference)
    event = simulator.webhooks.wait_for_delivery(
        lambda d: d.event_type == "payment_intent.succeeded"
    )
    return started.transaction, simulator.webhooks.events[event.event_id]


def _forged(body: bytes) -> bytes:
    return body.replace(b'"amount": 23000', b'"amount": 1')


@pytest.mark.parametrize(
    "how",
    [
        {"secret": "whsec_not_the_endpoints"},
        {"signed": False},
        {"tamper": _forged},
        {"timestamp": int(time.time()) - 301},
    ],
    ids=["forged", "unsigned", "tampered", "stale"],
)
def test_forged_unsigned_tampered_or_stale_webhooks_change_nothing(live_checkout, live_stripe, how):
    simulator = live_stripe
    started = initialize(live_checkout)
    item = started.transaction
    simulator.complete(item.psp_reference)
    real = simulator.webhooks.wait_for_delivery(
        lambda d: d.event_type == "payment_intent.succeeded"
    )
    # the real one was sent before being accepted: forget its row to see what a fake one does
    event = dict(simulator.webhooks.events[real.event_id], id="evt_fake_000000000000000000000001")

    [delivery] = simulator.webhooks.deliver(event, **how)

    assert delivery.status == 400
    rejected = PaymentNotification.objects.get(gateway=STRIPE, dedupe_key__startswith="sha256:")
    assert rejected.outcome == "rejected"
    assert rejected.transaction_id is None
    assert not PaymentNotification.objects.filter(dedupe_key=event["id"]).exists()


def test_a_replayed_event_is_recognised_and_changes_nothing(live_checkout, live_stripe):
    simulator = live_stripe
    item, event = _paid(live_checkout, simulator)

    [again] = simulator.webhooks.redeliver(event["id"])

    assert (again.status, again.body) == (200, "Already received.")
    assert PaymentNotification.objects.filter(dedupe_key=event["id"]).count() == 1
    assert len(charges(item)) == 1


def test_a_signed_event_about_a_payment_that_is_not_ours_is_rejected(live_checkout, live_stripe):
    simulator = live_stripe
    with StripeGatewayClient(secret_key=SECRET_KEY, api_base=simulator.base_url) as client:
        stranger = client.create_payment_intent(
            amount=AMOUNT,
            currency="BDT",
            capture_method="automatic",
            metadata={"order": "elsewhere"},
            idempotency_key="stranger",
        )
    simulator.complete(stranger.id)
    delivery = simulator.webhooks.wait_for_delivery(
        lambda d: d.event_type == "payment_intent.succeeded"
    )

    assert delivery.status == 200
    [row] = _webhook_rows("payment_intent.succeeded")
    assert row.outcome == "rejected"
    assert "belongs to no Haat transaction" in row.detail
    assert not TransactionEvent.objects.filter(type="CHARGE_SUCCESS").exists()


def test_a_webhook_for_a_payment_of_another_amount_is_rejected(live_checkout, live_stripe):
    simulator = live_stripe
    started = initialize(live_checkout)
    item = started.transaction
    simulator.set_payment_intent(item.psp_reference, amount=100)
    simulator.complete(item.psp_reference)

    delivery = simulator.webhooks.wait_for_delivery(
        lambda d: d.event_type == "payment_intent.succeeded"
    )

    assert delivery.status == 200
    [row] = _webhook_rows("payment_intent.succeeded")
    assert row.outcome == "rejected"
    assert "is for 1.00, not 230.00" in row.detail
    assert TransactionItem.objects.get(pk=item.pk).charged_value == Decimal(0)


def test_a_return_url_on_a_foreign_origin_is_not_followed(live_checkout, live_stripe):
    started = initialize(live_checkout)
    item = started.transaction
    TransactionItem.objects.filter(pk=item.pk).update(
        session_data={**started.data, "returnUrl": "https://evil.example.net/steal"}
    )

    back = come_back(press(started.data))

    assert back.status_code == 200
    assert "return to the shop" in back.text
    assert TransactionItem.objects.get(pk=item.pk).charged_value == AMOUNT
    # Stripe's own event is let in before the test ends
    live_stripe.webhooks.wait_for_delivery(lambda d: d.event_type == "payment_intent.succeeded")


def test_a_return_for_no_transaction_is_rejected(live_checkout, live_stripe, live_server):
    from plugins.framework.views import plugin_url

    url = plugin_url(STRIPE, "return", channel_slug=live_checkout.channel.slug)
    back = httpx.get(url, params={"transaction": "not-a-token", "payment_intent": "pi_x"})

    assert back.status_code == 400
    row = PaymentNotification.objects.get(gateway=STRIPE)
    assert row.outcome == "rejected"


def test_a_refund_whose_answer_was_lost_is_settled_by_its_webhook(live_checkout, live_stripe):
    from .test_sessions import _act

    simulator = live_stripe
    item, _ = _paid(live_checkout, simulator)
    process(item, live_checkout)
    simulator.hang_after("/v1/refunds")

    lost = _act(TransactionItem.objects.get(pk=item.pk), "REFUND", "50.00")
    assert lost.gateway_error

    delivery = simulator.webhooks.wait_for_delivery(lambda d: d.event_type == "charge.refunded")
    assert delivery.status == 200
    fresh = TransactionItem.objects.get(pk=item.pk)
    assert (fresh.charged_value, fresh.refund_pending_value, fresh.refunded_value) == (
        Decimal("180.00"),
        Decimal(0),
        Decimal("50.00"),
    )
    [refund] = TransactionEvent.objects.filter(transaction=item, type="REFUND_SUCCESS")
    assert refund.psp_reference.startswith("re_")
