"""`App` and `AppToken` now live in `backend.apps`: webhooks point there (state only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("webhook", "0003_attempt_written_once"),
        ("apps", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="webhook",
                    name="app",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="webhooks",
                        to="apps.app",
                    ),
                ),
                migrations.DeleteModel(name="AppToken"),
                migrations.DeleteModel(name="App"),
            ]
        )
    ]
