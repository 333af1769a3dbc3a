"""`python -m bench.webhooks`: webhook fan-out through a real Celery worker on Redis.

1. Prepares PostgreSQL (BENCH_DATABASE_URL, created and migrated if missing) and Redis
   (BENCH_BROKER_URL, default redis://127.0.0.1:6379/6; its bench queue is emptied).
2. Starts 10 HTTP receivers on loopback in their own process (keep-alive, 200 "ok"), an app with
   one webhook per receiver subscribed to PRODUCT_UPDATED, and a worker:
   `celery -A backend.celery worker --pool=threads --concurrency=16` (options below).
3. Fires 1,000 PRODUCT_UPDATED events, each in its own transaction with its own plugins manager
   (as requests do): 10,000 signed deliveries. By default the worker runs meanwhile (live);
   with --backlog it starts once everything is queued.
4. Measures the queue drain time, from the first enqueue (backlog: the first attempt) to the last
   delivery recorded as sent, deliveries per second over it, and each delivery's latency.
5. Writes bench/results/<name>.json (webhooks.json, webhooks-backlog.json) and prints a summary.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import common

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/haat_bench_webhooks"
DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/6"
QUEUE = "bench-webhooks"
APP_NAME = "bench-webhooks"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.webhooks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--receivers", type=int, default=10)
    parser.add_argument("--pool", default="threads", choices=["threads", "prefork", "solo"])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--worker-processes", type=int, default=1, help="worker processes")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds to wait for drain")
    parser.add_argument(
        "--backlog",
        action="store_true",
        help="publish every event first, then start the worker: drain speed of a full queue",
    )
    parser.add_argument("--name", help="results file (default webhooks, webhooks-backlog)")
    parser.add_argument("--serve-receivers", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.name = args.name or ("webhooks-backlog" if args.backlog else "webhooks")
    return args


# --- receivers (a separate process, so they do not share the bench's GIL) ---------------------


def serve_receivers(count: int) -> None:
    """Start `count` keep-alive HTTP servers on loopback, print their ports, serve until killed."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body are two writes: without this, Nagle holds the body back until the
        # client's delayed ACK (~40 ms), and the bench would measure that, not Haat.
        disable_nagle_algorithm = True

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    servers = []
    for _ in range(count):
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.request_queue_size = 256
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    print(json.dumps([server.server_port for server in servers]), flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})


def start_receivers(count: int) -> tuple[subprocess.Popen, list[int]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.webhooks", "--serve-receivers", str(count)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    ports = json.loads(process.stdout.readline())
    return process, ports


# --- Django, the database and the worker ------------------------------------------------------


def configure(database_url: str, broker_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["CELERY_BROKER_URL"] = broker_url
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "haat-bench-only-secret-key")
    os.environ["WEBHOOK_ALLOWED_NETWORKS"] = "127.0.0.0/8"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "backend.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def worker_env() -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1"}


