"""Root query fields of content: pages and navigation menus (the resolvers are in
`resolvers.py`)."""

from __future__ import annotations

import graphene

from storefront_api.core.arguments import slug_language_code_argument
from storefront_api.core.connection import connection_args

from .filters import MenuFilterInput, PageFilterInput
from .resolvers import resolve_menu, resolve_menus, resolve_page, resolve_pages
from .sorters import MenuSortingInput, PageSortingInput
from .types import Menu, MenuCountableConnection, Page, PageCountableConnection


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
