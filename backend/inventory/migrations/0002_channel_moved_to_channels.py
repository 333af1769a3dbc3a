"""`Channel` moved to `backend.channels` (state only: the join table is unchanged)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0001_initial"),
        ("channels", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="warehouse",
                    name="channels",
                    field=models.ManyToManyField(
                        blank=True, related_name="warehouses", to="channels.channel"
                    ),
                ),
            ]
        )
    ]
