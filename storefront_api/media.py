"""Thumbnails on demand: /thumbnail/<ProductMedia id>/<size>/<format>/ makes the thumbnail once
(in the default storage) and redirects to it ever after."""

from __future__ import annotations

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)

from backend.catalog.models import ProductMedia
from backend.catalog.thumbnails import (
    THUMBNAIL_FORMATS,
    get_or_create_thumbnail,
    snap_thumbnail_size,
)

from .core.ids import int_pk_or_none


def thumbnail_view(
    request: HttpRequest, instance_id: str, size: int, image_format: str = "original"
) -> HttpResponse:
    image_format = image_format.lower()
    if image_format not in THUMBNAIL_FORMATS:
        return HttpResponseBadRequest(
            f"Unknown image format; use one of: {', '.join(THUMBNAIL_FORMATS)}."
        )
    pk = int_pk_or_none(instance_id, "ProductMedia")
    if pk is None:
        raise Http404("No such image.")
    media = ProductMedia.objects.filter(pk=pk).exclude(image="").first()
    if media is None or not media.image:
        raise Http404("No such image.")
    thumbnail = get_or_create_thumbnail(
        media=media, size=snap_thumbnail_size(size), image_format=image_format
    )
    return HttpResponseRedirect(thumbnail.image.url)
