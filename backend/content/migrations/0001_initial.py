"""Pages and menus move here from `catalog` (tables and rows stay; only Django's state moves,
then the tables take this app's name in 0002)."""

import django.db.models.deletion
from django.db import migrations, models

from backend.core.db import adopt_content_types

MOVE_CONTENT_TYPES = adopt_content_types(
    "catalog",
    "content",
    "pagetype",
    "page",
    "pagetranslation",
    "menu",
    "menuitem",
    "menuitemtranslation",
)
# Saleor's page and menu permissions were declared on catalog's Product; they follow the models,
# keeping the rows (and so every grant of them to a group or user).
PERMISSION_HOMES = {
    "manage_pages": "page",
    "manage_page_types_and_attributes": "page",
    "manage_menus": "menu",
}


def move_permissions(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    permission = apps.get_model("auth", "Permission")
    product = content_type.objects.filter(app_label="catalog", model="product").first()
    if product is None:  # a new database: the permissions are created after migrating
        return
    for codename, model in PERMISSION_HOMES.items():
        home, _ = content_type.objects.get_or_create(app_label="content", model=model)
        permission.objects.filter(content_type=product, codename=codename).update(content_type=home)


def restore_permissions(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    permission = apps.get_model("auth", "Permission")
    product, _ = content_type.objects.get_or_create(app_label="catalog", model="product")
    permission.objects.filter(
        content_type__app_label="content", codename__in=PERMISSION_HOMES
    ).update(content_type=product)


MOVE_PERMISSIONS = (move_permissions, restore_permissions)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("catalog", "0004_channel_moved_to_channels"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Menu",
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
                        ("metadata", models.JSONField(blank=True, default=dict)),
                        ("private_metadata", models.JSONField(blank=True, default=dict)),
                        ("name", models.CharField(max_length=250)),
                        ("slug", models.SlugField(allow_unicode=True, max_length=255, unique=True)),
                    ],
                    options={
                        "db_table": "catalog_menu",
                        "ordering": ("pk",),
                        "permissions": (("manage_menus", "Manage navigation."),),
                    },
                ),
                migrations.CreateModel(
                    name="Page",
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
                        ("metadata", models.JSONField(blank=True, default=dict)),
                        ("private_metadata", models.JSONField(blank=True, default=dict)),
                        ("title", models.CharField(max_length=250)),
                        ("slug", models.SlugField(allow_unicode=True, max_length=255, unique=True)),
                        ("content", models.JSONField(blank=True, null=True)),
                        ("is_published", models.BooleanField(default=False)),
                        ("published_at", models.DateTimeField(blank=True, null=True)),
                        ("seo_title", models.CharField(blank=True, max_length=70, null=True)),
                        (
                            "seo_description",
                            models.CharField(blank=True, max_length=300, null=True),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        "db_table": "catalog_page",
                        "ordering": ("slug",),
                        "permissions": (
                            ("manage_pages", "Manage pages."),
                            (
                                "manage_page_types_and_attributes",
                                "Manage page types and attributes.",
                            ),
                        ),
                    },
                ),
                migrations.CreateModel(
                    name="PageType",
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
                        ("metadata", models.JSONField(blank=True, default=dict)),
                        ("private_metadata", models.JSONField(blank=True, default=dict)),
                        ("name", models.CharField(max_length=250)),
                        ("slug", models.SlugField(allow_unicode=True, max_length=255, unique=True)),
                    ],
                    options={
                        "db_table": "catalog_pagetype",
                        "ordering": ("slug",),
                    },
                ),
                migrations.CreateModel(
                    name="MenuItem",
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
                        ("metadata", models.JSONField(blank=True, default=dict)),
                        ("private_metadata", models.JSONField(blank=True, default=dict)),
                        ("sort_order", models.IntegerField(db_index=True, default=0)),
                        ("name", models.CharField(max_length=128)),
                        ("level", models.PositiveSmallIntegerField(default=0)),
                        ("url", models.URLField(blank=True, max_length=256, null=True)),
                        (
                            "category",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="catalog.category",
                            ),
                        ),
                        (
                            "collection",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="catalog.collection",
                            ),
                        ),
                        (
                            "menu",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="items",
                                to="content.menu",
                            ),
                        ),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="children",
                                to="content.menuitem",
                            ),
                        ),
                        (
                            "page",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="content.page",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "catalog_menuitem",
                        "ordering": ("sort_order", "pk"),
                    },
                ),
                migrations.AddField(
                    model_name="page",
                    name="page_type",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="pages",
                        to="content.pagetype",
                    ),
                ),
                migrations.CreateModel(
                    name="MenuItemTranslation",
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
                        ("language_code", models.CharField(max_length=35)),
                        ("name", models.CharField(max_length=128)),
                        (
                            "menu_item",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="translations",
                                to="content.menuitem",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "catalog_menuitemtranslation",
                        "unique_together": {("language_code", "menu_item")},
                    },
                ),
                migrations.CreateModel(
                    name="PageTranslation",
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
                        ("language_code", models.CharField(max_length=35)),
                        ("title", models.CharField(blank=True, max_length=255, null=True)),
                        ("content", models.JSONField(blank=True, null=True)),
                        ("seo_title", models.CharField(blank=True, max_length=70, null=True)),
                        (
                            "seo_description",
                            models.CharField(blank=True, max_length=300, null=True),
                        ),
                        (
                            "page",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="translations",
                                to="content.page",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "catalog_pagetranslation",
                        "unique_together": {("language_code", "page")},
                    },
                ),
            ]
        ),
        migrations.RunPython(*MOVE_CONTENT_TYPES),
        migrations.RunPython(*MOVE_PERMISSIONS),
    ]
