"""Ratings of NaN or ±Infinity (written before the domain refused them) become NULL: GraphQL's
Float cannot represent them, so every read of such a product failed."""

import math

from django.db import migrations


def null_non_finite_ratings(apps, schema_editor):
    # PostgreSQL compares NaN as equal to NaN (SQLite stores NaN as NULL already).
    Product = apps.get_model("catalog", "Product")
    Product.objects.filter(rating__in=[math.inf, -math.inf, math.nan]).update(rating=None)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_attribute_type")]

    operations = [migrations.RunPython(null_non_finite_ratings, migrations.RunPython.noop)]