def start_workers(args: argparse.Namespace, log_dir: Path) -> list[subprocess.Popen]:
    celery = str(Path(sys.executable).with_name("celery"))
    processes = []
    for index in range(args.worker_processes):
        log = (log_dir / f"bench-webhooks-worker-{index}.log").open("wb")
        processes.append(
            subprocess.Popen(
                [
                    celery,
                    "-A",
                    "backend.celery",
                    "worker",
                    f"--pool={args.pool}",
                    f"--concurrency={args.concurrency}",
                    "-Q",
                    QUEUE,
                    "-n",
                    f"bench{index}@%h",
                    "--loglevel=WARNING",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=ROOT,
                env=worker_env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    return processes


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def setup_webhooks(ports: list[int]):
    """A fresh bench app with one webhook per receiver, and a product to announce."""
    from backend.apps.models import App
    from backend.catalog.models import Product
    from plugins.framework.crypto import encrypt_secret
    from plugins.webhook.models import EventPayload, Webhook, WebhookEvent
    from tests.factories import ProductFactory

    App.objects.filter(name=APP_NAME).delete()
    EventPayload.objects.filter(deliveries__isnull=True).delete()
    app = App.objects.create(name=APP_NAME)
    for index, port in enumerate(ports):
        webhook = Webhook.objects.create(
            app=app,
            name=f"receiver {index}",
            target_url=f"http://127.0.0.1:{port}/hooks",
            secret_key=encrypt_secret(f"bench-secret-{index}"),
        )
        WebhookEvent.objects.create(webhook=webhook, event_type="PRODUCT_UPDATED")
    product = Product.objects.filter(slug="bench-webhook-product").first()
    return product or ProductFactory(slug="bench-webhook-product", name="নকশিকাঁথা")


def fire_events(product, count: int) -> tuple[float, float]:
    """`count` PRODUCT_UPDATED events, each committed on its own; (first, last) commit times."""
    from django.db import transaction

    from plugins.framework.manager import get_plugins_manager

    first = last = 0.0
    for index in range(count):
        with transaction.atomic():
            get_plugins_manager().product_updated(product)
        last = time.time()
        if index == 0:
            first = last
    return first, last


def wait_for_drain(app_name: str, expected: int, timeout: float) -> dict[str, int]:
    from django.db.models import Count, Q

    from plugins.webhook.models import EventDelivery, EventDeliveryStatus

    deadline = time.monotonic() + timeout
    while True:
        counts = EventDelivery.objects.filter(webhook__app__name=app_name).aggregate(
            total=Count("pk"),
            success=Count("pk", filter=Q(status=EventDeliveryStatus.SUCCESS)),
            failed=Count("pk", filter=Q(status=EventDeliveryStatus.FAILED)),
        )
        if counts["success"] + counts["failed"] >= expected or time.monotonic() > deadline:
            return counts
        time.sleep(0.25)


def warm_up(product, expected: int, timeout: float = 60.0) -> float:
    """One event end to end: the worker is up, connections are open. Returns its seconds."""
    started = time.monotonic()
    fire_events(product, 1)
    counts = wait_for_drain(APP_NAME, expected, timeout)
    if counts["success"] != expected:
        raise SystemExit(f"warm-up failed: {counts} (see /tmp/bench-webhooks-worker-*.log)")
    return time.monotonic() - started


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def at(fraction: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000, 1)

    return {
        "p50_ms": at(0.50),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 1),
    }


def environment() -> dict[str, Any]:
    from django.conf import settings

    return common.environment(
        postgresql=common.postgres_version(),
        broker="redis",
        webhook_timeout_seconds=settings.WEBHOOK_TIMEOUT_SECONDS,
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.serve_receivers:
        serve_receivers(args.serve_receivers)
        return 0

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    broker_url = os.environ.get("BENCH_BROKER_URL", DEFAULT_BROKER_URL)
    sys.path.insert(0, str(ROOT))
    from bench.run import ensure_database

    ensure_database(database_url)
    configure(database_url, broker_url)

    import redis
    from django.conf import settings
    from django.db.models import Max, Min

    from backend.celery import app as celery_app
    from plugins.webhook.models import EventDelivery, EventDeliveryAttempt

    redis.Redis.from_url(broker_url).delete(QUEUE)
    celery_app.conf.task_default_queue = QUEUE

    receivers, ports = start_receivers(args.receivers)
    RESULTS.mkdir(exist_ok=True)
    workers: list[subprocess.Popen] = []
    try:
        product = setup_webhooks(ports)
        expected = args.events * args.receivers
        warm_up_seconds = 0.0
        if not args.backlog:
            workers = start_workers(args, Path("/tmp"))
            warm_up_seconds = warm_up(product, args.receivers)
            EventDelivery.objects.filter(webhook__app__name=APP_NAME).delete()
        first_enqueue, last_commit = fire_events(product, args.events)
        drain_started = first_enqueue
        if args.backlog:
            workers = start_workers(args, Path("/tmp"))
        counts = wait_for_drain(APP_NAME, expected, args.timeout)
        deliveries = EventDelivery.objects.filter(webhook__app__name=APP_NAME)
        if args.backlog:
            # From the worker's first attempt: its start-up is not queue draining.
            drain_started = (
                EventDeliveryAttempt.objects.filter(delivery__webhook__app__name=APP_NAME)
                .aggregate(first=Min("created_at"))["first"]
                .timestamp()
            )
        last_recorded = deliveries.aggregate(last=Max("updated_at"))["last"].timestamp()
        latencies = [
            (updated - created).total_seconds()
            for created, updated in deliveries.values_list("created_at", "updated_at")
        ]
        attempts = EventDeliveryAttempt.objects.filter(
            delivery__webhook__app__name=APP_NAME
        ).count()
    finally:
        stop(workers)
        stop([receivers])

    drain_seconds = last_recorded - drain_started
    results = {
        "environment": environment(),
        "worker": {
            "command": f"celery -A backend.celery worker --pool={args.pool} "
            f"--concurrency={args.concurrency}",
            "processes": args.worker_processes,
            "pool": args.pool,
            "concurrency": args.concurrency,
            "prefetch_multiplier": settings.CELERY_WORKER_PREFETCH_MULTIPLIER,
            "acks_late": settings.CELERY_TASK_ACKS_LATE,
            "http": "httpx.Client per thread, keep-alive",
        },
        "mode": "backlog (published first, then drained)"
        if args.backlog
        else "live (worker running while events are published)",
        "events": args.events,
        "receivers": args.receivers,
        "deliveries": counts,
        "attempts": attempts,
        "warm_up_seconds": round(warm_up_seconds, 2),
        "publish_seconds": round(last_commit - first_enqueue, 2),
        "events_published_per_second": round(
            args.events / max(last_commit - first_enqueue, 1e-9), 1
        ),
        "drain_seconds": round(drain_seconds, 2),
        "deliveries_per_second": round(counts["success"] / drain_seconds, 1),
        "delivery_latency": percentiles(latencies),
    }
    path = RESULTS / f"{args.name}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"{args.events} events x {args.receivers} receivers = {expected} deliveries "
        f"({counts['success']} sent, {counts['failed']} failed, {attempts} attempts)\n"
        f"worker: {results['worker']['command']} x {args.worker_processes} process(es), "
        f"prefetch {results['worker']['prefetch_multiplier']}, acks late\n"
        f"published in {results['publish_seconds']} s "
        f"({results['events_published_per_second']} events/s)\n"
        f"queue drained in {results['drain_seconds']} s: "
        f"{results['deliveries_per_second']} deliveries/s\n"
        f"delivery latency (created -> recorded): {results['delivery_latency']}\n"
        f"written to {path.relative_to(ROOT)}"
    )
    return 0 if counts["success"] == expected else 1


if __name__ == "__main__":
    sys.exit(main())
