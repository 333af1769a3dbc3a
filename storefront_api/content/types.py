"""GraphQL types of content: pages, their types, and navigation menus with their items."""

from __future__ import annotations

import graphene
from graphene import relay

from backend.content import models as content_models
from backend.content.selectors import can_manage_pages, is_page_visible
from backend.core.permissions import PermissionEnum
from storefront_api.catalog.dataloaders import CategoryByIdLoader, CollectionByIdLoader
from storefront_api.catalog.resolvers import visible_collection
from storefront_api.catalog.types.attributes import Attribute, SelectedAttribute
from storefront_api.catalog.types.categories import Category
from storefront_api.catalog.types.collections import Collection
from storefront_api.catalog.types.translations import (
    translation_field,
    translation_resolver,
    translation_type,
)
from storefront_api.core.connection import create_connection
from storefront_api.core.dataloaders import gather, then
from storefront_api.core.errors import PermissionDenied
from storefront_api.core.scalars import JSONString
from storefront_api.core.types import (
    ModelObjectType,
    ObjectWithMetadata,
    ObjectWithMetadataFields,
    has_any_permission,
)

from .dataloaders import (
    AttributesByPageTypeIdLoader,
    AttributeValuesByPageIdLoader,
    ChildrenByMenuItemIdLoader,
    HasPagesByPageTypeIdLoader,
    MenuByIdLoader,
    MenuItemByIdLoader,
    MenuItemsByMenuIdLoader,
    PageByIdLoader,
    PageTypeByIdLoader,
    TranslationByMenuItemIdAndLanguageLoader,
    TranslationByPageIdAndLanguageLoader,
    selected_attributes,
)

_PAGE_TYPE_MANAGERS = (PermissionEnum.MANAGE_PAGES, PermissionEnum.MANAGE_PAGE_TYPES_AND_ATTRIBUTES)

MenuItemTranslation = translation_type(
    "MenuItemTranslation",
    content_models.MenuItemTranslation,
    {"name": graphene.String(required=True)},
    "A menu item's name in a language.",
)
PageTranslation = translation_type(
    "PageTranslation",
    content_models.PageTranslation,
    {
        "seo_title": graphene.String(),
        "seo_description": graphene.String(),
        "slug": graphene.String(),
        "title": graphene.String(),
        "content": JSONString(),
    },
    "A page in a language.",
)


