"""`App` and `AppToken` move here from the webhook plugin (tables and rows stay; only Django's
state moves, then the tables take this app's name in 0002)."""

import django.db.models.deletion
from django.db import migrations, models

from backend.core.db import adopt_content_types

_ID = (
    "id",
    models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("webhook", "0003_attempt_written_once"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="App",
                    fields=[
                        _ID,
                        ("metadata", models.JSONField(blank=True, default=dict)),
                        ("private_metadata", models.JSONField(blank=True, default=dict)),
                        ("name", models.CharField(max_length=60)),
                        ("identifier", models.CharField(blank=True, default="", max_length=256)),
                        (
                            "type",
                            models.CharField(
                                choices=[("local", "Local"), ("thirdparty", "Third party")],
                                default="local",
                                max_length=60,
                            ),
                        ),
                        ("is_active", models.BooleanField(default=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "permissions",
                            models.ManyToManyField(
                                blank=True, related_name="+", to="auth.permission"
                            ),
                        ),
                    ],
                    options={"ordering": ("name", "pk"), "db_table": "webhook_app"},
                ),
                migrations.CreateModel(
                    name="AppToken",
                    fields=[
                        _ID,
                        ("name", models.CharField(blank=True, default="", max_length=128)),
                        ("token_hash", models.CharField(max_length=64, unique=True)),
                        ("token_last_4", models.CharField(max_length=4)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "app",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="tokens",
                                to="apps.app",
                            ),
                        ),
                    ],
                    options={"ordering": ("pk",), "db_table": "webhook_apptoken"},
                ),
            ]
        ),
        migrations.RunPython(*adopt_content_types("webhook", "apps", "app", "apptoken")),
    ]
