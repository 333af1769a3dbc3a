"""Thumbnail sizes and formats (Saleor's `thumbnail(size, format)`): requested sizes snap to the
nearest size Haat makes, so that a handful of files serve every request."""

from __future__ import annotations

THUMBNAIL_SIZES = (32, 64, 128, 256, 512, 1024, 2048, 4096)
THUMBNAIL_FORMATS = ("original", "webp", "avif")
DEFAULT_THUMBNAIL_SIZE = 4096


def snap_thumbnail_size(size: int | None) -> int:
    """The smallest available size at least as large as asked (the largest, if none is)."""
    if not size:
        return DEFAULT_THUMBNAIL_SIZE
    for available in THUMBNAIL_SIZES:
        if available >= size:
            return available
    return THUMBNAIL_SIZES[-1]
