"""`python -m bench.checkout [--quick]`: the checkout benchmark (issue 9).

1. Prepares PostgreSQL (BENCH_DATABASE_URL) as `bench.run` does (products seeded), then gives a
   few hundred variants of different vendors deep stock and makes sure the channel has delivery.
2. In process, through Django's test client: p50 and SQL statements of checkoutCreate, adding a
   line, the checkout query a storefront's checkout page sends, and checkoutComplete (cash on
   delivery), each for carts of 1 and of 20 lines.
3. Over HTTP: gunicorn with 2 threaded WSGI workers (as in production); 8 buyers of different
   products complete prepared checkouts in parallel: orders per second.
4. Writes bench/results/checkout[-quick].json and prints the figures beside Saleor's. The
   order notifications go to a Redis queue (BENCH_BROKER_URL, default redis://127.0.0.1:6379/7),
   emptied at the end, as a production web process hands them to a worker.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from bench import common
from bench.queries import CHANNEL
from bench.run import (
    DEFAULT_DATABASE_URL,
    configure_django,
    ensure_database,
    free_port,
    post_graphql,
    prepare_data,
    start_server,
    stop_server,
    summarize,
    wait_until_serving,
    worker_class,
)

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/7"
LINE_COUNTS = (1, 20)

TARGETS = {
    "checkout_create": {"p50_ms": 25},
    "lines_add": {"p50_ms": 25},
    "checkout_query": {"p50_ms": 25},
    "checkout_complete": {"p50_ms": 80},
    "http_complete": {"orders_per_second": 30, "workers": 2, "buyers": 8},
}
SALEOR_ANCHOR = {
    "checkout_create": {"p50_ms": 170},
    "lines_add": {"p50_ms": 300},
    "checkout_query": {"p50_ms": 230},
    "checkout_complete": {"p50_ms": 826, "queries": 200},
}

CREATE = """
mutation ($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) { checkout { id } errors { field code message } }
}
"""
LINES_ADD = """
mutation ($id: ID!, $lines: [CheckoutLineInput!]!) {
  checkoutLinesAdd(id: $id, lines: $lines) {
    checkout { id quantity totalPrice { gross { amount } } }
    errors { field code message }
  }
}
"""
DELIVERY = """
mutation ($id: ID!, $deliveryMethodId: ID!) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $deliveryMethodId) {
    checkout { id } errors { field code message }
  }
}
"""
SHIPPING_METHODS = """
query ($id: ID!) { checkout(id: $id) { shippingMethods { id name } } }
"""
CHECKOUT = """
query ($id: ID!) {
  checkout(id: $id) {
    id email voucherCode discountName chargeStatus authorizeStatus isShippingRequired
    discount { amount currency }
    shippingAddress { id city cityArea countryArea postalCode streetAddress1 phone }
    deliveryMethod { ... on ShippingMethod { id } ... on Warehouse { id } }
    shippingMethods { id name minimumDeliveryDays maximumDeliveryDays price { amount currency } }
    subtotalPrice { gross { amount currency } }
    shippingPrice { gross { amount currency } }
    totalPrice { gross { amount currency } tax { amount currency } }
    lines {
      id quantity
      totalPrice { gross { amount currency } }
      unitPrice { gross { amount currency } }
      undiscountedUnitPrice { amount currency }
      variant { id name product { name thumbnail { url alt } } }
    }
  }
}
"""
COMPLETE = """
mutation ($id: ID!) {
  checkoutComplete(id: $id) { order { id number } errors { field code message } }
}
"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.checkout")
    parser.add_argument("--quick", action="store_true", help="2,000 products, fewer iterations")
    parser.add_argument("--products", type=int)
    parser.add_argument("--iterations", type=int, help="timed runs per measure")
    parser.add_argument("--duration", type=float, help="seconds of the HTTP completion test")
    parser.add_argument("--buyers", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--name")
    args = parser.parse_args(argv)
    args.products = args.products or (2_000 if args.quick else 100_000)
    args.iterations = args.iterations or (30 if args.quick else 100)
    args.duration = args.duration or (5.0 if args.quick else 15.0)
    args.name = args.name or ("checkout-quick" if args.quick else "checkout")
    return args


# --- data ---------------------------------------------------------------------------------------


def prepare_buyables(count: int) -> dict[str, Any]:
    """`count` variants of as many different products, spread over vendors, each with deep stock
    in a channel warehouse; delivery set up for the channel; a customer address in Sirajganj."""
    from django.db import transaction
    from django.db.models.functions import Coalesce

    from backend.catalog.models import ProductVariant
    from backend.channels.models import Channel
    from backend.demo.delivery import ensure_delivery
    from backend.inventory.models import Stock
    from backend.marketplace.models import VendorStatus
    from backend.places.models import PostOffice, Union, Upazila
    from backend.shipping.models import ShippingRate
    from storefront_api.core.ids import to_global_id

    channel = Channel.objects.get(slug=CHANNEL)
    # Stock is reserved for nobody: a bench buyer completes straight away.
    channel.reserve_stock_duration_minutes = None
    channel.save(update_fields=["reserve_stock_duration_minutes"])
    # The demo's current rate table (an older bench database keeps the one it was made with).
    ShippingRate.objects.filter(channel=channel).delete()
    ensure_delivery(channel)
    variants = list(
        ProductVariant.objects.filter(
            channel_listings__channel=channel,
            product__vendor__status=VendorStatus.APPROVED,
            product__channel_listings__channel=channel,
            product__channel_listings__is_published=True,
            stocks__warehouse__channels=channel,
            product__product_type__is_shipping_required=True,
        )
        # Parcels the demo's slabs carry (up to 20 kg: 20 lines of up to 1 kg each).
        .alias(parcel_weight=Coalesce("weight", "product__weight", "product__product_type__weight"))
        .filter(parcel_weight__lte=Decimal(1))
        .order_by("product_id", "pk")
        .distinct("product_id")[:count]
    )
    with transaction.atomic():
        Stock.objects.filter(product_variant__in=variants, warehouse__channels=channel).update(
            quantity=1_000_000
        )
    upazila = Upazila.objects.select_related("district").order_by("pk").first()
    union = Union.objects.filter(upazila=upazila).order_by("pk").first()
    post_office = PostOffice.objects.filter(district=upazila.district).order_by("pk").first()
    address = {
        "firstName": "Bench",
        "lastName": "Buyer",
        "streetAddress1": "House 1",
        "countryArea": upazila.district.name,
        "city": upazila.name,
        "cityArea": union.name if union else "",
        "postalCode": post_office.postcode,
        "country": "BD",
        "phone": "+8801712345678",
    }
    return {
        "variant_ids": [to_global_id("ProductVariant", variant.pk) for variant in variants],
        "address": address,
    }


def new_checkout(client, data: dict[str, Any], lines: int, offset: int = 0) -> str:
    """A checkout of `lines` different products with the address set, ready for delivery."""
    ids = data["variant_ids"]
    result = post_graphql(
        client,
        CREATE,
        {
            "input": {
                "channel": CHANNEL,
                "email": "bench@haat.test",
                "lines": [
                    {"variantId": ids[(offset + i) % len(ids)], "quantity": 1} for i in range(lines)
                ],
                "shippingAddress": data["address"],
                "billingAddress": data["address"],
            }
        },
    )
    payload = result["data"]["checkoutCreate"]
    assert not payload["errors"], payload["errors"]
    return payload["checkout"]["id"]


def ready_checkout(client, data: dict[str, Any], lines: int, offset: int = 0) -> str:
    """A checkout with its address and the first delivery method offered: ready to complete."""
    checkout_id = new_checkout(client, data, lines, offset)
    methods = post_graphql(client, SHIPPING_METHODS, {"id": checkout_id})["data"]["checkout"][
        "shippingMethods"
    ]
    assert methods, "no delivery method offered"
    chosen = post_graphql(
        client, DELIVERY, {"id": checkout_id, "deliveryMethodId": methods[0]["id"]}
    )
    assert not chosen["data"]["checkoutDeliveryMethodUpdate"]["errors"]
    return checkout_id


# --- measuring ----------------------------------------------------------------------------------


def _count_queries(run) -> int:
    from django.db import connection

    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        run()
    return len(executed)


def _timed(runs: list) -> dict[str, Any]:
    """Time each prepared call once (each one acts on its own fresh checkout)."""
    latencies = []
    for run in runs:
        started = time.perf_counter()
        run()
        latencies.append(time.perf_counter() - started)
    return summarize(latencies)


def _ok(result: dict[str, Any], field: str) -> dict[str, Any]:
    assert "errors" not in result, result.get("errors")
    payload = result["data"][field]
    assert not payload.get("errors"), payload.get("errors")
    return payload


def measure(data: dict[str, Any], iterations: int) -> dict[str, Any]:
    from django.test import Client

    client = Client()
    ids = data["variant_ids"]
    figures: dict[str, Any] = {}
    for lines in LINE_COUNTS:
        create_input = {
            "channel": CHANNEL,
            "email": "bench@haat.test",
            "lines": [{"variantId": ids[i], "quantity": 1} for i in range(lines)],
            "shippingAddress": data["address"],
        }

        def create(create_input=create_input):
            _ok(post_graphql(client, CREATE, {"input": create_input}), "checkoutCreate")

        create()  # warm
        figures[f"checkout_create_{lines}"] = {
            **_timed([create] * iterations),
            "queries": _count_queries(create),
        }

        # Adding a line to a cart of `lines` lines.
        carts = [new_checkout(client, data, lines, offset=i) for i in range(iterations + 1)]

        def add_line(checkout_id, extra):
            _ok(
                post_graphql(
                    client,
                    LINES_ADD,
                    {"id": checkout_id, "lines": [{"variantId": extra, "quantity": 1}]},
                ),
                "checkoutLinesAdd",
            )

        extra = ids[-1]
        queries = _count_queries(partial(add_line, carts[0], extra))
        figures[f"lines_add_{lines}"] = {
            **_timed([partial(add_line, cart, extra) for cart in carts[1:]]),
            "queries": queries,
        }

        # The checkout page's query.
        ready = ready_checkout(client, data, lines)

        def read(ready=ready):
            result = post_graphql(client, CHECKOUT, {"id": ready})
            assert "errors" not in result and result["data"]["checkout"], result

        read()
        figures[f"checkout_query_{lines}"] = {
            **_timed([read] * iterations),
            "queries": _count_queries(read),
        }

        # Completing, as cash on delivery.
        prepared = [ready_checkout(client, data, lines, offset=i) for i in range(iterations + 1)]

        def complete(checkout_id):
            payload = _ok(post_graphql(client, COMPLETE, {"id": checkout_id}), "checkoutComplete")
            assert payload["order"], payload

        queries = _count_queries(partial(complete, prepared[0]))
        figures[f"checkout_complete_{lines}"] = {
            **_timed([partial(complete, checkout_id) for checkout_id in prepared[1:]]),
            "queries": queries,
        }
    return figures


def measure_http_completion(
    data: dict[str, Any],
    *,
    workers: int,
    buyers: int,
    duration_s: float,
    keep_alive: bool = False,
):
    """Buyers of different products complete prepared checkouts in parallel over HTTP.

    Each completion comes on a connection of its own, as different customers' browsers (or a
    proxy's pooled connections) spread over the workers. With `keep_alive` each buyer keeps one
    connection for all its orders: eight long-lived connections then split between the two
    workers as the kernel wakes them (measured from 4:4 to 7:1), which times that split rather
    than Haat; the figure is recorded beside the other."""
    import httpx
    from django.test import Client

    client = Client()
    per_buyer = max(20, int(duration_s * 12))
    queues = [
        [ready_checkout(client, data, 1, offset=buyer * per_buyer + i) for i in range(per_buyer)]
        for buyer in range(buyers)
    ]
    port = free_port()
    url = f"http://127.0.0.1:{port}/graphql/"
    process = start_server(port, workers)
    latencies: list[list[float]] = [[] for _ in range(buyers)]
    failures = [0] * buyers
    gate = threading.Barrier(buyers + 1)

    def buyer(index: int) -> None:
        limits = httpx.Limits() if keep_alive else httpx.Limits(max_keepalive_connections=0)
        http = httpx.Client(timeout=30, limits=limits)
        try:
            http.post(url, json={"query": "{ shop { name } }"})  # warm the client
        except Exception:
            gate.abort()  # the others (and the timer) fail at once instead of waiting for it
            http.close()
            raise
        try:
            gate.wait()
            for checkout_id in queues[index]:
                started = time.perf_counter()
                response = http.post(
                    url, json={"query": COMPLETE, "variables": {"id": checkout_id}}
                )
                elapsed = time.perf_counter() - started
                body = response.json()
                payload = (body.get("data") or {}).get("checkoutComplete") or {}
                if response.status_code == 200 and payload.get("order") and not payload["errors"]:
                    latencies[index].append(elapsed)
                else:
                    failures[index] += 1
        finally:
            http.close()

    try:
        wait_until_serving(url, process)
        threads = [threading.Thread(target=buyer, args=(i,), daemon=True) for i in range(buyers)]
        for thread in threads:
            thread.start()
        started = time.perf_counter()
        gate.wait()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        stop_server(process)
    done = [value for per_buyer_latencies in latencies for value in per_buyer_latencies]
    if not done:
        return {"error": "no order placed", "failures": sum(failures)}
    return {
        **summarize(done),
        "orders": len(done),
        "orders_per_second": round(len(done) / elapsed, 1),
        "failures": sum(failures),
        "duration_s": round(elapsed, 1),
        "buyers": buyers,
        "workers": workers,
        "connections": "one kept per buyer" if keep_alive else "one per order",
        "server": f"gunicorn -k {worker_class()}",
    }


def _empty_queue(broker_url: str) -> None:
    import redis

    redis.Redis.from_url(broker_url).flushdb()


def print_summary(results: dict[str, Any]) -> None:
    rows = [("measure", "lines", "p50 ms", "p95 ms", "SQL", "target", "Saleor 3.21")]
    for key in ("checkout_create", "lines_add", "checkout_query", "checkout_complete"):
        for lines in LINE_COUNTS:
            figures = results["in_process"].get(f"{key}_{lines}", {})
            anchor = SALEOR_ANCHOR.get(key, {})
            rows.append(
                (
                    key,
                    str(lines),
                    str(figures.get("p50_ms", "error")),
                    str(figures.get("p95_ms", "")),
                    str(figures.get("queries", "")),
                    f"<={TARGETS[key]['p50_ms']} ms",
                    f"{anchor.get('p50_ms')} ms"
                    + (f", ~{anchor['queries']} SQL" if "queries" in anchor else ""),
                )
            )
    http = results.get("http")
    if http:
        rows.append(
            (
                f"HTTP complete ({http.get('workers')}w/{http.get('buyers')} buyers)",
                "1",
                str(http.get("p50_ms", "error")),
                str(http.get("p95_ms", "")),
                "",
                f">=30 orders/s; got {http.get('orders_per_second')}",
                "",
            )
        )
    kept = results.get("http_keep_alive")
    if kept:
        rows.append(
            (
                "  same, 8 kept-alive connections",
                "1",
                str(kept.get("p50_ms", "error")),
                str(kept.get("p95_ms", "")),
                "",
                f"got {kept.get('orders_per_second')} orders/s",
                "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    ensure_database(database_url)
    # Order confirmations go nowhere: a console backend would time the terminal.
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    # As in production, the order's SMS and e-mail are queued for a worker (Redis), not sent
    # inside the request; the queue is emptied afterwards.
    broker_url = os.environ.get("BENCH_BROKER_URL", DEFAULT_BROKER_URL)
    os.environ["CELERY_BROKER_URL"] = broker_url
    configure_django(database_url)
    product_count = prepare_data(args.products)
    data = prepare_buyables(400)
    results: dict[str, Any] = {
        "mode": "quick" if args.quick else "full",
        "environment": common.environment(
            postgresql=common.postgres_version(), products=product_count
        ),
        "in_process": measure(data, args.iterations),
        "targets": TARGETS,
        "saleor_anchor": SALEOR_ANCHOR,
        "notes": "In-process figures through Django's test client, DEBUG off; each timed "
        "mutation acts on its own fresh checkout. Completion is cash on delivery (unpaid); its "
        "SMS and e-mail are queued in Redis for a worker, as in production. "
        "HTTP: gunicorn with threaded WSGI workers (as in production), buyers completing "
        "prepared one-line checkouts, each on a connection of its own (and, beside it, on one "
        "kept-alive connection per buyer).",
    }
    if not args.no_http:
        results["http"] = measure_http_completion(
            data, workers=args.workers, buyers=args.buyers, duration_s=args.duration
        )
        results["http_keep_alive"] = measure_http_completion(
            data,
            workers=args.workers,
            buyers=args.buyers,
            duration_s=args.duration,
            keep_alive=True,
        )
    _empty_queue(broker_url)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{args.name}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_summary(results)
    print(f"\nwritten to {path.relative_to(common.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
