"""Deliveries to a real HTTP receiver on loopback: signing, retries, backoff, refusals, the log."""

from __future__ import annotations

import json
import socket
import threading

import pytest
from django.db import connection, transaction
from django.test import TestCase
from django.utils import timezone

from plugins.framework.manager import PluginsManager, get_plugins_manager
from plugins.webhook.delivery import requeue_stale_deliveries, retry_event_delivery, send_delivery
from plugins.webhook.models import (
    EventDelivery,
    EventDeliveryAttempt,
    EventDeliveryStatus,
    EventPayload,
)
from plugins.webhook.plugin import WebhookPlugin
from plugins.webhook.tasks import enqueue_deliveries, send_event_delivery
from tests.factories import ProductFactory
from tests.http_receiver import Reply

from .addresses import NON_GLOBAL_ADDRESSES, url_of
from .conftest import SECRET, verify_haat_signature

PRODUCT_UPDATED = "PRODUCT_UPDATED"


def fire_product_updated(product) -> None:
    """The hook as the domain calls it, inside a transaction, with on-commit callbacks run."""
    with TestCase.captureOnCommitCallbacks(execute=True), transaction.atomic():
        get_plugins_manager().product_updated(product)


def run_retry(scheduled) -> dict:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return scheduled.run_next()


def seconds_until(retry: dict) -> float:
    return (retry["eta"] - retry["scheduled_at"]).total_seconds()


def attempts_of(delivery: EventDelivery) -> list[EventDeliveryAttempt]:
    return list(delivery.attempts.order_by("pk"))


def test_event_is_delivered_signed_with_headers(make_webhook, receiver, scheduled):
    # given a webhook subscribed to PRODUCT_UPDATED
    webhook = make_webhook([PRODUCT_UPDATED])
    product = ProductFactory()
    # when the product is updated and the transaction commits
    fire_product_updated(product)
    # then the receiver got one signed POST carrying the event and the delivery id
    delivery = EventDelivery.objects.get()
    [request] = receiver.requests
    assert request.path == "/hooks"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Haat-Event"] == PRODUCT_UPDATED
    assert request.headers["Haat-Delivery-Id"] == str(delivery.delivery_id)
    assert request.headers["User-Agent"].startswith("Haat-Webhooks/")
    assert verify_haat_signature(SECRET, request.headers["Haat-Signature"], request.body) is True
    assert request.body == delivery.payload.payload.encode()
    assert json.loads(request.body)["event"] == PRODUCT_UPDATED
    # and the log says so, without the secret
    delivery.refresh_from_db()
    assert delivery.webhook == webhook
    assert delivery.status == EventDeliveryStatus.SUCCESS
    assert delivery.attempt_count == 1
    [attempt] = attempts_of(delivery)
    assert attempt.status == EventDeliveryStatus.SUCCESS
    assert attempt.response_status_code == 200
    assert attempt.response == "ok"
    assert attempt.duration > 0
    assert attempt.task_id
    assert json.loads(attempt.request_headers)["Haat-Delivery-Id"] == str(delivery.delivery_id)
    assert SECRET not in attempt.request_headers
    assert json.loads(attempt.response_headers)["content-length"] == "2"
    assert scheduled.retries == []


def test_nothing_is_sent_before_commit(make_webhook, receiver, django_capture_on_commit_callbacks):
    # given a subscribed webhook
    make_webhook([PRODUCT_UPDATED])
    product = ProductFactory()
    # when the hook runs but the transaction has not committed
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        get_plugins_manager().product_updated(product)
    # then the delivery is stored, pending, and its sending waits for the commit
    assert len(callbacks) == 1
    assert EventDelivery.objects.get().status == EventDeliveryStatus.PENDING
    assert receiver.requests == []


