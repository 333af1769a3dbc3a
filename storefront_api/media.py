"""Thumbnails on demand: /thumbnail/<ProductMedia id>/<size>/<format>/ makes the thumbnail once
(in the default storage) and redirects to it ever after.

Only for a requestor who may see the product (`backend.catalog.selectors.may_see_product`: staff
with MANAGE_PRODUCTS, the vendor's owner, or anyone for an approved vendor's published product);
anyone else gets the same 404 as for an unknown id, so sequential ids reveal nothing. The stored
files have random names (`product_image_name`, `get_or_create_thumbnail`): the redirect is the only
way to learn one.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)

from backend.catalog.models import ProductMedia
from backend.catalog.selectors import may_see_product
from backend.catalog.thumbnails import (
    THUMBNAIL_FORMATS,
    get_or_create_thumbnail,
    snap_thumbnail_size,
)

from .core.auth import access_token, requestor_from_token
from .core.ids import int_pk_or_none


def _requestor(request: HttpRequest) -> Any:
    """Who asks: the bearer of an `Authorization` token (a user's JWT or an app token, as the
    GraphQL endpoint reads them), else the session's user (staff in the admin), else anonymous.
    A bad token counts as anonymous: the answer is then a 404, never an error page."""
    token = access_token(request)
    if token is None:
        return getattr(request, "user", None) or AnonymousUser()
    try:
        return requestor_from_token(token)
    except ValidationError:
        return AnonymousUser()


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
    media = (
        ProductMedia.objects.select_related("product__vendor")
        .filter(pk=pk)
        .exclude(image="")
        .first()
    )
    if media is None or not media.image:
        raise Http404("No such image.")
    if not may_see_product(product=media.product, user=_requestor(request)):
        raise Http404("No such image.")
    thumbnail = get_or_create_thumbnail(
        media=media, size=snap_thumbnail_size(size), image_format=image_format
    )
    return HttpResponseRedirect(thumbnail.image.url)
