"""`python -m bench.run [--quick] [--products N] [--name NAME]`: the read-API benchmark.

1. Prepares PostgreSQL (BENCH_DATABASE_URL): creates the database if missing, migrates, loads
   the geography and seeds products until N exist (100,000 by default, 2,000 with --quick).
2. In process, through Django's test client and with no response cache: latency percentiles and
   the SQL query count of a product list of 20, a product page and a search.
3. Over HTTP: gunicorn with 2 threaded WSGI workers (as in production) on a free loopback port,
   8 keep-alive clients for
   ~20 s: lists per second and latency percentiles. The server is stopped afterwards.
4. Writes bench/results/<name>.json and prints a table against the issue's targets.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench import common
from bench.queries import CHANNEL, PRODUCT_DETAIL, PRODUCT_LIST, PRODUCT_SEARCH, SEARCH_TERMS

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/haat_bench"

# The targets, and Saleor's figures on the same queries for scale.
TARGETS = {
    "product_list": {"p50_ms": 12, "queries": 8},
    "product_detail": {"p50_ms": 12, "queries": 8},
    "http_list": {"requests_per_second": 150, "workers": 2, "clients": 8},
}
SALEOR_ANCHOR = {
    "product_list": {"p50_ms": 120, "queries": 14},
    "product_detail": {"p50_ms": 125, "queries": 21},
    "product_search": {"p50_ms": 100},
    "http_list": {"requests_per_second": 15},
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 products, fewer iterations")
    parser.add_argument("--products", type=int, help="seed until this many products exist")
    parser.add_argument("--iterations", type=int, help="timed runs per in-process query")
    parser.add_argument("--duration", type=float, help="seconds of the HTTP load test")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP load test")
    parser.add_argument("--name", help="results file name (default: quick or full)")
    parser.add_argument(
        "--cache",
        action="store_true",
        help="with the anonymous response cache on (Redis, shared by the workers); "
        "results go to <name>-cached.json",
    )
    args = parser.parse_args(argv)
    args.products = args.products or (2_000 if args.quick else 100_000)
    args.iterations = args.iterations or (50 if args.quick else 200)
    args.duration = args.duration or (5.0 if args.quick else 20.0)
    args.name = args.name or ("quick" if args.quick else "full")
    if args.cache:
        args.name = f"{args.name}-cached"
    return args


# --- the database -------------------------------------------------------------------------------


def ensure_database(database_url: str) -> None:
    """CREATE DATABASE when it is missing (connecting to the `postgres` maintenance database)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def configure_django(database_url: str, *, cache: bool = False) -> None:
    """Production-like settings: DEBUG off (no query log), cheap hashes, and the response cache
    off unless asked for (then in Redis, BENCH_CACHE_URL, so both workers share it)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "haat-bench-only-secret-key")
    if cache:
        os.environ["STOREFRONT_CACHE_SECONDS"] = "300"
        os.environ["CACHE_URL"] = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/9")
    else:
        os.environ["STOREFRONT_CACHE_SECONDS"] = "0"
    os.environ["FAST_PASSWORD_HASHER"] = "1"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    import django

    django.setup()


def prepare_data(products: int) -> int:
    from django.core.management import call_command, get_commands
    from django.db import connection

    from backend.catalog.models import Product
    from backend.demo.seed import seed_products
    from backend.places.models import District

    call_command("migrate", verbosity=0, interactive=False)
    if "load_places" in get_commands() and District.objects.count() < 64:
        call_command("load_places", verbosity=0)
    started = time.perf_counter()
    result = seed_products(products=products, progress=print)
    if result.products_created:
        print(f"seeded {result.products_created} products in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, whoever loaded the data
    return Product.objects.count()


# --- in-process measurements --------------------------------------------------------------------


def summarize(latencies_s: list[float]) -> dict[str, float]:
    ordered = sorted(latencies_s)

    def percentile(fraction: float) -> float:
        return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]

    return {
        "runs": len(ordered),
        "p50_ms": round(percentile(0.50) * 1000, 2),
        "p95_ms": round(percentile(0.95) * 1000, 2),
        "p99_ms": round(percentile(0.99) * 1000, 2),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 2),
    }


def post_graphql(client, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = client.post(
        "/graphql/", json.dumps({"query": query, "variables": variables}), "application/json"
    )
    return response.json()


def measure_in_process(
    name: str, query: str, variables: dict[str, Any], *, iterations: int
) -> dict[str, Any]:
    """Warm up, count the SQL of one run, then time `iterations` runs."""
    from django.db import connection
    from django.test import Client

    client = Client()
    first = post_graphql(client, query, variables)
    if first.get("errors") or not first.get("data"):
        return {"error": first.get("errors") or "no data", "query": name}
    for _ in range(max(5, iterations // 10)):
        post_graphql(client, query, variables)
    # Counted with an execute wrapper: CaptureQueriesContext loses queries when a request's
    # start signal resets the connection's query log.
    executed: list[str] = []

    def count_query(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count_query):
        post_graphql(client, query, variables)
    latencies = []
    for _ in range(iterations):
        started = time.perf_counter()
        post_graphql(client, query, variables)
        latencies.append(time.perf_counter() - started)
    return {**summarize(latencies), "queries": len(executed)}


def pick_detail_slug() -> str:
    """A product with the most variants: the heaviest ordinary product page."""
    from django.db.models import Count

    from backend.catalog.models import Product
    from backend.marketplace.models import VendorStatus

    product = (
        Product.objects.filter(vendor__status=VendorStatus.APPROVED)
        .annotate(variant_count=Count("variants"))
        .order_by("-variant_count", "pk")
        .first()
    )
    return product.slug


# --- HTTP throughput ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# As the Dockerfile and docker-compose.yml serve Haat (tests/test_deployment.py checks them).
WORKER_CLASS = "gthread"
THREADS = 4


def worker_class() -> str:
    return f"{WORKER_CLASS} --threads {THREADS}"


def start_server(port: int, workers: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "backend.wsgi:application",
        "-k",
        WORKER_CLASS,
        "--threads",
        str(THREADS),
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())


def wait_until_serving(url: str, process: subprocess.Popen, timeout_s: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout_s
    body = {"query": PRODUCT_LIST, "variables": {"channel": CHANNEL, "first": 20}}
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            if httpx.post(url, json=body, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not start serving in time")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def load_test(url: str, *, clients: int, duration_s: float) -> dict[str, Any]:
    """`clients` threads, each with its own keep-alive connection, posting the list query."""
    import httpx

    body = json.dumps({"query": PRODUCT_LIST, "variables": {"channel": CHANNEL, "first": 20}})
    headers = {"Content-Type": "application/json"}
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures = [0] * clients
    start_gate = threading.Barrier(clients + 1)
    deadline = [0.0]

    def run(index: int) -> None:
        with httpx.Client(timeout=30) as client:
            client.post(url, content=body, headers=headers)  # opens the connection
            start_gate.wait()
            while time.perf_counter() < deadline[0]:
                started = time.perf_counter()
                response = client.post(url, content=body, headers=headers)
                elapsed = time.perf_counter() - started
                if response.status_code == 200 and b'"errors"' not in response.content[:200]:
                    latencies[index].append(elapsed)
                else:
                    failures[index] += 1

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + duration_s
    started = time.perf_counter()
    start_gate.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    all_latencies = [value for per_client in latencies for value in per_client]
    if not all_latencies:
        return {"error": "no successful request", "failures": sum(failures)}
    return {
        **summarize(all_latencies),
        "requests_per_second": round(len(all_latencies) / elapsed, 1),
        "failures": sum(failures),
        "duration_s": round(elapsed, 1),
        "clients": clients,
    }


def measure_http(*, workers: int, clients: int, duration_s: float) -> dict[str, Any]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/graphql/"
    process = start_server(port, workers)
    try:
        wait_until_serving(url, process)
        load_test(url, clients=clients, duration_s=min(3.0, duration_s))  # warm every worker
        result = load_test(url, clients=clients, duration_s=duration_s)
    finally:
        stop_server(process)
    return {**result, "workers": workers, "server": f"gunicorn -k {worker_class()}"}


# --- reporting ----------------------------------------------------------------------------------


def environment(product_count: int) -> dict[str, Any]:
    return common.environment(postgresql=common.postgres_version(), products=product_count)


def _anchor_text(anchor: dict[str, Any]) -> str:
    text = f"{anchor.get('p50_ms')} ms"
    return text + (f", {anchor['queries']} SQL" if "queries" in anchor else "")


def print_summary(results: dict[str, Any]) -> None:
    rows = [("measure", "p50 ms", "p95 ms", "mean ms", "SQL", "req/s", "target", "Saleor")]
    for key, label in (
        ("product_list", "list of 20"),
        ("product_detail", "product page"),
        *[(f"product_search_{term}", f"search '{term}'") for term in SEARCH_TERMS],
    ):
        figures = results["in_process"].get(key, {})
        target = TARGETS.get(key, {})
        anchor = SALEOR_ANCHOR.get(key, SALEOR_ANCHOR.get("product_search", {}))
        rows.append(
            (
                label,
                str(figures.get("p50_ms", "error")),
                str(figures.get("p95_ms", "")),
                str(figures.get("mean_ms", "")),
                str(figures.get("queries", "")),
                "",
                f"<={target['p50_ms']} ms, <={target['queries']} SQL" if target else "",
                f"{anchor.get('p50_ms')} ms"
                + (f", {anchor['queries']} SQL" if "queries" in anchor else ""),
            )
        )
    http = results.get("http")
    if http:
        rows.append(
            (
                f"HTTP list ({http.get('workers')}w/{http.get('clients')}c)",
                str(http.get("p50_ms", "error")),
                str(http.get("p95_ms", "")),
                str(http.get("mean_ms", "")),
                "",
                str(http.get("requests_per_second", "")),
                ">=150 req/s",
                "15 req/s",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    env = results["environment"]
    print(
        f"\nHaat read-API benchmark ({results['mode']}): {env['products']} products, "
        f"{env['cpu_count']} CPUs, Python {env['python']}, Django {env['django']}, "
        f"PostgreSQL {env['postgresql']}"
    )
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    ensure_database(database_url)
    configure_django(database_url, cache=args.cache)
    product_count = prepare_data(args.products)
    if args.cache:
        from django.core.cache import cache

        cache.clear()  # start cold: the first request of each query is a miss

    in_process: dict[str, Any] = {}
    list_variables = {"channel": CHANNEL, "first": 20}
    in_process["product_list"] = measure_in_process(
        "product_list", PRODUCT_LIST, list_variables, iterations=args.iterations
    )
    in_process["product_detail"] = measure_in_process(
        "product_detail",
        PRODUCT_DETAIL,
        {"channel": CHANNEL, "slug": pick_detail_slug()},
        iterations=args.iterations,
    )
    for term in SEARCH_TERMS:
        in_process[f"product_search_{term}"] = measure_in_process(
            f"product_search_{term}",
            PRODUCT_SEARCH,
            {"channel": CHANNEL, "first": 20, "search": term},
            iterations=args.iterations,
        )

    results: dict[str, Any] = {
        "mode": "quick" if args.quick else "full",
        "environment": environment(product_count),
        "in_process": in_process,
        "targets": TARGETS,
        "saleor_anchor": SALEOR_ANCHOR,
        "notes": (
            "Response cache ON (STOREFRONT_CACHE_SECONDS=300, Redis): after the first request "
            "every repeat is a hit. "
            if args.cache
            else "No response cache (STOREFRONT_CACHE_SECONDS=0). "
        )
        + "DEBUG off. In-process figures go through Django's test client; HTTP figures through "
        "gunicorn with threaded WSGI workers.",
    }
    if not args.no_http:
        results["http"] = measure_http(
            workers=args.workers, clients=args.clients, duration_s=args.duration
        )
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{args.name}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_summary(results)
    print(f"\nwritten to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
