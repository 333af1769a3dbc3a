"""Uploaded product images: checked with Pillow before anything is stored.

A file is accepted only if Pillow recognises it as an image format we serve, it fits the size
limit, its pixel count cannot exhaust memory when decoded (decompression bombs), and it decodes
completely (truncated files are refused).
"""

from __future__ import annotations

import uuid
import warnings
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

from .error_codes import ProductErrorCode

ALLOWED_IMAGE_FORMATS = {
    "JPEG": ".jpg",
    "PNG": ".png",
    "GIF": ".gif",
    "WEBP": ".webp",
    "AVIF": ".avif",
}


@dataclass(frozen=True)
class CheckedImage:
    format: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return ALLOWED_IMAGE_FORMATS[self.format]


def _invalid(message: str, code: ProductErrorCode, field: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def check_image_upload(
    file: IO[bytes], *, size: int | None, content_type: str | None, field: str = "image"
) -> CheckedImage:
    """Verify an uploaded image, or raise ValidationError keyed by `field`."""
    if size is not None and size > settings.MAX_IMAGE_UPLOAD_SIZE:
        raise _invalid(
            f"The file is larger than {settings.MAX_IMAGE_UPLOAD_SIZE} bytes.",
            ProductErrorCode.FILE_SIZE_LIMIT_EXCEEDED,
            field,
        )
    if content_type and not content_type.startswith("image/"):
        raise _invalid(
            f"Files of type {content_type} are not images.",
            ProductErrorCode.UNSUPPORTED_MIME_TYPE,
            field,
        )
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; we decide ourselves.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            file.seek(0)
            with Image.open(file) as image:
                image_format, (width, height) = image.format, image.size
                if width * height > settings.MAX_IMAGE_PIXELS:
                    raise _invalid(
                        f"The image has more than {settings.MAX_IMAGE_PIXELS} pixels.",
                        ProductErrorCode.INVALID,
                        field,
                    )
                image.verify()
            file.seek(0)
            # verify() does not decode the pixels; a full load catches truncated data.
            with Image.open(file) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _invalid(
            f"The image has more than {settings.MAX_IMAGE_PIXELS} pixels.",
            ProductErrorCode.INVALID,
            field,
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise _invalid(
            "The file is not a valid image.", ProductErrorCode.INVALID_FILE_TYPE, field
        ) from error
    finally:
        file.seek(0)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise _invalid(
            f"Images in {image_format} format are not supported.",
            ProductErrorCode.UNSUPPORTED_MIME_TYPE,
            field,
        )
    return CheckedImage(format=image_format, width=width, height=height)


def product_image_name(checked: CheckedImage) -> str:
    """A fresh name: never trust (or leak) the uploader's file name."""
    return f"{uuid.uuid4().hex}{checked.extension}"
