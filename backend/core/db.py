"""Database facts the domain needs: which engine, and SQL that only PostgreSQL runs."""

from __future__ import annotations

from django.db import connection
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def is_postgres(using_connection=None) -> bool:
    return (using_connection or connection).vendor == "postgresql"


def postgres_only_sql(forward: str, backward: str = ""):
    """A RunPython pair that runs SQL on PostgreSQL and does nothing on SQLite (the demo)."""

    def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(forward)

    def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if backward and schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(backward)

    return forwards, backwards
