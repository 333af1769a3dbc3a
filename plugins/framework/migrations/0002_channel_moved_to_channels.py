"""`Channel` moved to `backend.channels` (state only: the column and its rows are unchanged)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plugins", "0001_initial"),
        ("channels", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="pluginconfiguration",
                    name="channel",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="plugin_configurations",
                        to="channels.channel",
                    ),
                ),
            ]
        )
    ]
