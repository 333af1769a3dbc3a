"""Root query fields of content: pages (published ones for shoppers, all for page staff) and
navigation menus."""

from __future__ import annotations

import graphene

from backend.content import models as content_models
from backend.content.selectors import can_manage_pages, visible_pages
from storefront_api.catalog.filters import (
    MenuFilterInput,
    PageFilterInput,
    metadata_q,
    pks,
    search_text_q,
)
from storefront_api.catalog.sorters import MenuSortingInput, PageSortingInput, simple_sort_keys
from storefront_api.core.arguments import exactly_one_of, slug_language_code_argument
from storefront_api.core.connection import Page as ConnectionPage
from storefront_api.core.connection import connection_args, paginate
from storefront_api.core.ids import int_pk_or_error

from .types import Menu, MenuCountableConnection, Page, PageCountableConnection


def resolve_menu(info, *, channel=None, id=None, name=None, slug=None):
    lookups = exactly_one_of(id=id, name=name, slug=slug)
    if "id" in lookups:
        return content_models.Menu.objects.filter(pk=int_pk_or_error(id, "Menu")).first()
    if "name" in lookups:
        return content_models.Menu.objects.filter(name=name).first()
    return content_models.Menu.objects.filter(slug=slug).first()


def resolve_menus(info, *, channel=None, filter=None, sort_by=None, **kwargs) -> ConnectionPage:
    menus = content_models.Menu.objects.all()
    if filter:
        slugs = (filter.get("slugs") or []) + (filter.get("slug") or [])
        if slugs:
            menus = menus.filter(slug__in=slugs)
        menus = menus.filter(
            search_text_q(filter.get("search"), "name", "slug") & metadata_q(filter.get("metadata"))
        )
    keys = simple_sort_keys(sort_by, default="name")
    return paginate(menus, keys=keys, connection_name="menus", **kwargs)


def resolve_page(info, *, id=None, slug=None, **_kwargs):
    lookups = exactly_one_of(id=id, slug=slug)
    pages = visible_pages(can_see_all=can_manage_pages(info.context.user))
    if "id" in lookups:
        return pages.filter(pk=int_pk_or_error(id, "Page")).first()
    return pages.filter(slug=slug).first()


def resolve_pages(info, *, filter=None, sort_by=None, **kwargs) -> ConnectionPage:
    pages = visible_pages(can_see_all=can_manage_pages(info.context.user))
    if filter:
        if filter.get("ids"):
            pages = pages.filter(pk__in=pks(filter["ids"], "Page"))
        if filter.get("slugs"):
            pages = pages.filter(slug__in=filter["slugs"])
        if filter.get("page_types"):
            pages = pages.filter(page_type_id__in=pks(filter["page_types"], "PageType"))
        pages = pages.filter(
            search_text_q(filter.get("search"), "title", "slug")
            & metadata_q(filter.get("metadata"))
        )
    keys = simple_sort_keys(sort_by, default="slug")
    return paginate(pages, keys=keys, connection_name="pages", **kwargs)


class ContentQueries(graphene.ObjectType):
    menu = graphene.Field(
        Menu,
        channel=graphene.String(),
        id=graphene.ID(),
        name=graphene.String(),
        slug=graphene.String(),
        description="One navigation menu, by ID, name or slug.",
    )
    menus = graphene.Field(
        MenuCountableConnection,
        channel=graphene.String(),
        sort_by=graphene.Argument(MenuSortingInput),
        filter=graphene.Argument(MenuFilterInput),
        **connection_args(),
        description="Navigation menus.",
    )
    page = graphene.Field(
        Page,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=slug_language_code_argument(),
        description="One content page, by ID or slug.",
    )
    pages = graphene.Field(
        PageCountableConnection,
        sort_by=graphene.Argument(PageSortingInput),
        filter=graphene.Argument(PageFilterInput),
        **connection_args(),
        description="Content pages.",
    )

    @staticmethod
    def resolve_menu(_root, info, **kwargs):
        return resolve_menu(info, **kwargs)

    @staticmethod
    def resolve_menus(_root, info, **kwargs):
        return resolve_menus(info, **kwargs)

    @staticmethod
    def resolve_page(_root, info, **kwargs):
        return resolve_page(info, **kwargs)

    @staticmethod
    def resolve_pages(_root, info, **kwargs):
        return resolve_pages(info, **kwargs)
