"""`manage.py print_schema`: write the GraphQL schema to storefront_api/schema.graphql.

The printed schema is committed so that API changes show up in review; `--check` (and a test) fail
when the committed file no longer matches the code.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from graphql import lexicographic_sort_schema, print_schema

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema.graphql"


def printed_schema() -> str:
    """The schema in SDL, types and fields sorted by name so the file is stable between runs."""
    from storefront_api.schema import schema

    return print_schema(lexicographic_sort_schema(schema.graphql_schema)) + "\n"


class Command(BaseCommand):
    help = "Print the GraphQL schema to storefront_api/schema.graphql (or check it is current)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit non-zero when the committed file is stale.",
        )
        parser.add_argument(
            "--print",
            action="store_true",
            dest="print_only",
            help="Print to standard output instead of writing the file.",
        )

    def handle(self, *args, check: bool = False, print_only: bool = False, **options) -> None:
        current = printed_schema()
        if print_only:
            self.stdout.write(current, ending="")
            return
        if check:
            committed = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
            if committed != current:
                raise CommandError(
                    f"{SCHEMA_PATH.name} is stale: run `make schema` and commit the result."
                )
            self.stdout.write(f"{SCHEMA_PATH.name} is up to date.")
            return
        SCHEMA_PATH.write_text(current, encoding="utf-8")
        self.stdout.write(f"Wrote {SCHEMA_PATH}.")
