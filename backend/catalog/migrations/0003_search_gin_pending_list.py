"""Keep the search indexes' GIN pending lists small (PostgreSQL only).

A GIN index first appends new entries to an unsorted "pending list" that every search scans in
full until VACUUM (or a full list, 4 MB by default) merges it into the index: a few milliseconds
on every search of a freshly indexed catalogue. 256 kB keeps that scan negligible while bulk
re-indexing still merges in batches (turning the list off, `fastupdate = off`, made re-indexing
the whole catalogue about 2.5 times slower). The current lists are merged now.
"""

from django.db import migrations

from backend.core.db import postgres_only_sql

INDEXES = ("catalog_product_search_trgm", "catalog_product_search_vector")

PENDING_LIST = postgres_only_sql(
    "".join(
        f"ALTER INDEX {index} SET (gin_pending_list_limit = 256);"
        f"SELECT gin_clean_pending_list('{index}'::regclass);"
        for index in INDEXES
    ),
    "".join(f"ALTER INDEX {index} RESET (gin_pending_list_limit);" for index in INDEXES),
)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_search_and_default_channel")]
    operations = [migrations.RunPython(*PENDING_LIST)]
