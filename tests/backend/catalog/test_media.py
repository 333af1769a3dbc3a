import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.media import check_image_upload

from .images import image_bytes, image_upload, text_upload_named_png, truncated_png_upload


def _check(upload):
    return check_image_upload(upload, size=upload.size, content_type=upload.content_type)


def _code(error: ValidationError) -> dict:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_a_real_png_is_accepted():
    checked = _check(image_upload(width=30, height=20))
    assert (checked.format, checked.width, checked.height) == ("PNG", 30, 20)


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (text_upload_named_png(), ProductErrorCode.INVALID_FILE_TYPE),
        (truncated_png_upload(), ProductErrorCode.INVALID_FILE_TYPE),
        (
            SimpleUploadedFile("a.txt", b"hello", "text/plain"),
            ProductErrorCode.UNSUPPORTED_MIME_TYPE,
        ),
        (
            SimpleUploadedFile("a.bmp", image_bytes(image_format="BMP"), "image/bmp"),
            ProductErrorCode.UNSUPPORTED_MIME_TYPE,
        ),
    ],
)
def test_bad_files_are_refused(upload, code):
    with pytest.raises(ValidationError) as error:
        _check(upload)
    assert _code(error.value) == {"image": [code.value]}


def test_too_large_file_is_refused(settings):
    settings.MAX_IMAGE_UPLOAD_SIZE = 100
    with pytest.raises(ValidationError) as error:
        _check(image_upload(width=200, height=200))
    assert _code(error.value) == {"image": [ProductErrorCode.FILE_SIZE_LIMIT_EXCEEDED.value]}


def test_too_many_pixels_is_refused_before_decoding(settings):
    settings.MAX_IMAGE_PIXELS = 100 * 100
    with pytest.raises(ValidationError) as error:
        _check(image_upload(width=101, height=100))
    assert _code(error.value) == {"image": [ProductErrorCode.INVALID.value]}
