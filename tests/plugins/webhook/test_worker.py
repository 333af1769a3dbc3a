"""The real thing: a `celery -A backend.celery worker` process on Redis delivers to loopback.

CI runs this on PostgreSQL with Redis on 127.0.0.1:6379 (`.ci/run` starts it): when Redis is not
reachable the test fails rather than skips, so a broken broker setup cannot hide.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection

from backend.catalog.services.products import create_product
from backend.celery import app as celery_app
from plugins.webhook.models import EventDelivery, EventDeliveryStatus
from tests.factories import ProductTypeFactory, VendorFactory

from .conftest import SECRET, verify_haat_signature

ROOT = Path(__file__).resolve().parents[3]
BROKER_URL = os.environ.get("HAAT_TEST_BROKER_URL", "redis://127.0.0.1:6379/5")
BACKOFF_SECONDS = 0.5
DEADLINE_SECONDS = 30.0


@dataclass
class Worker:
    process: subprocess.Popen
    log_path: Path
    queue: str

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def _test_database_url() -> str:
    """The pytest-django test database (test_<name>[_gwN]), which the worker must use too."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return f"postgres://{credentials}@{host}/{db['NAME']}"


def _celery_binary() -> str:
    return str(Path(sys.executable).with_name("celery"))


def _reset_producer_pools() -> None:
    """Forget pooled broker connections, so the next publish uses the broker now configured."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def celery_worker(transactional_db, webhook_settings, tmp_path):
    """A worker process on its own queue; this process publishes to it while the test runs."""
    try:
        redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(
            f"Redis is not reachable at {BROKER_URL} ({error}); the real-worker test needs it "
            "(.ci/run starts redis-server; locally: redis-server --daemonize yes)."
        )
    queue = f"haat-test-{uuid.uuid4().hex[:10]}"
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backend.settings",
        "DATABASE_URL": _test_database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": BROKER_URL,
        "WEBHOOK_RETRY_BACKOFF_SECONDS": str(BACKOFF_SECONDS),
        "WEBHOOK_TIMEOUT_SECONDS": "5",
        "WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8,::1/128",
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        _celery_binary(),
        "-A",
        "backend.celery",
        "worker",
        "--pool=threads",
        "--concurrency=2",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    saved = {
        key: celery_app.conf[key]
        for key in ("broker_url", "task_always_eager", "task_default_queue")
    }
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(  # noqa: S603 (our own venv's celery, fixed arguments)
            command,
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    worker = Worker(process=process, log_path=log_path, queue=queue)
    celery_app.conf.update(broker_url=BROKER_URL, task_always_eager=False, task_default_queue=queue)
    _reset_producer_pools()
    try:
        yield worker
    finally:
        celery_app.conf.update(saved)
        _reset_producer_pools()
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        redis.Redis.from_url(BROKER_URL).delete(queue)
        # Shown by pytest when the test failed.
        print(f"--- celery worker output ({' '.join(command)}) ---\n{worker.log()}")


def wait_for_status(delivery: EventDelivery, status: str, worker: Worker) -> EventDelivery:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        delivery.refresh_from_db()
        if delivery.status == status:
            return delivery
        assert worker.process.poll() is None, "the worker died"
        time.sleep(0.1)
    pytest.fail(f"delivery still {delivery.status} after {DEADLINE_SECONDS} s")


def create_product_through_the_domain():
    return create_product(vendor=VendorFactory(), product_type=ProductTypeFactory(), name="নকশিকাঁথা")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_real_worker_delivers_a_signed_webhook(celery_worker, make_webhook, receiver):
    # given a webhook subscribed to PRODUCT_CREATED and a worker on Redis
    make_webhook(["PRODUCT_CREATED"])
    # when a product is created through the domain (its transaction commits)
    product = create_product_through_the_domain()
    # then the worker POSTs the signed event to the receiver
    requests = receiver.wait_for(1, timeout=DEADLINE_SECONDS)
    assert len(requests) == 1, celery_worker.log()
    [request] = requests
    assert verify_haat_signature(SECRET, request.headers["Haat-Signature"], request.body)
    assert request.headers["Haat-Event"] == "PRODUCT_CREATED"
    payload = json.loads(request.body)
    assert payload["event"] == "PRODUCT_CREATED"
    assert payload["data"]["name"] == "নকশিকাঁথা"
    assert payload["data"]["slug"] == product.slug
    # and records the success
    delivery = wait_for_status(
        EventDelivery.objects.get(), EventDeliveryStatus.SUCCESS, celery_worker
    )
    assert request.headers["Haat-Delivery-Id"] == str(delivery.delivery_id)
    [attempt] = delivery.attempts.all()
    assert attempt.response_status_code == 200
    assert attempt.task_id


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_real_worker_retries_with_backoff(celery_worker, make_webhook, receiver):
    # given a receiver that fails twice, then succeeds, and a backoff base of 0.5 s
    make_webhook(["PRODUCT_CREATED"])
    receiver.reply(500, 500, 200)
    # when a product is created
    create_product_through_the_domain()
    # then three requests arrive, the second ~0.5 s and the third ~1 s after the one before
    requests = receiver.wait_for(3, timeout=DEADLINE_SECONDS)
    assert len(requests) == 3, celery_worker.log()
    first_gap = requests[1].received_at - requests[0].received_at
    second_gap = requests[2].received_at - requests[1].received_at
    assert BACKOFF_SECONDS <= first_gap < BACKOFF_SECONDS + 1.5
    assert 2 * BACKOFF_SECONDS <= second_gap < 2 * BACKOFF_SECONDS + 1.5
    # and all three carry the same delivery id and a valid signature
    delivery = wait_for_status(
        EventDelivery.objects.get(), EventDeliveryStatus.SUCCESS, celery_worker
    )
    assert {r.headers["Haat-Delivery-Id"] for r in requests} == {str(delivery.delivery_id)}
    assert all(verify_haat_signature(SECRET, r.headers["Haat-Signature"], r.body) for r in requests)
    assert [a.response_status_code for a in delivery.attempts.order_by("pk")] == [500, 500, 200]
