"""`manage.py populatedb`: the demo shop (idempotent; see backend/demo/populate.py)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from backend.demo import data
from backend.demo.populate import populate_demo_shop


class Command(BaseCommand):
    help = "Create the demo shop: centres, entrepreneurs, vendors, ~300 products, pages, menus."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        result = populate_demo_shop()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo shop ready: {result.products_created} products created "
                f"({result.products_total} in the demo) in {elapsed:.1f} s."
            )
        )
        self.stdout.write(
            f"  admin:         {data.ADMIN_PHONE} / {data.ADMIN_EMAIL}, "
            f"password {data.ADMIN_PASSWORD}\n"
            f"  entrepreneurs: {', '.join(v.owner_phone for v in data.ENTREPRENEURS_AND_VENDORS)}"
            f", password {data.DEMO_PASSWORD}\n"
            f"  customer:      {data.CUSTOMER_PHONE}, password {data.DEMO_PASSWORD}"
        )
