"""`python -m bench.payments [--quick]`: paying a checkout through each gateway (issue 10).

1. Prepares PostgreSQL (BENCH_DATABASE_URL) as `bench.checkout` does, starts every gateway's
   simulator on loopback and turns the gateways on in the channel, as `make demo` does.
2. For each gateway, in process through Django's test client, on fresh one-line checkouts:
   p50 and SQL statements of `transactionInitialize`, then (untimed) the customer's visit to
   the simulated payment page, then `transactionProcess` (Haat asks the gateway) and
   `checkoutComplete`. The same three for a 20-line cart give their SQL statements too: the
   payment path must add none that grows with the lines.
3. Writes bench/results/payments[-quick].json and prints the table.

The gateways' HTTP calls are real (loopback, to the simulators): their time is in the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import common
from bench.checkout import _count_queries, prepare_buyables, ready_checkout
from bench.run import (
    DEFAULT_DATABASE_URL,
    configure_django,
    ensure_database,
    post_graphql,
    prepare_data,
    summarize,
)

RESULTS = Path(__file__).resolve().parent / "results"
LINE_COUNTS = (1, 20)

INITIALIZE = """
mutation ($id: ID!, $gateway: String!, $data: JSON) {
  transactionInitialize(id: $id, paymentGateway: {id: $gateway, data: $data}) {
    transaction { id } transactionEvent { type } data
    errors { field code message }
  }
}
"""
PROCESS = """
mutation ($id: ID!, $data: JSON) {
  transactionProcess(id: $id, data: $data) {
    transaction { id chargedAmount { amount } } transactionEvent { type message } data
    errors { field code message }
  }
}
"""
COMPLETE = """
mutation ($id: ID!) {
  checkoutComplete(id: $id) { order { id chargeStatus } errors { field code message } }
}
"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.payments")
    parser.add_argument("--quick", action="store_true", help="2,000 products, fewer iterations")
    parser.add_argument("--iterations", type=int)
    parser.add_argument("--gateway", action="append", help="only these plugin ids")
    parser.add_argument("--name")
    args = parser.parse_args(argv)
    args.products = 2_000 if args.quick else 100_000
    args.iterations = args.iterations or (15 if args.quick else 40)
    args.name = args.name or ("payments-quick" if args.quick else "payments")
    return args


def _ok(result: dict[str, Any], field: str) -> dict[str, Any]:
    assert "errors" not in result, result.get("errors")
    payload = result["data"][field]
    assert not payload.get("errors"), payload.get("errors")
    return payload


class Gateway:
    """How the customer pays with one gateway: what to send, and the visit to its page."""

    def __init__(self, plugin_id: str, running: Any) -> None:
        self.plugin_id = plugin_id
        self.running = running

    def data(self) -> dict[str, Any] | None:
        if self.plugin_id == "saleor.io.dummy-payment-app":
            return {"event": {"type": "CHARGE_ACTION_REQUIRED"}}
        return {"returnUrl": "http://127.0.0.1:3000/checkout/return"}

    def visit(self, session_data: dict[str, Any]) -> dict[str, Any] | None:
        """The customer pays on the gateway's page; the data for transactionProcess."""
        from django.conf import settings

        from plugins.framework.simulated_customer import SimulatedCustomer

        if self.plugin_id == "saleor.io.dummy-payment-app":
            return {"event": {"type": "CHARGE_SUCCESS"}}
        if self.plugin_id == "haat.payments.cash":
            return None  # paid at the centre or to the postman, after the order is placed
        customer = SimulatedCustomer(stop_at=(settings.PUBLIC_URL, "http://127.0.0.1:3000"))
        try:
            if self.plugin_id == "haat.payments.agent-banking":
                reference = session_data["depositReference"]
                simulator = self.running.simulators[self.plugin_id]
                page = customer.open(f"{simulator.base_url}/agent/deposits/{reference}")
                customer.press(page, "Record deposit")
                return {"depositReference": reference}
            page = customer.open(session_data["redirectUrl"])
            assert not isinstance(page, str), page
            customer.press(page, "Pay")
            return None
        finally:
            customer.close()


