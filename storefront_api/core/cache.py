"""Whole-response cache for anonymous storefront queries (STOREFRONT_CACHE_SECONDS > 0).

A hit costs one cache round trip and no SQL: the entry and the catalogue version are read together
and the entry counts only if it was computed at the current version. Writes bump the version
(backend.core.cache_version), so a change is visible on the next request rather than after the TTL;
the TTL bounds what no write announces, such as a product's publication date passing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import signals

from backend.core.cache_version import (
    CATALOG_VERSION_KEY,
    bump_catalog_version,
    ensure_catalog_version,
)

# Root fields whose answers depend only on the catalogue, the query and the host for an anonymous
# caller. An allow-list, so a new root field (a checkout by token, an order) is never cached by
# accident.
CACHEABLE_ROOT_FIELDS = frozenset(
    {
        "__typename",
        "__schema",
        "__type",
        "addressValidationRules",
        "categories",
        "category",
        "centre",
        "centres",
        "channel",
        "channels",
        "collection",
        "collections",
        "menu",
        "menus",
        "page",
        "pages",
        "product",
        "productVariant",
        "productVariants",
        "products",
        "shop",
        "vendor",
        "vendors",
    }
)

# Apps whose rows the cacheable fields read; `core` holds SiteSettings (the `shop` query),
# `content` pages and menus, `channels` the channel and its settings.
CATALOG_APP_LABELS = frozenset(
    {"catalog", "inventory", "marketplace", "places", "core", "content", "channels"}
)
# A new thumbnail changes an image URL from "make it" to "here it is"; both work, and bumping on
# every first view of an image would empty the cache while a storefront warms up.
IGNORED_MODELS = frozenset({"catalog.thumbnail"})

HIT = "hit"
MISS = "miss"
CACHE_HEADER = "X-Haat-Cache"


def is_enabled() -> bool:
    return settings.STOREFRONT_CACHE_SECONDS > 0


def is_cacheable(root_fields: Iterable[str]) -> bool:
    names = set(root_fields)
    return bool(names) and names <= CACHEABLE_ROOT_FIELDS


def response_key(
    *, base_url: str, query: str, variables: dict[str, Any], operation_name: str | None
) -> str:
    """The entry's key: what was asked, and of which host (media URLs are absolute)."""
    canonical_variables = json.dumps(
        variables, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    digest = hashlib.sha256()
    for part in (base_url, query, canonical_variables, operation_name or ""):
        digest.update(part.encode())
        digest.update(b"\0")
    return f"haat:storefront-response:{digest.hexdigest()}"


def lookup(key: str) -> tuple[bytes | None, int]:
    """(the cached JSON body or None, the catalogue version now): a miss is stored under it."""
    found = cache.get_many([CATALOG_VERSION_KEY, key])
    version = ensure_catalog_version(found.get(CATALOG_VERSION_KEY))
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        return entry[1], version
    return None, version


def store(key: str, *, version: int, body: bytes) -> None:
    """Keep `body` as computed at `version` (read before executing, so a write that commits
    meanwhile makes this entry stale at once)."""
    cache.set(key, (version, body), timeout=settings.STOREFRONT_CACHE_SECONDS)


def _is_catalog_model(model) -> bool:
    meta = model._meta
    return meta.app_label in CATALOG_APP_LABELS and meta.label_lower not in IGNORED_MODELS


def _bump_on_save_or_delete(sender, **kwargs) -> None:
    if _is_catalog_model(sender) and not kwargs.get("raw"):
        bump_catalog_version()


def _bump_on_m2m_change(sender, action: str, **kwargs) -> None:
    if action.startswith("post_") and _is_catalog_model(sender):
        bump_catalog_version()


def connect_invalidation_signals() -> None:
    """Bump the catalogue version on every ORM save or delete of a catalogue row.

    Signals, against the house rule, because this is cache bookkeeping, not domain logic: they
    catch the paths the services do not own (Django admin forms and inlines, shell fixes) without
    touching them. What signals miss (queryset.update, bulk_create, COPY) the services and bulk
    loaders cover by calling bump_catalog_version() themselves; bumps within one transaction
    collapse into one.
    """
    uid = "storefront_api.response_cache"
    # Per catalogue model, not for every sender: a delete listener makes Django read every row
    # it deletes (and cascades to) to send the signal, which the order, checkout and webhook
    # tables have no reason to pay for.
    for model in apps.get_models():
        if _is_catalog_model(model):
            label = model._meta.label_lower
            signals.post_save.connect(
                _bump_on_save_or_delete, sender=model, dispatch_uid=f"{uid}.save.{label}"
            )
            signals.post_delete.connect(
                _bump_on_save_or_delete, sender=model, dispatch_uid=f"{uid}.delete.{label}"
            )
    signals.m2m_changed.connect(_bump_on_m2m_change, dispatch_uid=f"{uid}.m2m")