class PageType(ObjectWithMetadataFields, ModelObjectType, model=content_models.PageType):
    private_metadata_permissions = (PermissionEnum.MANAGE_PAGE_TYPES_AND_ATTRIBUTES,)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    attributes = graphene.List(
        graphene.NonNull(Attribute),
        description=(
            "The attributes of this type's pages, in order; those not visible in the storefront "
            "only for page managers."
        ),
    )
    has_pages = graphene.Boolean(
        description=(
            "Whether any page is of this type. Requires one of the following permissions: "
            "MANAGE_PAGES, MANAGE_PAGE_TYPES_AND_ATTRIBUTES."
        )
    )

    class Meta:
        description = "A kind of content page (about, help, terms)."
        interfaces = (relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_attributes(root: content_models.PageType, info):
        return AttributesByPageTypeIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_has_pages(root: content_models.PageType, info):
        if not has_any_permission(info.context.user, _PAGE_TYPE_MANAGERS):
            raise PermissionDenied(permissions=list(_PAGE_TYPE_MANAGERS))
        return HasPagesByPageTypeIdLoader(info.context).load(root.pk)


class Page(ObjectWithMetadataFields, ModelObjectType, model=content_models.Page):
    private_metadata_permissions = (PermissionEnum.MANAGE_PAGES,)
    seo_title = graphene.String()
    seo_description = graphene.String()
    title = graphene.String(required=True)
    content = JSONString()
    published_at = graphene.DateTime()
    is_published = graphene.Boolean(required=True)
    slug = graphene.String(required=True)
    page_type = graphene.Field(PageType, required=True)
    created = graphene.DateTime(required=True)
    translation = translation_field(PageTranslation)
    attributes = graphene.NonNull(
        graphene.List(graphene.NonNull(SelectedAttribute)),
        description=(
            "Every attribute of the page's type with the page's values for it (an empty list "
            "when it has none); those not visible in the storefront only for page managers."
        ),
    )

    class Meta:
        description = "A content page of the shop."
        interfaces = (relay.Node, ObjectWithMetadata)

    resolve_translation = translation_resolver(TranslationByPageIdAndLanguageLoader)

    @staticmethod
    def resolve_page_type(root: content_models.Page, info):
        return PageTypeByIdLoader(info.context).load(root.page_type_id)

    @staticmethod
    def resolve_created(root: content_models.Page, _info):
        return root.created_at

    @staticmethod
    def resolve_attributes(root: content_models.Page, info):
        return then(
            gather(
                [
                    AttributesByPageTypeIdLoader(info.context).load(root.page_type_id),
                    AttributeValuesByPageIdLoader(info.context).load(root.pk),
                ]
            ),
            lambda loaded: selected_attributes(*loaded),
        )


PageCountableConnection = create_connection(Page)


def _visible_page(page, info):
    if page is None:
        return None
    if is_page_visible(page) or can_manage_pages(info.context.user):
        return page
    return None


class MenuItem(ObjectWithMetadataFields, ModelObjectType, model=content_models.MenuItem):
    private_metadata_permissions = (PermissionEnum.MANAGE_MENUS,)
    name = graphene.String(required=True)
    menu = graphene.Field(lambda: Menu, required=True)
    parent = graphene.Field(lambda: MenuItem)
    category = graphene.Field(Category)
    collection = graphene.Field(Collection)
    page = graphene.Field(Page)
    level = graphene.Int(required=True)
    children = graphene.List(graphene.NonNull(lambda: MenuItem))
    url = graphene.String()
    translation = translation_field(MenuItemTranslation)

    class Meta:
        description = "A link in a navigation menu: to a category, collection, page or URL."
        interfaces = (relay.Node, ObjectWithMetadata)

    resolve_translation = translation_resolver(TranslationByMenuItemIdAndLanguageLoader)

    @staticmethod
    def resolve_menu(root: content_models.MenuItem, info):
        return MenuByIdLoader(info.context).load(root.menu_id)

    @staticmethod
    def resolve_parent(root: content_models.MenuItem, info):
        return MenuItemByIdLoader(info.context).load(root.parent_id) if root.parent_id else None

    @staticmethod
    def resolve_category(root: content_models.MenuItem, info):
        return CategoryByIdLoader(info.context).load(root.category_id) if root.category_id else None

    @staticmethod
    def resolve_collection(root: content_models.MenuItem, info):
        if not root.collection_id:
            return None
        return then(
            CollectionByIdLoader(info.context).load(root.collection_id),
            lambda collection: visible_collection(
                info, collection, getattr(root, "channel_slug", None)
            ),
        )

    @staticmethod
    def resolve_page(root: content_models.MenuItem, info):
        if not root.page_id:
            return None
        return then(
            PageByIdLoader(info.context).load(root.page_id), lambda page: _visible_page(page, info)
        )

    @staticmethod
    def resolve_children(root: content_models.MenuItem, info):
        return ChildrenByMenuItemIdLoader(info.context).load(root.pk)


class Menu(ObjectWithMetadataFields, ModelObjectType, model=content_models.Menu):
    private_metadata_permissions = (PermissionEnum.MANAGE_MENUS,)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    items = graphene.List(graphene.NonNull(MenuItem))

    class Meta:
        description = "A navigation menu (the navbar, the footer)."
        interfaces = (relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_items(root: content_models.Menu, info):
        return then(
            MenuItemsByMenuIdLoader(info.context).load(root.pk),
            lambda items: [item for item in items if item.parent_id is None],
        )


MenuCountableConnection = create_connection(Menu)
