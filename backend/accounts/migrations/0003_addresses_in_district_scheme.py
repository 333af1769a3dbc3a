"""Stored Bangladeshi addresses move to issue 9's scheme.

Before: country_area the division, city the district, city_area the thana (upazila). After:
country_area the district, city the upazila, city_area the union. The old district and thana
move up one field each; the union was never asked for, so city_area is emptied and the
division dropped (the district implies it). One UPDATE: SQL reads every right-hand side from
the row as it was. Reversing moves them back down (the division stays empty: the old rules
allowed that).
"""

from django.db import migrations
from django.db.models import F
from django.db.models.functions import Left

# country_area and city_area hold 128 characters, city 256.
AREA_LENGTH = 128


def move_to_district_scheme(apps, schema_editor):
    address_model = apps.get_model("accounts", "Address")
    address_model.objects.filter(country="BD").update(
        country_area=Left(F("city"), AREA_LENGTH), city=F("city_area"), city_area=""
    )


def move_back_to_division_scheme(apps, schema_editor):
    address_model = apps.get_model("accounts", "Address")
    address_model.objects.filter(country="BD").update(
        city_area=Left(F("city"), AREA_LENGTH), city=F("country_area"), country_area=""
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles")]
    operations = [migrations.RunPython(move_to_district_scheme, move_back_to_division_scheme)]
