"""Search indexes (PostgreSQL only: full-text and trigram) and the default channel: slug
`DEFAULT_CHANNEL_SLUG` (`bd` unless set), as Saleor's migration makes `default-channel`."""

from django.conf import settings
from django.db import migrations

from backend.core.db import postgres_only_sql

TRIGRAM = postgres_only_sql(
    "CREATE EXTENSION IF NOT EXISTS pg_trgm;"
    "CREATE INDEX IF NOT EXISTS catalog_product_search_trgm "
    "ON catalog_product USING gin (search_document gin_trgm_ops);"
    "CREATE INDEX IF NOT EXISTS catalog_product_search_vector "
    "ON catalog_product USING gin (search_vector);",
    "DROP INDEX IF EXISTS catalog_product_search_trgm;"
    "DROP INDEX IF EXISTS catalog_product_search_vector;",
)


def create_default_channel(apps, schema_editor):
    channel_model = apps.get_model("catalog", "Channel")
    channel_model.objects.get_or_create(
        slug=settings.DEFAULT_CHANNEL_SLUG,
        defaults={"name": "Bangladesh", "currency_code": "BDT", "default_country": "BD"},
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [
        migrations.RunPython(*TRIGRAM),
        migrations.RunPython(create_default_channel, migrations.RunPython.noop),
    ]
