"""Reads of channels."""

from __future__ import annotations

from backend.core.db import precompiled_rows

from .models import Channel


def get_channel(*, slug: str) -> Channel | None:
    """Every storefront request starts here, so its SQL is compiled once per process."""
    rows = precompiled_rows(
        ("get_channel",), lambda slugs: Channel.objects.filter(slug__any_of=slugs), [slug]
    )
    return rows[0] if rows else None
