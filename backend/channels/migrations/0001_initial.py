"""`Channel` moves here from `catalog` (its table and rows stay; only Django's state moves)."""

from django.db import migrations, models

from backend.core.db import adopt_content_types


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("catalog", "0003_search_gin_pending_list"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Channel",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=250)),
                        ("slug", models.SlugField(max_length=255, unique=True)),
                        ("currency_code", models.CharField(default="BDT", max_length=3)),
                        ("default_country", models.CharField(default="BD", max_length=2)),
                        ("is_active", models.BooleanField(default=True)),
                    ],
                    options={
                        "ordering": ("slug",),
                        "permissions": (("manage_channels", "Manage channels."),),
                        "db_table": "catalog_channel",
                    },
                ),
            ],
        ),
        migrations.RunPython(*adopt_content_types("catalog", "channels", "channel")),
    ]
