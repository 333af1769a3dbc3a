"""`python -m bench.plugins [--batches N] [--calls N]`: the plugin manager's overhead.

1. Sets Django up on a temporary SQLite database (migrated), with 10 stored plugin configurations,
   each holding an encrypted secret, so loading does the real work: one query, decryption,
   instantiation. Hook calls after the first touch no database, so the engine does not matter.
2. Times, in batches of `--calls` calls (so the timer's own cost is spread out):
   - a hook with 10 active plugins that each implement it trivially (`return previous_value`),
   - the same 10 bound methods called directly in a loop, the floor any dispatcher pays,
   - a hook that none of 10 active plugins implements,
   - the one-time load: a new manager and its first hook call.
3. Writes bench/results/plugins.json and prints the figures in microseconds.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import common

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
PLUGIN_COUNT = 10


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.plugins", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--batches", type=int, default=300, help="timed batches per measurement")
    parser.add_argument("--calls", type=int, default=1000, help="hook calls per batch")
    parser.add_argument("--loads", type=int, default=300, help="timed manager loads")
    return parser.parse_args(argv)


def setup_django(database_path: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_plugin_classes(*, implements_hook: bool) -> list[type]:
    from plugins.framework.base import BasePlugin, ConfigurationTypeField

    def product_updated(self, product, previous_value):
        return previous_value

    classes = []
    for number in range(PLUGIN_COUNT):
        attributes: dict[str, Any] = {
            "__module__": __name__,
            "PLUGIN_ID": f"bench.plugin-{number}",
            "PLUGIN_NAME": f"Bench {number}",
            "DEFAULT_ACTIVE": True,
            "DEFAULT_CONFIGURATION": [
                {"name": "merchant", "value": ""},
                {"name": "api_key", "value": ""},
            ],
            "CONFIG_STRUCTURE": {
                "merchant": {"type": ConfigurationTypeField.STRING},
                "api_key": {"type": ConfigurationTypeField.SECRET},
            },
        }
        if implements_hook:
            attributes["product_updated"] = product_updated
        classes.append(type(f"BenchPlugin{number}", (BasePlugin,), attributes))
    return classes


def store_configurations(plugin_classes: list[type]) -> None:
    from plugins.framework.configuration import update_plugin_configuration

    logging.getLogger("plugins.framework.configuration").setLevel(logging.WARNING)

    for plugin_class in plugin_classes:
        update_plugin_configuration(
            plugin_id=plugin_class.PLUGIN_ID,
            channel=None,
            active=True,
            configuration=[
                {"name": "merchant", "value": f"merchant-{plugin_class.PLUGIN_ID}"},
                {"name": "api_key", "value": f"sk_live_{plugin_class.PLUGIN_ID}_0123456789"},
            ],
            plugin_classes=plugin_classes,
        )


def per_call_microseconds(call: Callable[[], Any], *, batches: int, calls: int) -> dict[str, Any]:
    """Median and p95 over batches of the mean time of one call in the batch."""
    loop = range(calls)
    for _ in loop:  # warm up
        call()
    samples = []
    for _ in range(batches):
        started = time.perf_counter_ns()
        for _ in loop:
            call()
        samples.append((time.perf_counter_ns() - started) / calls / 1000)
    return summary(samples) | {"batches": batches, "calls_per_batch": calls}


def summary(samples: list[float]) -> dict[str, Any]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_us": round(statistics.median(ordered), 3),
        "p95_us": round(p95, 3),
        "min_us": round(ordered[0], 3),
    }


def measure(args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from plugins.framework.manager import PluginsManager

    implementing = make_plugin_classes(implements_hook=True)
    silent = make_plugin_classes(implements_hook=False)
    store_configurations(implementing)  # the silent ones share the ids, so the same rows

    product = object()
    manager = PluginsManager(plugin_classes=implementing)
    manager.product_updated(product)
    with CaptureQueriesContext(connection) as queries:
        manager.product_updated(product)
    assert len(queries.captured_queries) == 0, "hook calls after the first must not query"
    assert len(manager.get_plugins()) == PLUGIN_COUNT

    methods = [plugin.product_updated for plugin in manager.get_plugins()]

    def direct_calls() -> None:
        value = None
        for method in methods:
            value = method(product, previous_value=value)

    silent_manager = PluginsManager(plugin_classes=silent)
    silent_manager.product_updated(product)

    def load() -> None:
        PluginsManager(plugin_classes=implementing).product_updated(product)

    load()
    load_samples = []
    for _ in range(args.loads):
        started = time.perf_counter_ns()
        load()
        load_samples.append((time.perf_counter_ns() - started) / 1000)
        reset_queries()

    options = {"batches": args.batches, "calls": args.calls}
    hook = per_call_microseconds(lambda: manager.product_updated(product), **options)
    floor = per_call_microseconds(direct_calls, **options)
    none = per_call_microseconds(lambda: silent_manager.product_updated(product), **options)
    return {
        "hook_10_active_implementing": hook,
        "direct_calls_10_methods": floor,
        "manager_overhead_us": {
            "median_us": round(hook["median_us"] - floor["median_us"], 3),
            "note": "hook call minus calling the same 10 bound methods directly",
        },
        "hook_10_active_none_implementing": none,
        "manager_load_first_call": summary(load_samples)
        | {"runs": args.loads, "queries": 1, "plugins": PLUGIN_COUNT, "secrets_decrypted": 10},
    }


def environment() -> dict[str, Any]:
    return common.environment(
        database="sqlite (temporary; hook calls after the first load query nothing)",
        plugins=PLUGIN_COUNT,
    )


def print_summary(results: dict[str, Any]) -> None:
    figures = results["figures"]
    rows = [
        ("hook, 10 active plugins implementing it", figures["hook_10_active_implementing"]),
        ("the same 10 methods called directly", figures["direct_calls_10_methods"]),
        ("hook, 10 active plugins, none implementing", figures["hook_10_active_none_implementing"]),
        ("manager load + first hook call", figures["manager_load_first_call"]),
    ]
    print(f"{'measurement':<45} {'median µs':>10} {'p95 µs':>10}")
    for label, row in rows:
        print(f"{label:<45} {row['median_us']:>10.3f} {row['p95_us']:>10.3f}")
    overhead = figures["manager_overhead_us"]["median_us"]
    print(f"manager overhead per hook call (median): {overhead:.3f} µs")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="haat-bench-plugins-") as directory:
        setup_django(Path(directory) / "bench.sqlite3")
        results = {"environment": environment(), "figures": measure(args)}
        from django.db import connections

        connections.close_all()
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "plugins.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_summary(results)
    print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
