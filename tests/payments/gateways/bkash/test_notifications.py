"""bKash's notifications (SNS) and the browser's return when they do not hold up: forged,
unsigned, tampered, replayed, another amount or currency, an unknown order. Each is stored with
outcome "rejected" and changes nothing; a subscription is confirmed only for an allowed host."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

import httpx
import pytest

from payments.gateways.bkash.client import BkashClient
from payments.transactions.models import PaymentNotification, TransactionItem
from tests.payments.gateways.bkash.conftest import (
    BKASH,
    credentials_for,
    initialize,
    payment_id_of,
    process,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _paid_at_bkash(checkout, simulator, customer):
    """A transaction whose payment completed at bKash, Haat not told yet (no return)."""
    outcome = initialize(checkout)
    payment_id = payment_id_of(outcome.data["redirectUrl"])
    customer.press(customer.open(outcome.data["redirectUrl"]), "Pay")
    simulator.complete_now(payment_id)
    return outcome.transaction, payment_id


def _assert_nothing_changed(item) -> None:
    item = TransactionItem.objects.get(pk=item.pk)
    assert item.charged_value == Decimal("0")
    assert list(item.events.values_list("type", flat=True)) == [
        "CHARGE_REQUEST",
        "CHARGE_ACTION_REQUIRED",
    ]


def _rejected() -> list[str]:
    return list(
        PaymentNotification.objects.filter(outcome="rejected").values_list("detail", flat=True)
    )


def test_a_genuine_notification_credits_after_asking_bkash(haat, simulator, checkout, customer):
    item, payment_id = _paid_at_bkash(checkout, simulator, customer)

    assert simulator.deliver_notification(payment_id) == 200

    item.refresh_from_db()
    assert item.charged_value == Decimal("230.00")
    assert [r.json() for r in simulator.calls("payment/status")] == [{"paymentID": payment_id}]
    row = PaymentNotification.objects.get()
    assert (row.outcome, row.transaction_id) == ("accepted", item.pk)
    assert row.dedupe_key.startswith("sns:")
    assert row.headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize(
    ("variant", "reason"),
    [
        ("unsigned", "not signed"),
        ("bad_signature", "does not match"),
        ("tampered", "does not match"),
        ("foreign_cert", "not on an allowed"),
    ],
)
def test_a_notification_that_fails_its_signature_changes_nothing(
    haat, simulator, checkout, customer, variant, reason
):
    item, payment_id = _paid_at_bkash(checkout, simulator, customer)

    assert simulator.deliver_notification(payment_id, variant=variant) == 400

    _assert_nothing_changed(item)
    (detail,) = _rejected()
    assert reason in detail
    assert simulator.calls("payment/status") == []


def test_a_known_message_id_with_another_body_is_rejected(haat, simulator, checkout, customer):
    item, payment_id = _paid_at_bkash(checkout, simulator, customer)
    genuine = json.loads(simulator.outbox.notification_body(payment_id, variant="unsigned"))
    assert simulator.outbox.post(json.dumps(genuine).encode()) == 400
    genuine["Message"] = genuine["Message"].replace("230.00", "23.00")

    assert simulator.outbox.post(json.dumps(genuine).encode()) == 400

    _assert_nothing_changed(item)
    assert len(_rejected()) == 2


def test_a_notification_for_an_unknown_order_is_rejected(haat, simulator, checkout):
    # a payment at bKash whose invoice number is no transaction of Haat's
    with BkashClient(credentials_for(simulator)) as client:
        created = client.create_payment(
            amount=Decimal("230.00"),
            merchant_invoice=str(uuid.uuid4()),
            callback_url="https://haat.test/return",
            payer_reference="haat",
        )
    simulator.complete_now(created.payment_id)

    assert simulator.deliver_notification(created.payment_id) == 200

    assert _rejected() == ["Unknown merchantInvoiceNumber."]
    assert TransactionItem.objects.count() == 0


def test_another_amount_at_bkash_is_never_credited(haat, simulator, checkout, customer):
    item, payment_id = _paid_at_bkash(checkout, simulator, customer)
    simulator.confirm_amount(payment_id, "229.99")

    assert simulator.deliver_notification(payment_id) == 200
    assert customer.browser.get(
        f"{haat.url}/plugins/channel/bd/{BKASH}/return?paymentID={payment_id}&status=success"
    ).status_code in (200, 303)

    _assert_nothing_changed(item)
    assert _rejected() == [
        "bKash confirmed 229.99 BDT, not the 230.00 asked.",
        "bKash confirmed 229.99 BDT, not the 230.00 asked.",
    ]
    # transactionProcess fails the transaction rather than crediting it
    processed = process(checkout, item)
    assert processed.event.type == "CHARGE_FAILURE"
    assert processed.transaction.charged_value == Decimal("0")


def test_another_currency_at_bkash_is_never_credited(haat, simulator, checkout, customer):
    item, payment_id = _paid_at_bkash(checkout, simulator, customer)
    simulator.confirm_currency(payment_id, "USD")

    assert simulator.deliver_notification(payment_id) == 200

    _assert_nothing_changed(item)
    assert _rejected() == ["bKash confirmed 'USD', not BDT."]


def test_a_forged_success_return_for_an_unpaid_payment_changes_nothing(
    haat, simulator, checkout, customer
):
    outcome = initialize(checkout)
    payment_id = payment_id_of(outcome.data["redirectUrl"])

    answer = customer.browser.get(
        f"{haat.url}/plugins/channel/bd/{BKASH}/return?paymentID={payment_id}&status=success"
    )

    assert answer.status_code == 303
    _assert_nothing_changed(outcome.transaction)
    (detail,) = _rejected()
    assert detail.startswith("bKash does not confirm the payment")


def test_a_return_for_an_unknown_payment_is_rejected(haat, simulator, checkout, customer):
    outcome = initialize(checkout)

    answer = customer.browser.get(
        f"{haat.url}/plugins/channel/bd/{BKASH}/return?paymentID=TR0011FORGED&status=success"
    )

    assert answer.status_code == 404
    _assert_nothing_changed(outcome.transaction)
    assert _rejected() == ["Unknown bKash payment or status."]
    assert simulator.calls("execute") == []


def test_garbage_on_the_notification_route_is_a_400(haat, simulator):
    answer = httpx.post(f"{haat.url}/plugins/channel/bd/{BKASH}/ipn", content=b"<xml/>")

    assert answer.status_code == 400
    assert _rejected() == ["Not an SNS message (not JSON)."]


def test_a_subscription_is_confirmed_for_the_allowed_host(haat, simulator):
    assert simulator.send_subscription_confirmation() == 200

    assert simulator.outbox.subscription_confirmed
    row = PaymentNotification.objects.get()
    assert (row.outcome, row.detail) == ("accepted", "Subscription confirmed.")


def test_a_subscription_to_a_foreign_subscribe_url_is_not_confirmed(haat, simulator):
    signer = simulator.outbox.signer
    envelope = signer.envelope(
        kind="SubscriptionConfirmation",
        message="subscribe?",
        topic_arn=simulator.outbox.topic_arn,
        cert_url=simulator.outbox.cert_url,
        extra={"Token": "t", "SubscribeURL": "http://127.0.0.2:9/confirm?Token=t"},
    )
    envelope["Signature"] = signer.sign(envelope)

    assert simulator.outbox.post(json.dumps(envelope).encode()) == 400

    assert _rejected() == ["SubscribeURL is not on an SNS origin."]
    assert not simulator.outbox.subscription_confirmed


def test_a_certificate_that_cannot_be_fetched_asks_sns_to_retry(
    haat, simulator, checkout, customer
):
    item, payment_id = _paid_at_bkash(checkout, simulator, customer)
    simulator.inject("error", path="/sns/")

    assert simulator.deliver_notification(payment_id) == 503
    assert PaymentNotification.objects.get().outcome == "failed"
    _assert_nothing_changed(item)

    # SNS delivers the same message again and it goes through
    assert simulator.redeliver() == 200
    row = PaymentNotification.objects.get()
    assert row.outcome == "accepted"
    assert TransactionItem.objects.get(pk=item.pk).charged_value == Decimal("230.00")
