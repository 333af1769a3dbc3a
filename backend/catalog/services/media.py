"""Product media: an uploaded image (checked by Pillow) or a linked video.

Every check runs before anything is written (the file to storage, the row to the database), so a
refused call stores nothing.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from django.core.files.base import File
from django.db import transaction

from backend.core.cache_version import bump_catalog_version
from backend.core.columns import check_column_values
from backend.core.errors import field_error
from backend.core.models import field_max_length

from ..error_codes import ProductErrorCode
from ..media import check_image_upload, product_image_name
from ..models import Product, ProductMedia, ProductMediaType

# A video's host must be one of these or a subdomain of one (www.youtube.com, m.facebook.com).
VIDEO_PROVIDERS = ("youtube.com", "youtu.be", "vimeo.com", "facebook.com", "fb.watch")
EXTERNAL_URL_MAX_LENGTH = field_max_length(ProductMedia, "external_url")


def check_video_url(media_url: str) -> str:
    """The URL, if it is an https link to a video of an allowed provider; otherwise a
    `ValidationError` on `media_url`.

    The host is read the way a browser reads it (`urlsplit`), then compared whole: so
    `https://evil.example?.youtube.com`, `https://youtube.com@evil.example` and
    `https://evil.example\\.youtube.com` are refused, not taken for YouTube.
    """
    if len(media_url) > EXTERNAL_URL_MAX_LENGTH:
        raise field_error(
            "media_url",
            f"The media URL is longer than {EXTERNAL_URL_MAX_LENGTH} characters.",
            ProductErrorCode.INVALID,
        )
    unsupported = field_error(
        "media_url",
        "Only https links to videos on YouTube, Vimeo or Facebook can be linked.",
        ProductErrorCode.UNSUPPORTED_MEDIA_PROVIDER,
    )
    # Browsers read a backslash as a slash, and drop or stop at whitespace and control
    # characters: a URL that different parsers read differently is refused.
    if "\\" in media_url or any(
        character.isspace() or unicodedata.category(character).startswith("C")
        for character in media_url
    ):
        raise unsupported
    try:
        parts = urlsplit(media_url)
        port = parts.port
    except ValueError as error:  # a bad port or IPv6 literal
        raise unsupported from error
    if parts.scheme != "https" or "@" in parts.netloc or port not in (None, 443):
        raise unsupported
    host = parts.hostname or ""  # lowercased by urlsplit; a trailing dot matches no provider
    if not any(host == provider or host.endswith("." + provider) for provider in VIDEO_PROVIDERS):
        raise unsupported
    return media_url


@transaction.atomic
def create_product_media(
    *,
    product: Product,
    image: File | None = None,
    media_url: str | None = None,
    alt: str = "",
) -> ProductMedia:
    """Attach an uploaded image (checked by Pillow, stored in the default storage) or a video
    URL to a product, last in order."""
    media_url = (media_url or "").strip() or None
    if image is None and media_url is None:
        raise field_error(
            "media", "An image or a media URL is required.", ProductErrorCode.REQUIRED
        )
    if image is not None and media_url is not None:
        raise field_error(
            "media",
            "Give either an image or a media URL, not both.",
            ProductErrorCode.DUPLICATED_INPUT_ITEM,
        )
    if (alt or "") and len(alt) > field_max_length(ProductMedia, "alt"):
        raise field_error("alt", "The alt text is too long.", ProductErrorCode.INVALID)
    checked_image = (
        check_image_upload(
            image,
            size=getattr(image, "size", None),
            content_type=getattr(image, "content_type", None),
        )
        if image is not None
        else None
    )
    video_url = check_video_url(media_url) if media_url is not None else None

    # Checked: from here on, write.
    last = (
        ProductMedia.objects.filter(product=product)
        .order_by("-sort_order")
        .values_list("sort_order", flat=True)
        .first()
    )
    media = ProductMedia(product=product, alt=alt or "", sort_order=(last or 0) + 1)
    check_column_values(media, code=ProductErrorCode.INVALID, fields=("alt",))
    # Plain values, not the choices' enum members: the returned row reads like a loaded one (the
    # API's enum cannot represent a `ProductMediaType` member, and failed after the row was saved).
    if image is not None and checked_image is not None:
        media.type = ProductMediaType.IMAGE.value
        media.image.save(product_image_name(checked_image), image, save=False)
    else:
        media.type = ProductMediaType.VIDEO.value
        media.external_url = video_url
    try:
        media.save()
    except Exception:
        if media.image.name:
            media.image.storage.delete(media.image.name)
        raise
    bump_catalog_version()
    return media
