"""Real image files for upload and thumbnail tests (made with Pillow, never mocked)."""

from __future__ import annotations

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(width: int = 64, height: int = 48, image_format: str = "PNG") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (width, height), (200, 30, 40)).save(buffer, format=image_format)
    return buffer.getvalue()


def image_upload(
    name: str = "photo.png", width: int = 64, height: int = 48, image_format: str = "PNG"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, image_bytes(width, height, image_format), content_type=f"image/{image_format.lower()}"
    )


def text_upload_named_png() -> SimpleUploadedFile:
    return SimpleUploadedFile("notes.png", b"just some text, not a picture\n", "image/png")


def truncated_png_upload() -> SimpleUploadedFile:
    data = image_bytes(256, 256)
    return SimpleUploadedFile("cut.png", data[: len(data) // 2], "image/png")
