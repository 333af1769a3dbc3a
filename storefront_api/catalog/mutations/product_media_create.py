"""productMediaCreate: upload a product image (multipart) or link a video."""

from __future__ import annotations

import graphene

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Product
from backend.catalog.permissions import ensure_may_edit_vendor_catalogue
from backend.catalog.services.media import create_product_media
from storefront_api.core.ids import get_node_or_error
from storefront_api.core.mutations import BaseMutation

from ..errors import PRODUCT_FIELD_NAMES, ProductError
from .inputs import ProductMediaCreateInput
from .utils import check_catalogue_editor


class ProductMediaCreate(BaseMutation):
    product = graphene.Field("storefront_api.catalog.types.Product")
    media = graphene.Field("storefront_api.catalog.types.ProductMedia")

    class Arguments:
        input = ProductMediaCreateInput(required=True, description="The image or video.")

    class Meta:
        description = (
            "Creates a media object (an image, sent as a multipart request, or a video URL) "
            "for a product."
        )
        error_type_class = ProductError
        error_field_names = PRODUCT_FIELD_NAMES

    @classmethod
    def check_permissions(cls, context) -> bool:
        return check_catalogue_editor(context)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        data = data["input"]
        product = get_node_or_error(
            Product,
            data["product"],
            "Product",
            field="product",
            invalid_code=ProductErrorCode.GRAPHQL_ERROR,
        )
        ensure_may_edit_vendor_catalogue(info.context.user, vendor_id=product.vendor_id)
        media = create_product_media(
            product=product,
            image=data.get("image"),
            media_url=data.get("media_url"),
            alt=data.get("alt") or "",
        )
        return cls(product=product, media=media)