@pytest.mark.django_db(transaction=True)
def test_rolled_back_transaction_sends_nothing_and_leaves_no_rows(make_webhook, receiver):
    # given a subscribed webhook (committed)
    make_webhook([PRODUCT_UPDATED])
    product = ProductFactory()
    # when the hook runs in a transaction that rolls back
    with pytest.raises(RuntimeError, match=r"^the change failed$"), transaction.atomic():
        get_plugins_manager().product_updated(product)
        assert EventDelivery.objects.count() == 1
        raise RuntimeError("the change failed")
    # then no payload, no delivery, no request
    assert EventPayload.objects.count() == 0
    assert EventDelivery.objects.count() == 0
    assert receiver.requests == []


def test_retries_with_backoff_until_success(make_webhook, receiver, scheduled):
    # given a receiver that fails twice, then succeeds
    make_webhook([PRODUCT_UPDATED])
    receiver.reply(500, 500, 200)
    # when the event fires and each scheduled retry is run when due
    fire_product_updated(ProductFactory())
    first_retry = seconds_until(scheduled.retries[0])
    run_retry(scheduled)
    second_retry = seconds_until(scheduled.retries[0])
    run_retry(scheduled)
    # then the retries waited base, then 2 * base (10 s, 20 s)
    assert first_retry == pytest.approx(10, abs=1)
    assert second_retry == pytest.approx(20, abs=1)
    assert scheduled.retries == []
    # and three attempts were logged, the last one a success
    delivery = EventDelivery.objects.get()
    assert delivery.status == EventDeliveryStatus.SUCCESS
    assert [(a.status, a.response_status_code) for a in attempts_of(delivery)] == [
        (EventDeliveryStatus.FAILED, 500),
        (EventDeliveryStatus.FAILED, 500),
        (EventDeliveryStatus.SUCCESS, 200),
    ]
    # and every attempt carried the same delivery id, each signed afresh
    assert len(receiver.requests) == 3
    assert {r.headers["Haat-Delivery-Id"] for r in receiver.requests} == {str(delivery.delivery_id)}
    assert all(
        verify_haat_signature(SECRET, r.headers["Haat-Signature"], r.body)
        for r in receiver.requests
    )


def test_400_is_not_retried(make_webhook, receiver, scheduled):
    # given a receiver that answers 400
    make_webhook([PRODUCT_UPDATED])
    receiver.reply(Reply(400, b'{"error": "bad payload"}'))
    # when the event fires
    fire_product_updated(ProductFactory())
    # then one attempt, FAILED, no retry scheduled
    delivery = EventDelivery.objects.get()
    assert delivery.status == EventDeliveryStatus.FAILED
    [attempt] = attempts_of(delivery)
    assert (attempt.status, attempt.response_status_code) == (EventDeliveryStatus.FAILED, 400)
    assert attempt.response == '{"error": "bad payload"}'
    assert scheduled.retries == []
    assert len(receiver.requests) == 1


def test_429_is_retried_after_its_retry_after(make_webhook, receiver, scheduled):
    # given a receiver that asks to come back in two minutes, then accepts
    make_webhook([PRODUCT_UPDATED])
    receiver.reply(Reply(429, headers={"Retry-After": "120"}), 200)
    # when the event fires and the retry runs when due
    fire_product_updated(ProductFactory())
    waited = seconds_until(scheduled.retries[0])
    run_retry(scheduled)
    # then the retry waited Retry-After (longer than the 10 s backoff) and succeeded
    assert waited == pytest.approx(120, abs=1)
    delivery = EventDelivery.objects.get()
    assert delivery.status == EventDeliveryStatus.SUCCESS
    assert [a.response_status_code for a in attempts_of(delivery)] == [429, 200]


def test_gives_up_after_five_attempts(make_webhook, receiver, scheduled):
    # given a receiver that always answers 503
    make_webhook([PRODUCT_UPDATED])
    receiver.reply(503, 503, 503, 503, 503, 503)
    # when the event fires and every scheduled retry runs
    fire_product_updated(ProductFactory())
    waits = []
    while scheduled.retries:
        waits.append(seconds_until(scheduled.retries[0]))
        run_retry(scheduled)
    # then 5 attempts with 10, 20, 40, 80 s between them, and the delivery FAILED
    assert waits == [pytest.approx(s, abs=1) for s in (10, 20, 40, 80)]
    delivery = EventDelivery.objects.get()
    assert delivery.status == EventDeliveryStatus.FAILED
    assert delivery.attempt_count == 5
    assert [a.response_status_code for a in attempts_of(delivery)] == [503] * 5
    assert len(receiver.requests) == 5
    # and a late duplicate message sends nothing more
    send_event_delivery.apply((delivery.pk,))
    assert len(receiver.requests) == 5


