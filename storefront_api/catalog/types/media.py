"""Images and videos of products, and the URLs of their thumbnails."""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay

from backend.catalog import models
from backend.catalog.thumbnails import snap_thumbnail_size
from storefront_api.core.dataloaders import resolved, then
from storefront_api.core.enums import OrderDirection, ThumbnailFormatEnum
from storefront_api.core.ids import to_global_id
from storefront_api.core.scalars import JSONString
from storefront_api.core.types import (
    Image,
    ModelObjectType,
    ObjectWithMetadata,
    ObjectWithMetadataFields,
)

from ..dataloaders import MediaByProductIdLoader, ThumbnailByMediaIdSizeAndFormatLoader
from .common import ManagedByVendorOwner, absolute_url, enum_value


def product_thumbnail(info, product_id: int, size: int | None, image_format: Any):
    """A product's first image as an `Image` in the size and format asked for, or None: what
    `Product.thumbnail` and `OrderLine.thumbnail` show."""

    def first_image(media: list):
        for item in media:
            if item.type == models.ProductMediaType.IMAGE and item.image:
                return then(
                    media_url(info, item, size, image_format),
                    lambda url, alt=item.alt: Image(url=url, alt=alt),
                )
        return None

    return then(MediaByProductIdLoader(info.context).load(product_id), first_image)


def media_url(info, media: models.ProductMedia, size: int | None, image_format: Any):
    """The URL of a product image in a size and format: a stored thumbnail when one exists,
    else the address that makes it on first request; the original when asked for no size."""
    if media.type != models.ProductMediaType.IMAGE or not media.image:
        return resolved(media.external_url or "")
    image_format = enum_value(image_format) or ThumbnailFormatEnum.ORIGINAL.value
    if not size and image_format == ThumbnailFormatEnum.ORIGINAL.value:
        return resolved(absolute_url(info, media.image.url))
    snapped = snap_thumbnail_size(size)
    stored_format = "" if image_format == ThumbnailFormatEnum.ORIGINAL.value else image_format

    def build(thumbnail: models.Thumbnail | None) -> str:
        if thumbnail is not None:
            return absolute_url(info, thumbnail.image.url)
        media_id = to_global_id("ProductMedia", media.pk)
        suffix = f"{snapped}/" if not stored_format else f"{snapped}/{stored_format}/"
        return absolute_url(info, f"/thumbnail/{media_id}/{suffix}")

    return then(
        ThumbnailByMediaIdSizeAndFormatLoader(info.context).load(
            (media.pk, snapped, stored_format)
        ),
        build,
    )


class ProductMediaType(graphene.Enum):
    IMAGE = "IMAGE"
    VIDEO = "VIDEO"

    class Meta:
        description = "An uploaded image or a link to a video."


class ProductMedia(
    ManagedByVendorOwner, ObjectWithMetadataFields, ModelObjectType, model=models.ProductMedia
):
    sort_order = graphene.Int()
    alt = graphene.String(required=True)
    type = graphene.Field(ProductMediaType, required=True)
    oembed_data = JSONString(required=True)
    url = graphene.String(
        required=True,
        size=graphene.Int(description="Wanted size; snapped to the nearest size Haat makes."),
        format=graphene.Argument(ThumbnailFormatEnum, default_value=ThumbnailFormatEnum.ORIGINAL),
    )
    product_id = graphene.ID()

    class Meta:
        description = "An image or video of a product."
        interfaces = (relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_url(root: models.ProductMedia, info, size=None, format=None):
        return media_url(info, root, size, format)

    @staticmethod
    def resolve_product_id(root: models.ProductMedia, _info):
        return to_global_id("Product", root.product_id)


class MediaChoicesSortField(graphene.Enum):
    ID = "pk"

    class Meta:
        description = "What media can be sorted by."


class MediaSortingInput(graphene.InputObjectType):
    direction = graphene.Argument(OrderDirection, required=True)
    field = graphene.Argument(MediaChoicesSortField, required=True)

    class Meta:
        description = "How to sort media."
