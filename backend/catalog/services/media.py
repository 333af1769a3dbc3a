"""Product media: an uploaded image (checked by Pillow) or a linked video."""

from __future__ import annotations

import re

from django.core.files.base import File
from django.db import transaction

from backend.core.cache_version import bump_catalog_version
from backend.core.errors import field_error
from backend.core.models import field_max_length

from ..error_codes import ProductErrorCode
from ..media import check_image_upload, product_image_name
from ..models import Product, ProductMedia, ProductMediaType

VIDEO_PROVIDERS = ("youtube.com", "youtu.be", "vimeo.com", "facebook.com", "fb.watch")


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
    last = (
        ProductMedia.objects.filter(product=product)
        .order_by("-sort_order")
        .values_list("sort_order", flat=True)
        .first()
    )
    media = ProductMedia(product=product, alt=alt or "", sort_order=(last or 0) + 1)
    if image is not None:
        checked = check_image_upload(
            image,
            size=getattr(image, "size", None),
            content_type=getattr(image, "content_type", None),
        )
        media.type = ProductMediaType.IMAGE
        media.image.save(product_image_name(checked), image, save=False)
    elif media_url is not None:
        host = re.sub(r"^https?://(www\.|m\.)?", "", media_url).split("/")[0].lower()
        if not media_url.startswith("https://") or not any(
            host == provider or host.endswith("." + provider) for provider in VIDEO_PROVIDERS
        ):
            raise field_error(
                "media_url",
                "Only videos from YouTube, Vimeo or Facebook can be linked.",
                ProductErrorCode.UNSUPPORTED_MEDIA_PROVIDER,
            )
        media.type = ProductMediaType.VIDEO
        media.external_url = media_url
    try:
        media.save()
    except Exception:
        if media.image.name:
            media.image.storage.delete(media.image.name)
        raise
    bump_catalog_version()
    return media
