"""`manage.py seed --products N [--vendors V]`: bulk benchmark data (backend/demo/seed.py)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from backend.demo.seed import seed_products


class Command(BaseCommand):
    help = "Add seeded products (with variants, listings, stock) until N of them exist."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--products", type=int, required=True, help="How many in total.")
        parser.add_argument("--vendors", type=int, default=50, help="Spread over this many.")

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        result = seed_products(
            products=options["products"], vendors=options["vendors"], progress=self.stdout.write
        )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {result.products_created} products ({result.products_total} in total) "
                f"in {elapsed:.1f} s."
            )
        )