def test_timeout_is_recorded_and_retried(make_webhook, receiver, scheduled, settings):
    # given a receiver slower than the timeout
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.3
    make_webhook([PRODUCT_UPDATED])
    receiver.reply(Reply(200, delay=1.5))
    # when the event fires
    fire_product_updated(ProductFactory())
    # then the attempt failed as a timeout, with no status code, and a retry is scheduled
    delivery = EventDelivery.objects.get()
    [attempt] = attempts_of(delivery)
    assert attempt.status == EventDeliveryStatus.FAILED
    assert attempt.response_status_code is None
    assert attempt.response.startswith("Timed out after 0.3 s")
    assert 0.3 <= attempt.duration < 1.5
    assert delivery.status == EventDeliveryStatus.PENDING
    assert len(scheduled.retries) == 1


def test_connection_error_is_recorded_and_retried(make_webhook, scheduled):
    # given a webhook pointing at a loopback port nobody listens on
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    make_webhook([PRODUCT_UPDATED], target_url=f"http://127.0.0.1:{port}/hooks")
    # when the event fires
    fire_product_updated(ProductFactory())
    # then the connection error is logged and a retry is scheduled
    delivery = EventDelivery.objects.get()
    [attempt] = attempts_of(delivery)
    assert attempt.response_status_code is None
    assert attempt.response.startswith("ConnectError")
    assert delivery.status == EventDeliveryStatus.PENDING
    assert seconds_until(scheduled.retries[0]) == pytest.approx(10, abs=1)


def test_response_is_cut_to_1_kb(make_webhook, receiver, scheduled):
    # given a receiver answering with 5,000 bytes
    make_webhook([PRODUCT_UPDATED])
    receiver.reply(Reply(200, b"x" * 5000))
    # when the event fires
    fire_product_updated(ProductFactory())
    # then the log keeps the first 1,024
    attempt = EventDeliveryAttempt.objects.get()
    assert attempt.response == "x" * 1024


def test_task_is_idempotent(make_webhook, receiver, scheduled):
    # given a delivery that succeeded
    make_webhook([PRODUCT_UPDATED])
    fire_product_updated(ProductFactory())
    delivery = EventDelivery.objects.get()
    # when its task runs again (a duplicate message)
    send_event_delivery.apply((delivery.pk,))
    # then nothing more is sent or logged
    assert len(receiver.requests) == 1
    assert delivery.attempts.count() == 1


def test_retry_not_yet_due_sends_nothing(make_webhook, receiver, scheduled):
    # given a delivery waiting 10 s for its retry
    make_webhook([PRODUCT_UPDATED])
    receiver.reply(500)
    fire_product_updated(ProductFactory())
    delivery = EventDelivery.objects.get()
    # when a message for it arrives early
    assert send_delivery(delivery.pk, enqueue=enqueue_deliveries) is None
    # then nothing is sent
    assert len(receiver.requests) == 1
    assert delivery.attempts.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_send_an_attempt_once(make_webhook, receiver):
    # given a pending delivery and a slow receiver
    webhook = make_webhook([PRODUCT_UPDATED])
    receiver.reply(Reply(200, delay=0.5))
    delivery = EventDelivery.objects.create(
        webhook=webhook,
        payload=EventPayload.objects.create(payload="{}"),
        event_type=PRODUCT_UPDATED,
    )
    # when two workers run its task at the same time
    results = []
    start = threading.Barrier(2)

    def work():
        start.wait()
        try:
            results.append(send_delivery(delivery.pk, enqueue=enqueue_deliveries))
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then one sent it, the other found nothing to claim
    assert sorted(result is None for result in results) == [False, True]
    assert len(receiver.requests) == 1
    assert EventDeliveryAttempt.objects.count() == 1


