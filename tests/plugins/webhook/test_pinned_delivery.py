"""A delivery connects to the address its target check approved, never to a second DNS answer,
and keeps the host name in the URL and the Host header. The receiver is real (loopback); only
name resolution is the test's (`.test` names do not exist in DNS)."""

from __future__ import annotations

import ipaddress

import httpcore
import pytest

from plugins.webhook.delivery import PinnedNetworkBackend, send_delivery
from plugins.webhook.models import EventDelivery, EventDeliveryStatus, EventPayload
from plugins.webhook.tasks import enqueue_deliveries

from .addresses import NON_GLOBAL_ADDRESSES

HOST = "hooks.partner.test"


class Resolver:
    """The test's DNS: answers every name with `answers`, one list per lookup (the last one
    repeats), and records the lookups."""

    def __init__(self, *answers: list[str]) -> None:
        self.answers = [[ipaddress.ip_address(a) for a in answer] for answer in answers]
        self.lookups: list[tuple[str, int]] = []

    def __call__(self, host: str, port: int):
        self.lookups.append((host, port))
        return self.answers[min(len(self.lookups), len(self.answers)) - 1]


@pytest.fixture
def named_delivery(make_webhook, receiver):
    """A pending delivery to http://hooks.partner.test:<receiver's port>/hooks."""
    webhook = make_webhook(
        ["PRODUCT_UPDATED"], target_url=f"http://{HOST}:{receiver.server.server_port}/hooks"
    )
    return EventDelivery.objects.create(
        webhook=webhook,
        payload=EventPayload.objects.create(payload='{"ok": true}'),
        event_type="PRODUCT_UPDATED",
    )


def test_the_request_goes_to_the_checked_address_with_the_original_host(named_delivery, receiver):
    # given a name that only the check's resolver knows, answering the receiver's address
    resolve = Resolver(["127.0.0.1"])
    # when the delivery is sent
    attempt = send_delivery(named_delivery.pk, enqueue=enqueue_deliveries, resolve=resolve)
    # then it reached the receiver at the checked address, named by its host, after one lookup
    assert attempt is not None
    assert (attempt.status, attempt.response_status_code) == (EventDeliveryStatus.SUCCESS, 200)
    [request] = receiver.requests
    assert request.path == "/hooks"
    assert request.headers["Host"] == f"{HOST}:{receiver.server.server_port}"
    assert request.body == b'{"ok": true}'
    assert resolve.lookups == [(HOST, receiver.server.server_port)]


def test_a_second_answer_is_never_used(named_delivery, receiver, settings):
    # given a name that answers the (allowed) receiver, then a metadata address (DNS rebinding)
    resolve = Resolver(["127.0.0.1"], ["169.254.169.254"])
    # when the delivery is sent
    attempt = send_delivery(named_delivery.pk, enqueue=enqueue_deliveries, resolve=resolve)
    # then the one lookup was the checked one, and the request went there
    assert attempt is not None and attempt.status == EventDeliveryStatus.SUCCESS
    assert len(resolve.lookups) == 1
    assert len(receiver.requests) == 1


@pytest.mark.parametrize("address", NON_GLOBAL_ADDRESSES)
def test_a_name_resolving_to_a_refused_address_is_refused_at_delivery(
    named_delivery, receiver, settings, address
):
    # given a webhook saved while its name was fine, now resolving to a non-global address
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    # when the delivery is sent
    attempt = send_delivery(
        named_delivery.pk, enqueue=enqueue_deliveries, resolve=Resolver([address])
    )
    # then nothing is sent, the attempt says why, and the delivery fails without retry
    assert attempt is not None
    assert attempt.status == EventDeliveryStatus.FAILED
    assert attempt.response_status_code is None
    assert attempt.response.startswith(f"Refused: The target '{HOST}' is not a globally routable")
    named_delivery.refresh_from_db()
    assert named_delivery.status == EventDeliveryStatus.FAILED
    assert receiver.requests == []


def test_the_backend_does_not_connect_to_a_host_nobody_pinned(receiver):
    backend = PinnedNetworkBackend()
    with pytest.raises(httpcore.ConnectError, match="was not checked"):
        backend.connect_tcp("127.0.0.1", receiver.server.server_port, timeout=2)


def test_the_backend_tries_the_next_checked_address_when_one_refuses(receiver):
    # given two checked addresses, the first with nothing listening on the port
    backend = PinnedNetworkBackend()
    port = receiver.server.server_port
    backend.pin(HOST, port, (ipaddress.ip_address("127.0.0.2"), ipaddress.ip_address("127.0.0.1")))
    # when it connects
    stream = backend.connect_tcp(HOST, port, timeout=2)
    # then it reached the second, the receiver
    try:
        assert stream.get_extra_info("server_addr") == ("127.0.0.1", port)
    finally:
        stream.close()
