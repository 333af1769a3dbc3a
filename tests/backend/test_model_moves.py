"""Channel, App/AppToken and pages/menus moved to their own apps with migrations that move only
Django's state: on a database made before the move, every row, foreign key and permission grant
survives, and the tables take their new names."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_THE_MOVES = [
    ("content", None),
    ("channels", None),
    ("apps", None),
    ("catalog", "0003_search_gin_pending_list"),
    ("webhook", "0003_attempt_written_once"),
    ("plugins", "0001_initial"),
    ("inventory", "0001_initial"),
]


def _migrate(targets):
    """Migrate to `targets`; the models as the applied migrations define them."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    applied = MigrationExecutor(connection)
    return applied._create_project_state(with_applied_migrations=True).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_rows_and_grants_made_before_the_moves_survive_them():
    # given a database as it was before the moves, with a row of every moved model
    old = _migrate(BEFORE_THE_MOVES)
    try:
        content_type = old.get_model("contenttypes", "ContentType")
        permission = old.get_model("auth", "Permission")
        group_model = old.get_model("auth", "Group")
        product_ct, _ = content_type.objects.get_or_create(app_label="catalog", model="product")
        channel_ct, _ = content_type.objects.get_or_create(app_label="catalog", model="channel")
        # (the backward migrations already put these permissions back where they were)
        manage_pages, _ = permission.objects.get_or_create(
            content_type=product_ct, codename="manage_pages", defaults={"name": "Manage pages."}
        )
        manage_channels, _ = permission.objects.get_or_create(
            content_type=channel_ct,
            codename="manage_channels",
            defaults={"name": "Manage channels."},
        )
        editors = group_model.objects.create(name="editors")
        editors.permissions.set([manage_pages, manage_channels])
        channel = old.get_model("catalog", "Channel").objects.create(name="Old", slug="old")
        app = old.get_model("webhook", "App").objects.create(name="Legacy")
        old.get_model("webhook", "AppToken").objects.create(
            app=app, token_hash="a" * 64, token_last_4="aaaa"
        )
        old.get_model("webhook", "Webhook").objects.create(
            app=app, target_url="https://hooks.example.com/"
        )
        page_type = old.get_model("catalog", "PageType").objects.create(name="Info", slug="info")
        page = old.get_model("catalog", "Page").objects.create(
            page_type=page_type, title="About", slug="about"
        )
        menu = old.get_model("catalog", "Menu").objects.create(name="navbar", slug="navbar")
        old.get_model("catalog", "MenuItem").objects.create(menu=menu, name="About", page=page)
        old.get_model("plugins", "PluginConfiguration").objects.create(
            identifier="x", channel=channel
        )

        # when the moves are migrated
        new = _migrate(_latest())
    finally:
        _migrate(_latest())

    # then every row is there under its new app, with its relations
    assert new.get_model("channels", "Channel").objects.get(slug="old").name == "Old"
    webhook = new.get_model("webhook", "Webhook").objects.select_related("app").get()
    assert webhook.app.name == "Legacy"
    assert new.get_model("apps", "AppToken").objects.get().app_id == webhook.app_id
    item = new.get_model("content", "MenuItem").objects.select_related("page__page_type").get()
    assert (item.page.title, item.page.page_type.slug) == ("About", "info")
    configuration = new.get_model("plugins", "PluginConfiguration").objects.get()
    assert configuration.channel.slug == "old"
    # and the grants follow the models' new apps
    grants = new.get_model("auth", "Group").objects.get(name="editors").permissions
    assert sorted(grants.values_list("content_type__app_label", "codename")) == [
        ("channels", "manage_channels"),
        ("content", "manage_pages"),
    ]
    # and the tables carry their new apps' names
    tables = set(connection.introspection.table_names())
    assert {"channels_channel", "apps_app", "apps_apptoken", "content_page"} <= tables
    assert not {"catalog_channel", "webhook_app", "catalog_page"} & tables