def measure_gateway(
    client: Any, data: dict[str, Any], gateway: Gateway, iterations: int
) -> dict[str, Any]:
    timings: dict[str, list[float]] = {"initialize": [], "process": [], "complete": []}
    queries: dict[str, dict[int, int]] = {"initialize": {}, "process": {}, "complete": {}}
    charged_in_full = 0

    def run_once(lines: int, offset: int, count: bool) -> None:
        nonlocal charged_in_full
        checkout_id = ready_checkout(client, data, lines, offset)
        state: dict[str, Any] = {}

        def initialize() -> dict[str, Any]:
            state["init"] = _ok(
                post_graphql(
                    client,
                    INITIALIZE,
                    {"id": checkout_id, "gateway": gateway.plugin_id, "data": gateway.data()},
                ),
                "transactionInitialize",
            )
            return state["init"]

        def process() -> dict[str, Any]:
            return _ok(
                post_graphql(
                    client,
                    PROCESS,
                    {"id": state["init"]["transaction"]["id"], "data": state["process_data"]},
                ),
                "transactionProcess",
            )

        def complete() -> dict[str, Any]:
            return _ok(post_graphql(client, COMPLETE, {"id": checkout_id}), "checkoutComplete")

        steps: dict[str, Callable[[], dict[str, Any]]] = {
            "initialize": initialize,
            "process": process,
            "complete": complete,
        }
        for name, step in steps.items():
            if name == "process":
                state["process_data"] = gateway.visit(state["init"]["data"] or {})
            if count:
                queries[name][lines] = _count_queries(step)
            else:
                started = time.perf_counter()
                result = step()
                timings[name].append(time.perf_counter() - started)
                if name == "complete" and result["order"]["chargeStatus"] == "FULL":
                    charged_in_full += 1

    offset = 0
    for lines in LINE_COUNTS:
        run_once(lines, offset, count=True)
        offset += lines
    for _ in range(iterations):
        run_once(1, offset, count=False)
        offset += 1
    return {
        **{f"{name}_p50_ms": summarize(values)["p50_ms"] for name, values in timings.items()},
        "queries": queries,
        "orders_charged_in_full": charged_in_full,
        "iterations": iterations,
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    ensure_database(database_url)
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    os.environ["PAYMENTS_ALLOW_DUMMY_GATEWAY"] = "1"
    configure_django(database_url)
    from django.conf import settings
    from django.test import Client

    from backend.channels.models import Channel
    from backend.demo.payments import configure_gateways, start_simulators

    product_count = prepare_data(args.products)
    data = prepare_buyables(400)
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    running = start_simulators(channel.slug)
    results: dict[str, Any] = {}
    try:
        enabled = configure_gateways(channel, running)
        gateways = [
            plugin_id
            for plugin_id in [*enabled, "haat.payments.cash"]
            if not args.gateway or plugin_id in args.gateway
        ]
        client = Client()
        for plugin_id in gateways:
            results[plugin_id] = measure_gateway(
                client, data, Gateway(plugin_id, running), args.iterations
            )
    finally:
        running.stop()
    report = {
        "mode": "quick" if args.quick else "full",
        "environment": common.environment(
            postgresql=common.postgres_version(), products=product_count
        ),
        "gateways": results,
        "notes": "In process through Django's test client; each gateway's HTTP calls go to its "
        "simulator on loopback. p50 over one-line checkouts; SQL statements for 1 and 20 lines. "
        "The customer's visit to the payment page between initialize and process is not timed.",
    }
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{args.name}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    header = f"{'gateway':32} {'init ms':>8} {'process':>8} {'complete':>9}  SQL 1 line / 20 lines"
    print(header)
    for plugin_id, figures in results.items():
        sql = " ".join(
            f"{name[:4]} {figures['queries'][name][1]}/{figures['queries'][name][20]}"
            for name in ("initialize", "process", "complete")
        )
        print(
            f"{plugin_id:32} {figures['initialize_p50_ms']:8.1f} {figures['process_p50_ms']:8.1f}"
            f" {figures['complete_p50_ms']:9.1f}  {sql}"
        )
    print(f"\nwritten to {path.relative_to(RESULTS.parent.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
