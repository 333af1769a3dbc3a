"""Translations of catalogue objects (Saleor's `<Type>Translation`): a name, a description, SEO
fields in one language; each type's `translation(languageCode)` field reads the stored one."""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay

from backend.catalog import models
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.scalars import JSONString
from storefront_api.core.types import LanguageDisplay

from ..context import unwrap
from .common import django_language, language_display


class _Translation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True)

    class Meta:
        abstract = True

    @staticmethod
    def resolve_language(root, _info):
        return language_display(root.language_code)


def translation_type(name: str, model, fields: dict[str, Any], description: str):
    def resolve_id(root, _info):
        return root.pk

    attrs = {
        **fields,
        "resolve_id": staticmethod(resolve_id),
        "Meta": type("Meta", (), {"description": description, "interfaces": (relay.Node,)}),
    }
    return type(name, (_Translation,), attrs)


_SEO_FIELDS = {
    "seo_title": graphene.String(),
    "seo_description": graphene.String(),
    "slug": graphene.String(),
    "name": graphene.String(),
    "description": JSONString(),
}

ProductTranslation = translation_type(
    "ProductTranslation", models.ProductTranslation, dict(_SEO_FIELDS), "A product in a language."
)
CategoryTranslation = translation_type(
    "CategoryTranslation",
    models.CategoryTranslation,
    dict(_SEO_FIELDS),
    "A category in a language.",
)
CollectionTranslation = translation_type(
    "CollectionTranslation",
    models.CollectionTranslation,
    dict(_SEO_FIELDS),
    "A collection in a language.",
)
ProductVariantTranslation = translation_type(
    "ProductVariantTranslation",
    models.ProductVariantTranslation,
    {"name": graphene.String(required=True)},
    "A variant's name in a language.",
)
AttributeTranslation = translation_type(
    "AttributeTranslation",
    models.AttributeTranslation,
    {"name": graphene.String(required=True)},
    "An attribute's name in a language.",
)
AttributeValueTranslation = translation_type(
    "AttributeValueTranslation",
    models.AttributeValueTranslation,
    {"name": graphene.String(required=True)},
    "An attribute value's name in a language.",
)


def translation_field(translation_type) -> graphene.Field:
    return graphene.Field(
        translation_type,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description="The stored translation for the language (its language part), or null.",
    )


def translation_resolver(loader_class):
    def resolve_translation(root, info, language_code):
        return loader_class(info.context).load((unwrap(root).pk, django_language(language_code)))

    return staticmethod(resolve_translation)
