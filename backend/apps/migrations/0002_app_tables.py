"""The moved tables take this app's name (the permissions join table follows `App`'s)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("apps", "0001_initial"),
        ("webhook", "0004_app_moved_to_apps"),
    ]

    operations = [
        migrations.AlterModelTable(name="app", table=None),
        migrations.AlterModelTable(name="apptoken", table=None),
    ]
