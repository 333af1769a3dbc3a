"""Thumbnail sizes and formats (Saleor's `thumbnail(size, format)`): requested sizes snap to the
nearest size Haat makes, so that a handful of files serve every request."""

from __future__ import annotations

import uuid
from io import BytesIO
from typing import IO, Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import Image, ImageOps

from .models import ProductMedia, Thumbnail

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


# Pillow's save options per output format: small files at a quality shoppers cannot tell apart.
_SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 85, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
    "AVIF": {"quality": 60},
    "GIF": {},
}
_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "AVIF": ".avif", "GIF": ".gif"}


def _stored_format(image_format: str) -> str:
    """How a format is stored on the Thumbnail row: "" for the original format."""
    return "" if image_format == "original" else image_format


def render_thumbnail(source: IO[bytes], *, size: int, image_format: str) -> tuple[bytes, str]:
    """The image scaled to fit `size` x `size` (aspect ratio kept, never enlarged), encoded in
    `image_format`, and its file extension."""
    with Image.open(source) as opened:
        # Read before rotating: the rotated copy no longer knows its source format.
        original_format = (opened.format or "PNG").upper()
        image = ImageOps.exif_transpose(opened)
        target = original_format if image_format == "original" else image_format.upper()
        if target not in _SAVE_OPTIONS:
            target = "PNG"
        image.thumbnail((size, size), Image.Resampling.LANCZOS)
        if target == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        elif target in ("WEBP", "AVIF") and image.mode not in ("RGB", "RGBA"):
            image = image.convert(
                "RGBA" if "A" in image.mode or "transparency" in image.info else "RGB"
            )
        buffer = BytesIO()
        image.save(buffer, format=target, **_SAVE_OPTIONS[target])
    return buffer.getvalue(), _EXTENSIONS[target]


def get_or_create_thumbnail(*, media: ProductMedia, size: int, image_format: str) -> Thumbnail:
    """The thumbnail of a product image in one size and format, made on first request.

    Concurrent requests may both render; the unique (media, size, format) row decides the
    winner, and the loser deletes its file and returns the winner's row.
    """
    if image_format not in THUMBNAIL_FORMATS:
        raise ValueError(f"Unknown thumbnail format: {image_format}")
    if size not in THUMBNAIL_SIZES:
        raise ValueError(f"Unknown thumbnail size: {size}")
    stored_format = _stored_format(image_format)
    existing = Thumbnail.objects.filter(media=media, size=size, format=stored_format).first()
    if existing is not None:
        return existing
    # Through the storage, not the FieldFile: FieldFile.open keeps the file on the instance, so
    # two renders sharing one media object would close each other's file.
    source_name = media.image.name
    if not source_name:
        raise ValueError("The media has no image to make a thumbnail of.")
    with media.image.storage.open(source_name, "rb") as source:
        content, extension = render_thumbnail(source, size=size, image_format=image_format)
    thumbnail = Thumbnail(media=media, size=size, format=stored_format)
    # A fresh random name, not one derived from the source's or the media's id: a stored file
    # is served to whoever knows its URL, so the URL must not be guessable.
    thumbnail.image.save(f"{uuid.uuid4().hex}-{size}{extension}", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            thumbnail.save()
    except IntegrityError:
        assert thumbnail.image.name is not None  # image.save() above stored the file
        thumbnail.image.storage.delete(thumbnail.image.name)
        return Thumbnail.objects.get(media=media, size=size, format=stored_format)
    return thumbnail