PRIVATE_TARGETS = [
    "http://10.0.0.1/hooks",
    "http://169.254.169.254/latest/meta-data",
    "http://127.0.0.1:{port}/hooks",
    "http://[::1]:{port}/hooks",
    "http://localhost:{port}/hooks",
]


@pytest.mark.parametrize(
    "target",
    [
        *PRIVATE_TARGETS,
        *(url_of(param.values[0], port="{port}") for param in NON_GLOBAL_ADDRESSES),
    ],
)
def test_private_targets_are_refused_at_delivery(
    make_webhook, receiver, scheduled, settings, target
):
    # given a webhook saved while private networks were allowed, then the setting tightened
    make_webhook([PRODUCT_UPDATED], target_url=target.format(port=receiver.server.server_port))
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    # when the event fires
    fire_product_updated(ProductFactory())
    # then nothing is sent, the attempt says why, and it is not retried
    delivery = EventDelivery.objects.get()
    assert delivery.status == EventDeliveryStatus.FAILED
    [attempt] = attempts_of(delivery)
    assert attempt.status == EventDeliveryStatus.FAILED
    assert attempt.response_status_code is None
    assert attempt.response.startswith("Refused: ")
    assert "not a globally routable address" in attempt.response
    assert scheduled.retries == []
    assert receiver.requests == []


@pytest.mark.parametrize(
    ("webhook_active", "app_active"), [(False, True), (True, False)], ids=["webhook", "app"]
)
def test_inactive_webhook_or_app_gets_nothing(
    make_webhook, receiver, scheduled, webhook_active, app_active
):
    # given a subscribed webhook that is, or whose app is, inactive
    make_webhook([PRODUCT_UPDATED], is_active=webhook_active, app_is_active=app_active)
    # when the event fires
    fire_product_updated(ProductFactory())
    # then no delivery exists and nothing is sent
    assert EventDelivery.objects.count() == 0
    assert EventPayload.objects.count() == 0
    assert receiver.requests == []


def test_unsubscribed_event_gets_nothing(make_webhook, receiver, scheduled):
    # given a webhook subscribed to another event
    make_webhook(["PRODUCT_CREATED"])
    # when PRODUCT_UPDATED fires
    fire_product_updated(ProductFactory())
    # then nothing
    assert EventDelivery.objects.count() == 0
    assert receiver.requests == []


def test_every_subscribed_webhook_gets_its_own_delivery(make_webhook, receiver, scheduled):
    # given two webhooks of two apps on the same event, and one on another
    first = make_webhook([PRODUCT_UPDATED])
    second = make_webhook([PRODUCT_UPDATED, "PRODUCT_CREATED"])
    make_webhook(["PRODUCT_DELETED"])
    # when the event fires
    fire_product_updated(ProductFactory())
    # then one payload, two deliveries with distinct ids, two requests with the same body
    assert EventPayload.objects.count() == 1
    deliveries = EventDelivery.objects.order_by("webhook_id")
    assert [d.webhook_id for d in deliveries] == [first.pk, second.pk]
    assert len({d.delivery_id for d in deliveries}) == 2
    assert len(receiver.requests) == 2
    assert receiver.requests[0].body == receiver.requests[1].body


def test_webhook_without_secret_is_sent_unsigned(make_webhook, receiver, scheduled):
    # given a webhook with no secret
    make_webhook([PRODUCT_UPDATED], secret="")
    # when the event fires
    fire_product_updated(ProductFactory())
    # then it is delivered without a signature header
    [request] = receiver.requests
    assert "Haat-Signature" not in request.headers
    assert EventDelivery.objects.get().status == EventDeliveryStatus.SUCCESS


