"""The moved tables take this app's name, once catalog has let go of them."""

from django.db import migrations

MODELS = ("pagetype", "page", "pagetranslation", "menu", "menuitem", "menuitemtranslation")


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("catalog", "0005_pages_and_menus_moved_to_content"),
    ]

    operations = [migrations.AlterModelTable(name=name, table=None) for name in MODELS]
