"""`Channel` now lives in `backend.channels`: listings point there and catalog forgets it."""

import django.db.models.deletion
from django.db import migrations, models


def _to_channels(field):
    return migrations.AlterField(
        model_name=field[0],
        name="channel",
        field=models.ForeignKey(
            on_delete=django.db.models.deletion.CASCADE,
            related_name=field[1],
            to="channels.channel",
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_search_gin_pending_list"),
        ("channels", "0001_initial"),
        ("inventory", "0002_channel_moved_to_channels"),
        ("plugins", "0002_channel_moved_to_channels"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                _to_channels(("productchannellisting", "product_listings")),
                _to_channels(("productvariantchannellisting", "variant_listings")),
                _to_channels(("collectionchannellisting", "collection_listings")),
                migrations.DeleteModel(name="Channel"),
            ]
        )
    ]
