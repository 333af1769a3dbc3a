"""Order numbers: short, increasing, never reused."""

from __future__ import annotations

from django.db import connection
from django.db.models import Max

from .models import Order


def next_order_number() -> int:
    """The next number from the sequence (PostgreSQL); on SQLite, the demo's single writer, one
    more than the highest so far."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval('orders_order_number_seq')")
            return int(cursor.fetchone()[0])
    highest = Order.objects.aggregate(highest=Max("number"))["highest"]
    return max(int(highest or 0), 999) + 1