def test_staff_retry_sends_a_failed_delivery_again_with_the_same_id(
    make_webhook, receiver, scheduled
):
    # given a delivery that failed on a 400
    make_webhook([PRODUCT_UPDATED])
    receiver.reply(400, 200)
    fire_product_updated(ProductFactory())
    delivery = EventDelivery.objects.get()
    assert delivery.status == EventDeliveryStatus.FAILED
    # when staff retry it
    with TestCase.captureOnCommitCallbacks(execute=True):
        returned = retry_event_delivery(delivery=delivery, enqueue=enqueue_deliveries)
    # then it is sent again under the same delivery id and succeeds
    assert returned.pk == delivery.pk
    returned.refresh_from_db()
    assert returned.status == EventDeliveryStatus.SUCCESS
    assert [a.response_status_code for a in attempts_of(returned)] == [400, 200]
    assert [r.headers["Haat-Delivery-Id"] for r in receiver.requests] == [
        str(delivery.delivery_id)
    ] * 2


def test_staff_retry_returns_the_delivery_pending_before_commit(make_webhook, scheduled):
    # given a failed delivery
    make_webhook([PRODUCT_UPDATED])
    with TestCase.captureOnCommitCallbacks(execute=False):
        get_plugins_manager().product_updated(ProductFactory())
    delivery = EventDelivery.objects.get()
    EventDelivery.objects.filter(pk=delivery.pk).update(
        status=EventDeliveryStatus.FAILED, attempt_count=5
    )
    # when retried (not yet committed)
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        returned = retry_event_delivery(delivery=delivery, enqueue=enqueue_deliveries)
    # then it is pending with a fresh budget of attempts, and enqueued on commit
    assert returned.status == EventDeliveryStatus.PENDING
    assert returned.attempt_count == 0
    assert returned.delivery_id == delivery.delivery_id
    assert len(callbacks) == 1


def test_lost_messages_are_requeued(make_webhook, receiver, scheduled):
    # given a delivery pending for an hour (its message lost) and one out of attempts
    make_webhook([PRODUCT_UPDATED])
    with TestCase.captureOnCommitCallbacks(execute=False):
        get_plugins_manager().product_updated(ProductFactory())
        get_plugins_manager().product_updated(ProductFactory())
    lost, exhausted = EventDelivery.objects.order_by("pk")
    an_hour_ago = timezone.now() - timezone.timedelta(hours=1)
    EventDelivery.objects.filter(pk=lost.pk).update(next_attempt_at=an_hour_ago)
    EventDelivery.objects.filter(pk=exhausted.pk).update(
        next_attempt_at=an_hour_ago, attempt_count=5
    )
    # when the periodic requeue runs
    with TestCase.captureOnCommitCallbacks(execute=True):
        requeued = requeue_stale_deliveries(enqueue=enqueue_deliveries)
    # then the lost one is sent, the exhausted one failed
    assert requeued == 1
    lost.refresh_from_db()
    exhausted.refresh_from_db()
    assert lost.status == EventDeliveryStatus.SUCCESS
    assert exhausted.status == EventDeliveryStatus.FAILED
    assert [r.headers["Haat-Delivery-Id"] for r in receiver.requests] == [str(lost.delivery_id)]


def test_no_subscriber_costs_one_query_per_manager(
    make_webhook, django_assert_num_queries, scheduled
):
    # given no webhook subscribed to the event, and a manager with the webhook plugin
    make_webhook(["ORDER_CREATED"])
    product = ProductFactory()
    manager = PluginsManager(plugin_classes=[WebhookPlugin])
    # when a burst of events fires
    # then the plugin configuration and the subscriptions are read once, and nothing else
    with django_assert_num_queries(2):
        manager.product_updated(product)
    with django_assert_num_queries(0):
        manager.product_updated(product)
        manager.product_created(product)
    assert EventDelivery.objects.count() == 0


def test_unknown_delivery_is_ignored(db):
    # given no such delivery
    # when its task runs
    # then it does nothing
    assert send_delivery(10**9, enqueue=enqueue_deliveries) is None
    assert EventDeliveryAttempt.objects.count() == 0
