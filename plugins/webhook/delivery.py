"""Sending webhook deliveries: claim an attempt, POST the signed body, record it, maybe retry.

The rules, in one place:
- 2xx: SUCCESS.
- 429, 5xx, a timeout or a connection error: retried after `base * 2**(n-1)` seconds
  (`WEBHOOK_RETRY_BACKOFF_SECONDS`; n is the attempt that failed), or after the response's
  `Retry-After` when that is longer, until `WEBHOOK_MAX_ATTEMPTS` attempts; then FAILED.
- Any other status (a 4xx but 429, a 3xx: redirects are not followed): FAILED, no retry.
- A target that is (now) not globally routable (`targets.py`): FAILED, no retry, nothing sent.
- The request goes to an address that check approved: the name is not resolved a second time
  (which would open a DNS-rebinding window), while the URL, the Host header and TLS (SNI and the
  certificate check) keep the name.

Sending is safe with many workers and duplicate messages: an attempt starts with one conditional
UPDATE that only succeeds for a pending delivery that is due and has attempts left, and that moves
`next_attempt_at` past the request's timeout (a lease). A second message for the same attempt finds
nothing to claim. A worker that dies mid-request leaves the lease to expire;
`requeue_stale_deliveries` then sends the delivery again, with the same `Haat-Delivery-Id`.

This module knows nothing of Celery: every function that schedules a send takes `enqueue`, the
callable that queues deliveries (`tasks.enqueue_deliveries`). The tasks import this module, never
the other way round.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import httpcore
import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from plugins.framework.crypto import decrypt_secret

from .models import (
    EventDelivery,
    EventDeliveryAttempt,
    EventDeliveryStatus,
    EventPayload,
    Webhook,
)
from .signing import SIGNATURE_HEADER, sign
from .targets import CheckedTarget, IPAddress, Resolver, check_target, resolve_host

logger = logging.getLogger(__name__)

RESPONSE_LIMIT_BYTES = 1024
USER_AGENT = "Haat-Webhooks/1.0"
# A Retry-After longer than this is not waited for (the backoff still applies).
MAX_RETRY_AFTER_SECONDS = 3600.0
# How long past its request's timeout an attempt's lease lasts.
LEASE_MARGIN_SECONDS = 60.0
# A pending delivery this far past due has lost its queue message (see requeue_stale_deliveries).
STALE_AFTER_SECONDS = 600.0


# --- creating and enqueueing ------------------------------------------------------------------


class EnqueueDeliveries(Protocol):
    """Queues one send per delivery: now, or at `eta`; on `queue`, or as the settings route."""

    def __call__(
        self,
        delivery_pks: Iterable[int],
        *,
        eta: dt.datetime | None = None,
        queue: str | None = None,
    ) -> None: ...


def create_deliveries(
    *, event_type: str, body: str, webhook_ids: Iterable[int], enqueue: EnqueueDeliveries
) -> list[EventDelivery]:
    """One stored payload and one delivery per webhook (two INSERTs), sent after commit.

    Call inside the transaction that made the change: a rollback removes the rows and the
    deliveries are never enqueued.
    """
    webhook_ids = list(webhook_ids)
    if not webhook_ids:
        return []
    payload = EventPayload.objects.create(payload=body)
    now = timezone.now()
    deliveries = EventDelivery.objects.bulk_create(
        [
            EventDelivery(
                webhook_id=webhook_id,
                payload=payload,
                event_type=event_type,
                next_attempt_at=now,
            )
            for webhook_id in webhook_ids
        ]
    )
    pks = [delivery.pk for delivery in deliveries]
    # robust: a broker that is down must not fail the committed request; the rows stay pending
    # and requeue_stale_deliveries sends them later.
    transaction.on_commit(lambda: enqueue(pks), robust=True)
    return deliveries


# --- the retry policy -------------------------------------------------------------------------


def backoff_seconds(failed_attempt: int) -> float:
    """The wait after attempt n (1-based) failed: base, 2 * base, 4 * base, ..."""
    return settings.WEBHOOK_RETRY_BACKOFF_SECONDS * 2 ** (failed_attempt - 1)


def parse_retry_after(value: str | None, *, now: dt.datetime) -> float | None:
    """Seconds from a Retry-After header (delay-seconds or an HTTP date); None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max((when - now).total_seconds(), 0.0)


def is_retryable_status(status_code: int) -> bool:
    return status_code == 429 or status_code >= 500


