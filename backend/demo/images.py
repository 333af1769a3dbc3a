"""Product pictures drawn with Pillow: a coloured card with a shape and the product's English name.

No downloads and no photographs: the demo must work offline and carry no third-party images.
Files go through Django's default storage, so they land on S3 when a bucket is configured.
"""

from __future__ import annotations

import hashlib
import io
import textwrap

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

IMAGE_SIZE = 512


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow built without FreeType: the small bitmap font
        return ImageFont.load_default()


def draw_product_image(*, title: str, colour: tuple[int, int, int], seed: str) -> bytes:
    """A JPEG card; `seed` picks the shape and its shade so that products look different."""
    digest = hashlib.sha256(seed.encode()).digest()
    image = Image.new("RGB", (IMAGE_SIZE, IMAGE_SIZE), colour)
    draw = ImageDraw.Draw(image)
    shade = tuple(
        min(255, channel + 60 + digest[index] % 60) for index, channel in enumerate(colour)
    )
    left, top = 96 + digest[3] % 40, 72 + digest[4] % 40
    box = (left, top, left + 260 + digest[5] % 60, top + 220 + digest[6] % 40)
    shape = digest[7] % 3
    if shape == 0:
        draw.ellipse(box, fill=shade)
    elif shape == 1:
        draw.rounded_rectangle(box, radius=36, fill=shade)
    else:
        draw.polygon(
            [(box[0], box[3]), ((box[0] + box[2]) // 2, box[1]), (box[2], box[3])], fill=shade
        )
    draw.rectangle((0, IMAGE_SIZE - 120, IMAGE_SIZE, IMAGE_SIZE), fill=(255, 255, 255))
    font = _font(30)
    for line_number, line in enumerate(textwrap.wrap(title, width=26)[:3]):
        draw.text((24, IMAGE_SIZE - 110 + line_number * 34), line, fill=(33, 33, 33), font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def save_product_image(
    *, path: str, title: str, colour: tuple[int, int, int], seed: str | None = None
) -> str:
    """Store the picture at `path` unless a file is already there; return the stored name."""
    if default_storage.exists(path):
        return path
    content = draw_product_image(title=title, colour=colour, seed=seed or path)
    return default_storage.save(path, ContentFile(content))
