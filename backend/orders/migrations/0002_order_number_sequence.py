"""Order numbers come from a PostgreSQL sequence: concurrent checkouts never wait on each other
for a number (SQLite, the single-user demo, counts instead: see backend.orders.numbers)."""

from django.db import migrations


def create_sequence(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE SEQUENCE IF NOT EXISTS orders_order_number_seq START 1000")


def drop_sequence(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP SEQUENCE IF EXISTS orders_order_number_seq")


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [migrations.RunPython(create_sequence, drop_sequence)]