# --- one attempt ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptResult:
    status_code: int | None = None
    body: str = ""
    headers: dict[str, str] | None = None
    duration: float = 0.0
    error: str = ""
    retry_after: float | None = None

    @property
    def is_success(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def is_retryable(self) -> bool:
        if self.status_code is None:
            return bool(self.error)  # timeouts and connection errors
        return is_retryable_status(self.status_code)


class PinnedNetworkBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to the addresses pinned for a (host, port): the ones the target
    check approved. A host nobody pinned is not connected to. TLS, layered on the stream by
    httpcore, still uses the URL's host name for SNI and the certificate check."""

    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()
        self._pins: dict[tuple[str, int], tuple[IPAddress, ...]] = {}

    def pin(self, host: str, port: int, addresses: tuple[IPAddress, ...]) -> None:
        self._pins[(host, port)] = addresses

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._pins.get((host, port))
        if not addresses:
            raise httpcore.ConnectError(f"{host}:{port} was not checked; Haat does not connect.")
        refused: httpcore.ConnectError | None = None
        for address in addresses:  # a refused address tries the next; a timeout ends the attempt
            try:
                return self._backend.connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as error:
                refused = error
        assert refused is not None
        raise refused

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("Webhooks are not delivered to unix sockets.")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport on a connection pool that connects through a `PinnedNetworkBackend`
    (httpx takes no network backend argument, so the pool it builds is replaced)."""

    def __init__(self, *, limits: httpx.Limits, network_backend: PinnedNetworkBackend) -> None:
        super().__init__(limits=limits)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=network_backend,
        )


@dataclass
class _ThreadClient:
    client: httpx.Client
    network_backend: PinnedNetworkBackend


_local = threading.local()


def _thread_client() -> _ThreadClient:
    """One client per thread (and process), so connections to a receiver are kept alive."""
    current = getattr(_local, "client", None)
    if current is None:
        network_backend = PinnedNetworkBackend()
        limits = httpx.Limits(max_keepalive_connections=32, keepalive_expiry=30)
        client = httpx.Client(
            transport=PinnedTransport(limits=limits, network_backend=network_backend),
            follow_redirects=False,  # a redirect could point anywhere, private addresses too
            headers={"User-Agent": USER_AGENT},
            # No proxy from the environment: the request must go to the address checked here.
            trust_env=False,
        )
        current = _local.client = _ThreadClient(client=client, network_backend=network_backend)
    return current


def build_headers(*, delivery: EventDelivery, body: bytes, secret: str) -> dict[str, str]:
    headers = {
        "Content-Type": "application/json",
        "Haat-Event": delivery.event_type,
        "Haat-Delivery-Id": str(delivery.delivery_id),
        "User-Agent": USER_AGENT,
    }
    if secret:
        headers[SIGNATURE_HEADER] = sign(secret, int(time.time()), body)
    return headers


def _decode(raw: bytes) -> str:
    # PostgreSQL text cannot hold NUL; a multi-byte character cut at 1 KB is dropped.
    return raw.decode("utf-8", errors="ignore").replace("\x00", "")


def post(target: CheckedTarget, *, body: bytes, headers: dict[str, str]) -> AttemptResult:
    """POST once to the target's checked addresses; read at most 1 KB of the response (a huge
    body is not downloaded)."""
    started = time.perf_counter()
    thread_client = _thread_client()
    try:
        url = httpx.URL(target.url)
        # Pinned under the host and port httpcore will ask for (httpx's normalised host name).
        thread_client.network_backend.pin(
            url.raw_host.decode("ascii"), url.port or target.port, target.addresses
        )
        with thread_client.client.stream(
            "POST",
            url,
            content=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
        ) as response:
            chunks = bytearray()
            for chunk in response.iter_bytes():
                chunks.extend(chunk)
                if len(chunks) >= RESPONSE_LIMIT_BYTES:
                    break
            return AttemptResult(
                status_code=response.status_code,
                body=_decode(bytes(chunks[:RESPONSE_LIMIT_BYTES])),
                headers=dict(response.headers),
                duration=time.perf_counter() - started,
                retry_after=parse_retry_after(
                    response.headers.get("Retry-After"), now=timezone.now()
                ),
            )
    except httpx.TimeoutException as error:
        message = (
            f"Timed out after {settings.WEBHOOK_TIMEOUT_SECONDS:g} s ({type(error).__name__})."
        )
        return AttemptResult(error=message, duration=time.perf_counter() - started)
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        message = f"{type(error).__name__}: {error}"[:RESPONSE_LIMIT_BYTES]
        return AttemptResult(error=message, duration=time.perf_counter() - started)


def _claim(delivery_pk: int, *, now: dt.datetime) -> EventDelivery | None:
    """Take the next attempt of a pending, due delivery and load what sending it needs: the
    delivery (its `webhook` and `payload` filled in), or None when there is no attempt to take.

    Two statements of fixed SQL (UPDATE ... RETURNING, then one join), not ORM querysets: this
    runs once per delivery, and compiling querysets cost more CPU than the database work.
    """
    lease_end = now + dt.timedelta(seconds=settings.WEBHOOK_TIMEOUT_SECONDS + LEASE_MARGIN_SECONDS)
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            _CLAIM_SQL,
            [
                adapt(lease_end),
                adapt(now),
                delivery_pk,
                EventDeliveryStatus.PENDING.value,
                settings.WEBHOOK_MAX_ATTEMPTS,
                adapt(now),
            ],
        )
        claimed = cursor.fetchone()
        if claimed is None:
            return None
        webhook_id, payload_id, attempt_count, delivery_uuid, event_type = claimed
        cursor.execute(_LOAD_SQL, [webhook_id, payload_id])
        target_url, secret_key, body = cursor.fetchone()
    delivery = EventDelivery(
        pk=delivery_pk,
        webhook=Webhook(pk=webhook_id, target_url=target_url, secret_key=secret_key),
        payload=EventPayload(pk=payload_id, payload=body),
        delivery_id=uuid.UUID(str(delivery_uuid)),
        event_type=event_type,
        status=EventDeliveryStatus.PENDING,
        attempt_count=attempt_count,
        next_attempt_at=lease_end,
    )
    for instance in (delivery, delivery.webhook, delivery.payload):
        instance._state.adding = False
        instance._state.db = connection.alias
    return delivery


_DELIVERY = EventDelivery._meta.db_table
_WEBHOOK = Webhook._meta.db_table
_PAYLOAD = EventPayload._meta.db_table
# The same text on PostgreSQL and SQLite (3.35+ has RETURNING).
_CLAIM_SQL = f"""
    UPDATE {_DELIVERY}
    SET attempt_count = attempt_count + 1, next_attempt_at = %s, updated_at = %s
    WHERE id = %s AND status = %s AND attempt_count < %s
      AND (next_attempt_at IS NULL OR next_attempt_at <= %s)
    RETURNING webhook_id, payload_id, attempt_count, delivery_id, event_type
