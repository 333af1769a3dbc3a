"""The moved table takes this app's name, once every reference to it has moved too."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("channels", "0001_initial"),
        ("catalog", "0004_channel_moved_to_channels"),
    ]

    operations = [migrations.AlterModelTable(name="channel", table=None)]
