"""Thumbnails on demand: /thumbnail/<media id>/<size>/<format>/ (filled in with the media work)."""

from django.http import Http404, HttpRequest, HttpResponse


def thumbnail_view(
    request: HttpRequest, instance_id: str, size: int, image_format: str = "original"
) -> HttpResponse:
    raise Http404("Thumbnails are not available yet.")
