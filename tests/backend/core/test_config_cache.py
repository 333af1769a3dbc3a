"""The shared configuration cache (`backend.core.config_cache`), through the shop's settings:
a second read makes no query, a write is seen by the very next read (in the writing transaction
and, once it commits, in every other), and nothing uncommitted or rolled back is ever served."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.apps import apps
from django.db import connection, transaction

from backend.core.config_cache import ConfigCache, config_cache_entries
from backend.core.models import SITE_SETTINGS, SiteSettings
from backend.core.services import update_site_settings


def _in_another_connection(read: Callable[[], object]) -> object:
    """`read()` in a thread of its own, that is on another database connection (as another
    process would read), outside any transaction."""
    results: list[object] = []

    def run() -> None:
        try:
            results.append(read())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert len(results) == 1, "the read in the other connection failed"
    return results[0]


def _shop_name() -> str:
    return SiteSettings.get_current().name


@pytest.mark.django_db
def test_a_second_read_makes_no_query(django_assert_num_queries):
    # given the settings read once
    first = SiteSettings.get_current()
    # when they are read again
    with django_assert_num_queries(0):
        again = SiteSettings.get_current()
    # then they come from the cache
    assert again.pk == first.pk == 1
    assert again.limit_quantity_per_checkout == first.limit_quantity_per_checkout


@pytest.mark.django_db
def test_a_change_is_seen_by_the_very_next_read():
    # given the settings in the cache
    assert SiteSettings.get_current().limit_quantity_per_checkout == 50
    # when they change through the service
    update_site_settings(changes={"limit_quantity_per_checkout": 7})
    # then the next read has the change
    assert SiteSettings.get_current().limit_quantity_per_checkout == 7


@pytest.mark.django_db
def test_a_direct_save_and_a_delete_are_seen_by_the_next_read():
    # given the settings in the cache
    site = SiteSettings.get_current()
    # when the row is saved directly (as the tests and the shell do)
    site.name = "Renamed"
    site.save()
    # then
    assert _shop_name() == "Renamed"
    # and when it is deleted, the next read creates it afresh with the defaults
    SiteSettings.objects.all().delete()
    assert _shop_name() == "Haat"
    assert SiteSettings.objects.count() == 1


@pytest.mark.django_db
def test_a_rolled_back_change_is_never_served():
    # given the settings in the cache
    assert _shop_name() == "Haat"
    # when a transaction renames the shop, reads its own change, then rolls back
    with pytest.raises(RuntimeError), transaction.atomic():
        update_site_settings(changes={"name": "Never committed"})
        assert _shop_name() == "Never committed"
        raise RuntimeError("rolled back")
    # then the next read has the stored name, not the rolled-back one
    assert _shop_name() == "Haat"


@pytest.mark.postgres  # SQLite's in-memory test database locks the table across connections
@pytest.mark.django_db(transaction=True)
def test_other_connections_see_a_change_once_it_commits_and_not_before(
    django_assert_num_queries,
):
    # given committed settings, cached by another connection
    update_site_settings(changes={"name": "Before"})
    assert _in_another_connection(_shop_name) == "Before"
    with django_assert_num_queries(0):
        assert _shop_name() == "Before"

    with transaction.atomic():
        # when a transaction renames the shop and reads its own change
        update_site_settings(changes={"name": "After"})
        assert _shop_name() == "After"
        # then another connection still reads the committed name, and caches it
        assert _in_another_connection(_shop_name) == "Before"

    # and once the rename commits, every connection reads it at once
    assert _in_another_connection(_shop_name) == "After"
    assert _shop_name() == "After"


_race: dict[str, bool] = {"commit_during_load": False}


def _load_while_a_rename_commits() -> str:
    """The shop's name as read, with another connection committing a rename right after the
    read (as another process may while this one is loading)."""
    name = SiteSettings.objects.get_or_create(pk=1)[0].name
    if _race["commit_during_load"]:
        _race["commit_during_load"] = False
        _in_another_connection(lambda: update_site_settings(changes={"name": "Renamed meanwhile"}))
    return name


SHOP_NAME_UNDER_RACE = ConfigCache(
    "test-shop-name-under-race",
    load=_load_while_a_rename_commits,
    depends_on=("core.SiteSettings",),
)


@pytest.mark.django_db(transaction=True)
def test_a_value_loaded_while_a_write_commits_is_not_kept():
    # given committed settings
    update_site_settings(changes={"name": "Old name"})
    # when a read loads the old name while another connection commits a rename
    _race["commit_during_load"] = True
    assert SHOP_NAME_UNDER_RACE.get() == "Old name"
    # then what that read stored is already stale: the next read has the rename
    assert SHOP_NAME_UNDER_RACE.get() == "Renamed meanwhile"


def test_every_entry_depends_on_models_that_exist():
    # given the entries the project defines (the three configuration caches at least)
    keys = {entry.key for entry in config_cache_entries()}
    assert {SITE_SETTINGS.key} | {
        "haat:config:v1:plugin-configurations",
        "haat:config:v1:webhook-subscribers",
    } <= keys
    # then each dependency names a model, so its writes reach the entry (a typo would be silent)
    for entry in config_cache_entries():
        for label in entry.depends_on:
            assert apps.get_model(label) is not None, (entry.key, label)
