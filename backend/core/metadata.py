"""The one write path of public and private metadata (Saleor's updateMetadata and friends).

Metadata is a JSON column that apps and storefronts write a few keys at a time, often at once
(a storefront and an app on the same checkout): each write locks the row, merges into what is
stored now and saves only that column, so no writer loses another's keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import TypeVar

from django.db import transaction

from .errors import field_error
from .models import ModelWithMetadata

M = TypeVar("M", bound=ModelWithMetadata)


class MetadataErrorCode(StrEnum):
    """Saleor 3.21's MetadataErrorCode."""

    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    NOT_UPDATED = "not_updated"


def metadata_column(*, private: bool) -> str:
    return "private_metadata" if private else "metadata"


def update_metadata(
    instance: M,
    items: Mapping[str, str],
    *,
    private: bool,
    on_change: Callable[[M], None] | None = None,
) -> M:
    """Set `items` in the instance's public (or private) metadata, keeping every other key.

    Keys must not be blank (REQUIRED on `items`). Side effects: one locked read and one UPDATE
    of the metadata column; `on_change(instance)` runs inside the transaction when something
    changed (where callers fire the model's `*_updated` plugin hook). NOT_UPDATED on `instance`
    when the row is gone.
    """
    for key in items:
        if not key.strip():
            raise field_error("items", "Metadata key cannot be empty.", MetadataErrorCode.REQUIRED)
    return _change(instance, private=private, on_change=on_change, apply=lambda d: d.update(items))


def delete_metadata(
    instance: M,
    keys: Iterable[str],
    *,
    private: bool,
    on_change: Callable[[M], None] | None = None,
) -> M:
    """Remove `keys` from the instance's public (or private) metadata; absent keys are ignored.

    Side effects as `update_metadata`'s.
    """
    doomed = list(keys)

    def remove(stored: dict) -> None:
        for key in doomed:
            stored.pop(key, None)

    return _change(instance, private=private, on_change=on_change, apply=remove)


def _change(
    instance: M,
    *,
    private: bool,
    on_change: Callable[[M], None] | None,
    apply: Callable[[dict], None],
) -> M:
    column = metadata_column(private=private)
    model = type(instance)
    with transaction.atomic():
        # A lazy queryset takes no lock: `.first()` evaluates it.
        locked = (
            model._default_manager.select_for_update(of=("self",))
            .only("pk", column)
            .filter(pk=instance.pk)
            .first()
        )
        if locked is None:
            raise field_error(
                "instance",
                f"The {model._meta.verbose_name} no longer exists: metadata not updated.",
                MetadataErrorCode.NOT_UPDATED,
            )
        stored = dict(getattr(locked, column) or {})
        changed = dict(stored)
        apply(changed)
        setattr(instance, column, changed)
        if changed == stored:
            return instance
        setattr(locked, column, changed)
        locked.save(update_fields=[column])
        if on_change is not None:
            on_change(instance)
    return instance
