"""Attributes of products and variants: their values, and the values a product or variant has."""

from __future__ import annotations

import graphene
from graphene import relay

from backend.catalog import models
from backend.core.permissions import PermissionEnum
from storefront_api.core.dataloaders import then
from storefront_api.core.types import ModelObjectType, ObjectWithMetadata, ObjectWithMetadataFields

from ..dataloaders import (
    AttributeByIdLoader,
    TranslationByAttributeIdAndLanguageLoader,
    TranslationByAttributeValueIdAndLanguageLoader,
)
from .translations import (
    AttributeTranslation,
    AttributeValueTranslation,
    translation_field,
    translation_resolver,
)

AttributeInputTypeEnum = graphene.Enum(
    "AttributeInputTypeEnum",
    [
        ("DROPDOWN", "dropdown"),
        ("MULTISELECT", "multiselect"),
        ("PLAIN_TEXT", "plain-text"),
        ("NUMERIC", "numeric"),
        ("BOOLEAN", "boolean"),
        ("SWATCH", "swatch"),
    ],
    description="How an attribute's values are entered.",
)


class AttributeTypeEnum(graphene.Enum):
    PRODUCT_TYPE = "product-type"
    PAGE_TYPE = "page-type"

    class Meta:
        description = "What an attribute describes."


class VariantAttributeScope(graphene.Enum):
    ALL = "all"
    VARIANT_SELECTION = "variant_selection"
    NOT_VARIANT_SELECTION = "not_variant_selection"

    class Meta:
        description = "Which of a variant's attributes: all, or those that pick the variant."


class AttributeValue(ModelObjectType, model=models.AttributeValue):
    name = graphene.String()
    slug = graphene.String()
    value = graphene.String()
    translation = translation_field(AttributeValueTranslation)
    input_type = graphene.Field(AttributeInputTypeEnum)
    plain_text = graphene.String()
    boolean = graphene.Boolean()
    # Haat's attributes hold chosen values, plain text or booleans: never these kinds.
    reference = graphene.ID(description="Always null: Haat has no reference attributes.")
    rich_text = graphene.JSONString(description="Always null: Haat has no rich-text attributes.")
    date = graphene.Date(description="Always null: Haat has no date attributes.")
    date_time = graphene.DateTime(description="Always null: Haat has no date-time attributes.")
    external_reference = graphene.String(description="Always null: Haat keeps no external IDs.")

    class Meta:
        description = "One value of an attribute (a colour, a size, a weight)."
        interfaces = (relay.Node,)

    resolve_translation = translation_resolver(TranslationByAttributeValueIdAndLanguageLoader)

    @staticmethod
    def resolve_reference(_root, _info) -> None:
        return None

    @staticmethod
    def resolve_rich_text(_root, _info) -> None:
        return None

    @staticmethod
    def resolve_date(_root, _info) -> None:
        return None

    @staticmethod
    def resolve_date_time(_root, _info) -> None:
        return None

    @staticmethod
    def resolve_external_reference(_root, _info) -> None:
        return None

    @staticmethod
    def resolve_input_type(root: models.AttributeValue, info):
        return then(
            AttributeByIdLoader(info.context).load(root.attribute_id),
            lambda attribute: attribute.input_type if attribute else None,
        )


def attribute_managers(attribute: models.Attribute) -> tuple:
    """Who manages an attribute's private metadata, as Saleor: page attributes belong to
    MANAGE_PAGE_TYPES_AND_ATTRIBUTES, product attributes to MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES."""
    if attribute.type == models.AttributeType.PAGE_TYPE:
        return (PermissionEnum.MANAGE_PAGE_TYPES_AND_ATTRIBUTES,)
    return (PermissionEnum.MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES,)


class Attribute(ObjectWithMetadataFields, ModelObjectType, model=models.Attribute):
    private_metadata_permissions = (PermissionEnum.MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES,)
    input_type = graphene.Field(AttributeInputTypeEnum)
    name = graphene.String()
    slug = graphene.String()
    type = graphene.Field(AttributeTypeEnum)
    value_required = graphene.Boolean(required=True)
    visible_in_storefront = graphene.Boolean(required=True)
    filterable_in_storefront = graphene.Boolean(required=True)
    filterable_in_dashboard = graphene.Boolean(required=True)
    storefront_search_position = graphene.Int(required=True)
    with_choices = graphene.Boolean(required=True)
    translation = translation_field(AttributeTranslation)
    external_reference = graphene.String(description="Always null: Haat keeps no external IDs.")

    class Meta:
        description = "A property products, variants or pages are described by."
        interfaces = (relay.Node, ObjectWithMetadata)

    resolve_translation = translation_resolver(TranslationByAttributeIdAndLanguageLoader)

    @classmethod
    def required_private_metadata_permissions(cls, root: models.Attribute, _info) -> tuple:
        return attribute_managers(root)

    @staticmethod
    def resolve_type(root: models.Attribute, _info):
        return root.type

    @staticmethod
    def resolve_filterable_in_dashboard(_root, _info):
        return True

    @staticmethod
    def resolve_external_reference(_root, _info) -> None:
        return None

    @staticmethod
    def resolve_with_choices(root: models.Attribute, _info):
        return root.input_type in (
            models.AttributeInputType.DROPDOWN,
            models.AttributeInputType.MULTISELECT,
            models.AttributeInputType.SWATCH,
        )


class SelectedAttribute(graphene.ObjectType):
    attribute = graphene.Field(Attribute, required=True)
    values = graphene.NonNull(graphene.List(graphene.NonNull(AttributeValue)))

    class Meta:
        description = "An attribute and the values a product, variant or page has for it."

    @staticmethod
    def resolve_attribute(root, _info):
        return root[0]

    @staticmethod
    def resolve_values(root, _info):
        return root[1]
