"""Product types: physical goods or an assisted service, with the VAT rate of their products."""

from __future__ import annotations

import graphene
from graphene import relay

from backend.catalog import models
from backend.core.permissions import PermissionEnum
from storefront_api.core.types import (
    ModelObjectType,
    ObjectWithMetadata,
    ObjectWithMetadataFields,
    Weight,
)

from .common import weight_or_none


class ProductTypeKindEnum(graphene.Enum):
    NORMAL = "normal"
    GIFT_CARD = "gift_card"

    class Meta:
        description = "What kind of products a type describes."


class ProductType(ObjectWithMetadataFields, ModelObjectType, model=models.ProductType):
    private_metadata_permissions = (PermissionEnum.MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES,)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    has_variants = graphene.Boolean(required=True)
    is_shipping_required = graphene.Boolean(required=True)
    is_digital = graphene.Boolean(required=True)
    weight = graphene.Field(Weight)
    kind = graphene.Field(ProductTypeKindEnum, required=True)

    class Meta:
        description = "A kind of product: physical goods or an assisted service, with its VAT."
        interfaces = (relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_is_digital(_root, _info):
        return False

    @staticmethod
    def resolve_weight(root: models.ProductType, _info):
        return weight_or_none(root.weight)

    @staticmethod
    def resolve_kind(_root, _info):
        return ProductTypeKindEnum.NORMAL.value