"""  # noqa: S608 (table names come from the models, values are parameters)
_LOAD_SQL = f"""
    SELECT webhook.target_url, webhook.secret_key, payload.payload
    FROM {_WEBHOOK} AS webhook, {_PAYLOAD} AS payload
    WHERE webhook.id = %s AND payload.id = %s
"""  # noqa: S608


def send_delivery(
    delivery_pk: int,
    *,
    enqueue: EnqueueDeliveries,
    task_id: str | None = None,
    queue: str | None = None,
    resolve: Resolver = resolve_host,
) -> EventDeliveryAttempt | None:
    """Make the delivery's next attempt if one is due; the attempt, or None when none was due.

    Idempotent: a finished delivery, an attempt another worker holds, or a retry that is not yet
    due returns None without sending. Side effect: a retry is enqueued (`enqueue`, at its due
    time, on `queue`) after the attempt is recorded. `resolve` looks host names up (DNS).
    """
    now = timezone.now()
    # The claim commits on its own: it is the lease that keeps other workers off this attempt.
    # The attempt row is written once, with its outcome, in _finish (fewer round trips per
    # delivery; a worker that dies mid-request leaves the lease to expire, not a stray row).
    delivery = _claim(delivery_pk, now=now)
    if delivery is None:
        return None
    attempt = EventDeliveryAttempt(delivery=delivery, task_id=task_id, created_at=now)
    webhook = delivery.webhook
    body = delivery.payload.payload.encode()

    try:
        target = check_target(webhook.target_url, resolve=resolve)
    except ValidationError as error:
        message = "; ".join(error.message_dict.get("target_url", error.messages))
        result = AttemptResult(error=f"Refused: {message}")
        _finish(
            delivery,
            attempt,
            result,
            request_headers={},
            retry=False,
            enqueue=enqueue,
            queue=queue,
        )
        return attempt

    headers = build_headers(delivery=delivery, body=body, secret=decrypt_secret(webhook.secret_key))
    result = post(target, body=body, headers=headers)
    _finish(
        delivery,
        attempt,
        result,
        request_headers=headers,
        retry=result.is_retryable,
        enqueue=enqueue,
        queue=queue,
    )
    return attempt


def _finish(
    delivery: EventDelivery,
    attempt: EventDeliveryAttempt,
    result: AttemptResult,
    *,
    request_headers: dict[str, str],
    retry: bool,
    enqueue: EnqueueDeliveries,
    queue: str | None,
) -> None:
    """Record the attempt and settle the delivery: success, a scheduled retry, or failure."""
    now = timezone.now()
    attempt_number = delivery.attempt_count
    if result.is_success:
        status = EventDeliveryStatus.SUCCESS
        next_attempt_at = None
    elif retry and attempt_number < settings.WEBHOOK_MAX_ATTEMPTS:
        status = EventDeliveryStatus.PENDING
        delay = backoff_seconds(attempt_number)
        if result.retry_after is not None:
            delay = max(delay, min(result.retry_after, MAX_RETRY_AFTER_SECONDS))
        next_attempt_at = now + dt.timedelta(seconds=delay)
    else:
        status = EventDeliveryStatus.FAILED
        next_attempt_at = None

    attempt.status = (
        EventDeliveryStatus.SUCCESS if result.is_success else EventDeliveryStatus.FAILED
    )
    attempt.response_status_code = result.status_code
    attempt.duration = result.duration
    attempt.response = result.body or result.error
    attempt.response_headers = json.dumps(result.headers or {})
    attempt.request_headers = json.dumps(request_headers)
    with transaction.atomic():
        attempt.save(force_insert=True)
        # Conditional: only the holder of this attempt settles the delivery.
        EventDelivery.objects.filter(
            pk=delivery.pk,
            status=EventDeliveryStatus.PENDING,
            attempt_count=attempt_number,
        ).update(status=status, next_attempt_at=next_attempt_at, updated_at=now)
        if status == EventDeliveryStatus.PENDING:
            pk = delivery.pk
            transaction.on_commit(
                lambda: enqueue([pk], eta=next_attempt_at, queue=queue), robust=True
            )
    delivery.status = status
    delivery.next_attempt_at = next_attempt_at
    if status == EventDeliveryStatus.FAILED:
        logger.info(
            "Webhook delivery %s failed after %s attempt(s): %s",
            delivery.delivery_id,
            attempt_number,
            result.status_code or result.error,
        )


# --- staff retry and lost messages ------------------------------------------------------------


def retry_event_delivery(*, delivery: EventDelivery, enqueue: EnqueueDeliveries) -> EventDelivery:
    """Send a delivery again (staff's "retry"): same delivery id, a fresh budget of attempts.

    A finished delivery goes back to pending; a pending one is already on its way and is only
    enqueued once more (an attempt that is not due, or held by a worker, is not sent twice).
    Side effect: a task enqueued after commit.
    """
    now = timezone.now()
    with transaction.atomic():
        EventDelivery.objects.filter(pk=delivery.pk).exclude(
            status=EventDeliveryStatus.PENDING
        ).update(
            status=EventDeliveryStatus.PENDING,
            attempt_count=0,
            next_attempt_at=now,
            updated_at=now,
        )
        pk = delivery.pk
        transaction.on_commit(lambda: enqueue([pk]), robust=True)
    delivery.refresh_from_db()
    return delivery


def requeue_stale_deliveries(
    *, enqueue: EnqueueDeliveries, now: dt.datetime | None = None, limit: int = 1000
) -> int:
    """Re-enqueue pending deliveries long past due (their message was lost); fail those out of
    attempts. Returns how many were re-enqueued. Run periodically (Celery beat)."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=STALE_AFTER_SECONDS)
    stale = EventDelivery.objects.filter(status=EventDeliveryStatus.PENDING).filter(
        Q(next_attempt_at__lte=cutoff) | Q(next_attempt_at__isnull=True, created_at__lte=cutoff)
    )
    stale.filter(attempt_count__gte=settings.WEBHOOK_MAX_ATTEMPTS).update(
        status=EventDeliveryStatus.FAILED, next_attempt_at=None, updated_at=now
    )
    pks = list(
        stale.filter(attempt_count__lt=settings.WEBHOOK_MAX_ATTEMPTS)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    enqueue(pks)
    return len(pks)
