"""Helpers the catalogue's types share: enum values, weights, metadata, languages, images, and the
resolvers of types whose root may be a `ChannelContext`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from django.conf import settings

from storefront_api.core.enums import (
    ThumbnailFormatEnum,
    WeightUnitsEnum,
    language_code_to_django,
)
from storefront_api.core.types import (
    Image,
    LanguageDisplay,
    MetadataItem,
    ObjectWithMetadataFields,
    Weight,
)

from ..context import ChannelContext, channel_slug_of, unwrap, user_can_manage_products

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def enum_value(value: Any) -> Any:
    """The value of a graphene enum member, or the value itself."""
    return getattr(value, "value", value)


def django_language(language_code: Any) -> str:
    return language_code_to_django(enum_value(language_code))


def weight_or_none(value: Decimal | None) -> Weight | None:
    if value is None:
        return None
    return Weight(unit=WeightUnitsEnum.KG.value, value=value)


def metadata_items(data: dict | None) -> list[MetadataItem]:
    return [MetadataItem(key=key, value=value) for key, value in (data or {}).items()]


def language_display(language_code: str) -> LanguageDisplay:
    return LanguageDisplay(
        code=language_code, language=LANGUAGE_NAMES.get(language_code, language_code)
    )


def wrap_all(nodes: list, channel_slug: str) -> list[ChannelContext]:
    return [ChannelContext(node, channel_slug) for node in nodes]


def absolute_url(info, url: str) -> str:
    """Storage URLs are relative for local media: make them absolute for the request's host
    (PUBLIC_URL outside a request)."""
    if url.startswith(("http://", "https://")):
        return url
    base = getattr(info.context, "absolute_url_base", None)
    if base is None:
        request = getattr(info.context, "request", None)
        if request is not None:
            base = request.build_absolute_uri("/").rstrip("/")
        else:
            base = settings.PUBLIC_URL.rstrip("/")
        info.context.absolute_url_base = base
    return base + url


def image_args() -> dict[str, Any]:
    return {
        "size": graphene.Int(description="Wanted size in pixels."),
        "format": graphene.Argument(
            ThumbnailFormatEnum, default_value=ThumbnailFormatEnum.ORIGINAL
        ),
    }


def background_image_of(root, info, size=None, format=None):
    if not root.background_image:
        return None
    return Image(url=absolute_url(info, root.background_image.url), alt=root.background_image_alt)


class ChannelObjectWithMetadataFields(ObjectWithMetadataFields):
    """Metadata fields for types whose root may be a ChannelContext."""

    @classmethod
    def is_type_of(cls, root, _info) -> bool:
        return isinstance(unwrap(root), cls._model)

    @staticmethod
    def resolve_id(root, _info):
        return unwrap(root).pk

    @staticmethod
    def resolve_channel(root, _info):
        return channel_slug_of(root)

    @staticmethod
    def resolve_metadata(root, _info):
        return metadata_items(unwrap(root).metadata)

    @staticmethod
    def resolve_metafield(root, _info, key: str):
        return (unwrap(root).metadata or {}).get(key)

    @staticmethod
    def resolve_private_metadata(root, info):
        if not user_can_manage_products(info.context):
            return []
        return metadata_items(unwrap(root).private_metadata)


class ChannelProductFields:
    """Resolvers products and variants share (their roots may be ChannelContexts)."""

    @staticmethod
    def resolve_created(root, _info):
        return unwrap(root).created_at

    @staticmethod
    def resolve_weight(root, _info):
        return weight_or_none(unwrap(root).weight)
