"""Helpers the catalogue's types share: enum values, weights, metadata, languages, images, and the
resolvers of types whose root may be a `ChannelContext`."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import graphene
from django.conf import settings

from backend.catalog import models
from backend.core.permissions import PermissionEnum
from storefront_api.core.dataloaders import resolved, then
from storefront_api.core.enums import (
    ThumbnailFormatEnum,
    WeightUnitsEnum,
    language_code_to_django,
)
from storefront_api.core.errors import PermissionDenied
from storefront_api.core.types import (
    Image,
    LanguageDisplay,
    MetadataItem,
    ObjectWithMetadataFields,
    Weight,
)

from ..context import (
    ChannelContext,
    channel_slug_of,
    may_edit_vendor_catalogue,
    unwrap,
    user_can_manage_products,
    user_owned_vendor_ids,
)
from ..dataloaders import ProductByIdLoader

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

    metadata_holder = staticmethod(unwrap)


class ChannelProductFields:
    """Resolvers products and variants share (their roots may be ChannelContexts)."""

    @staticmethod
    def resolve_created(root, _info):
        return unwrap(root).created_at

    @staticmethod
    def resolve_weight(root, _info):
        return weight_or_none(unwrap(root).weight)


# --- who may see what only product staff and the vendor's owner see ----------------------------

MANAGE_PRODUCTS = (PermissionEnum.MANAGE_PRODUCTS,)


def may_manage_product(info, product) -> bool:
    """Product staff, or the owner of the product's vendor (as the mutations allow)."""
    return may_edit_vendor_catalogue(info.context, product.vendor_id)


def may_manage_product_of(info, product_id: int) -> Any:
    """`may_manage_product` for a variant's or a medium's product: a future of a bool, loading the
    product only for a viewer who owns some vendor."""
    context = info.context
    if user_can_manage_products(context) or not user_owned_vendor_ids(context):
        return resolved(user_can_manage_products(context))
    return then(
        ProductByIdLoader(context).load(product_id),
        lambda product: product is not None and may_manage_product(info, product),
    )


def only_if_allowed(allowed: Any, load: Callable[[], Any]) -> Any:
    """`load()` when `allowed` (a bool or a future of one); else Saleor's PermissionDenied for
    MANAGE_PRODUCTS, reported for the field being resolved."""

    def load_or_refuse(is_allowed: bool) -> Any:
        if not is_allowed:
            raise PermissionDenied(permissions=list(MANAGE_PRODUCTS))
        return load()

    if isinstance(allowed, bool):
        return load_or_refuse(allowed)
    return then(allowed, load_or_refuse)


class ManagedByVendorOwner:
    """Private metadata of a product, variant or medium: product staff and the vendor's owner."""

    private_metadata_permissions = MANAGE_PRODUCTS

    @classmethod
    def may_read_private_metadata(cls, root, info) -> Any:
        node = unwrap(root)
        if isinstance(node, models.Product):
            return may_manage_product(info, node)
        return may_manage_product_of(info, node.product_id)
